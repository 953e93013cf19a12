import { useCallback } from 'react';
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';

const slotStore = createStore<{ slot: HTMLElement | null }>(() => ({ slot: null }));

/** Where the notices stack is shown, if a canvas is on screen; null shows it in its fallback place. */
export const useNoticeSlot = (): HTMLElement | null => useStore(slotStore, (s) => s.slot);

/**
 * The place for notices: the canvas's top-right corner, under the toolbars and above the timeline,
 * so a notice never covers a toolbar, the timeline or its Fork button. The stack itself is
 * rendered by Notices into this element.
 */
export function NoticeSlot() {
  const register = useCallback((element: HTMLDivElement | null) => {
    if (!element) return;
    slotStore.setState({ slot: element });
    return () => slotStore.setState((s) => (s.slot === element ? { slot: null } : s));
  }, []);
  return <div className="notice-slot" ref={register} />;
}
