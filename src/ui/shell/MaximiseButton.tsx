import { useEffect } from 'react';
import { setWide, usePanelLayout } from '../../app/panelLayout';

/**
 * Opens the right-hand editor wide (over most of the canvas) and back. Escape also restores it,
 * before it does anything else (closing the model editor, say): the listener is on document, so it
 * runs ahead of the studio's shortcuts on window, and after an editor widget that took the key.
 */
export function MaximiseButton({ what }: { what: string }) {
  const wide = usePanelLayout((l) => l.wide);
  useEffect(() => {
    if (!wide) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      if (e.target instanceof Element && e.target.closest('dialog')) return;
      e.stopPropagation();
      setWide(false);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [wide]);
  return (
    <button
      type="button"
      className="button small ghost maximise-button"
      aria-pressed={wide}
      aria-label={`Maximise ${what}`}
      title={wide ? 'Restore (Esc)' : 'Open wide'}
      onClick={() => setWide(!wide)}
    >
      <span aria-hidden="true">{wide ? '⤡' : '⤢'}</span>
    </button>
  );
}
