import { useEffect, useRef } from 'react';

/** What "Project ▾" offers; the palette asks the menu to open the same dialogs. */
export type ProjectMenuItem =
  'export' | 'import' | 'share' | 'extensions' | 'storage' | 'keys' | 'signing' | 'settings';

/** Requests a component that owns the state answers: its own dialog, or an Add that knows the viewport. */
interface StudioRequests {
  projectMenu: ProjectMenuItem;
  runWith: null;
  addStep: string;
  tidyUp: null;
  newFlow: null;
}
type Listener<K extends keyof StudioRequests> = (payload: StudioRequests[K]) => void;

const listeners: { [K in keyof StudioRequests]: Set<Listener<K>> } = {
  projectMenu: new Set(),
  runWith: new Set(),
  addStep: new Set(),
  tidyUp: new Set(),
  newFlow: new Set(),
};

/**
 * Asks whichever component owns it to do what its own button does (the command palette runs the
 * buttons' code paths this way, not copies of them). False when nothing on screen answers.
 */
export function requestStudio<K extends keyof StudioRequests>(type: K, payload: StudioRequests[K]): boolean {
  const answering = [...listeners[type]];
  for (const listener of answering) listener(payload);
  return answering.length > 0;
}

/** Answers requests of one type while the component is mounted, always with its latest handler. */
export function useStudioRequest<K extends keyof StudioRequests>(type: K, handler: Listener<K>): void {
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => {
    const listener: Listener<K> = (payload) => latest.current(payload);
    listeners[type].add(listener);
    return () => void listeners[type].delete(listener);
  }, [type]);
}
