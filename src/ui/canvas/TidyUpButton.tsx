import { useEffect } from 'react';
import type { FlowDefinition } from '../../core/project/projectState';
import { useUi } from '../../app/uiStore';
import { useTidyUp } from './useTidyUp';
import { useStudioRequest } from '../commands/studioRequests';

/** True when a key press belongs to a text field or the code editor, not to the canvas. */
const isTyping = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement &&
  (target.isContentEditable ||
    ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) ||
    target.closest('.monaco-editor') !== null);

/** “Tidy up” in the flow toolbar, and its shortcut Shift+Alt+L: lays the flow out left to right, as one undoable change. */
export function TidyUpButton({ flow, disabled }: { flow: FlowDefinition; disabled: boolean }) {
  const { tidy, busy } = useTidyUp(flow);
  // An earlier version being viewed cannot be tidied: the moves would land on the current flow.
  const viewing = useUi((s) => s.viewingVersion !== null);
  const off = disabled || viewing || flow.steps.size === 0;
  useEffect(() => {
    if (off) return;
    const onKey = (e: KeyboardEvent) => {
      // By code, not key: Alt changes the character (¬ on a Mac) but not the key pressed.
      if (!e.shiftKey || !e.altKey || e.ctrlKey || e.metaKey || e.code !== 'KeyL' || isTyping(e.target)) return;
      e.preventDefault();
      void tidy();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [off, tidy]);
  // The command palette's "Tidy up" runs this button.
  useStudioRequest('tidyUp', () => void (off || busy ? undefined : tidy()));
  return (
    <button
      type="button"
      className="button small ghost"
      aria-keyshortcuts="Shift+Alt+L"
      title="Lay the flow out left to right, port by port; one Ctrl+Z undoes it (Shift+Alt+L)"
      disabled={off || busy}
      onClick={() => void tidy()}
    >
      Tidy up
    </button>
  );
}
