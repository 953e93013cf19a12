import { useEffect } from 'react';
import { uiStore } from '../../app/uiStore';
import { openModelEditor } from '../modelEditor/unsavedDraft';

/** True when a key press belongs to a text field or the code editor, not to the studio. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) ||
    target.closest('.monaco-editor') !== null
  );
}

interface Shortcuts {
  run: () => void;
  undo: () => void;
  redo: () => void;
  step: (by: 1 | -1) => void;
}

/**
 * The studio's keyboard: Ctrl+Enter runs; Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y undo and redo flow
 * edits (not while typing, where they belong to the field); Alt+←/→ step the timeline; Escape
 * closes the model editor or leaves a viewed version.
 */
export function useStudioShortcuts({ run, undo, redo, step }: Shortcuts): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      if (mod && e.key === 'Enter') {
        e.preventDefault();
        run();
      } else if (mod && !isTyping(e.target) && (e.key === 'z' || e.key === 'Z') && !e.shiftKey) {
        e.preventDefault();
        undo();
      } else if (mod && !isTyping(e.target) && (((e.key === 'z' || e.key === 'Z') && e.shiftKey) || e.key === 'y')) {
        e.preventDefault();
        redo();
      } else if (e.altKey && !isTyping(e.target) && (e.key === 'ArrowLeft' || e.key === 'ArrowRight')) {
        e.preventDefault();
        step(e.key === 'ArrowLeft' ? -1 : 1);
      } else if (e.key === 'Escape') {
        const { editingModel, viewingVersion } = uiStore.getState();
        if (editingModel !== null) openModelEditor(null);
        else if (viewingVersion !== null) uiStore.setState({ viewingVersion: null });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [run, undo, redo, step]);
}
