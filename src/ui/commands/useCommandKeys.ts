import { useEffect } from 'react';
import { isTyping } from '../shell/useStudioShortcuts';

interface CommandKeys {
  openPalette: () => void;
  openShortcuts: () => void;
  selectAllSteps: () => void;
}

/** A modal dialog owns the keyboard while it is open. */
const dialogOpen = (): boolean => document.querySelector('dialog[open]') !== null;

/** Monaco has its own Ctrl+K chords and Ctrl+Shift+P palette; a press there is Monaco's. */
const inCodeEditor = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement && target.closest('.monaco-editor') !== null;

/** A press meant for the canvas: on it, or with nothing focused (after a click on its background). */
const onCanvas = (target: EventTarget | null): boolean =>
  target === document.body || (target instanceof HTMLElement && target.closest('.react-flow') !== null);

/**
 * Ctrl+K and Ctrl+Shift+P open the command palette (from a text field too, not from the code
 * editor); `?` opens the shortcut sheet and Ctrl+A selects every step, both only when the press
 * is not typing.
 */
export function useCommandKeys({ openPalette, openShortcuts, selectAllSteps }: CommandKeys): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || dialogOpen()) return;
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      if (
        mod &&
        !e.altKey &&
        ((key === 'k' && !e.shiftKey) || (key === 'p' && e.shiftKey)) &&
        !inCodeEditor(e.target)
      ) {
        e.preventDefault();
        openPalette();
      } else if (e.key === '?' && !mod && !e.altKey && !isTyping(e.target)) {
        e.preventDefault();
        openShortcuts();
      } else if (mod && key === 'a' && !e.shiftKey && !e.altKey && !isTyping(e.target) && onCanvas(e.target)) {
        e.preventDefault();
        selectAllSteps();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [openPalette, openShortcuts, selectAllSteps]);
}
