import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A modal dialog on the native <dialog>: focus moves into it and is kept there, Escape closes it,
 * and focus returns to what opened it. Titled by its heading.
 */
export function Dialog({ title, onClose, children }: { title: string; onClose: () => void; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  const titleId = `dialog-${title.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <dialog ref={ref} className="share-dialog" aria-labelledby={titleId} onClose={onClose} onCancel={(e) => (e.preventDefault(), onClose())}>
      <header className="share-dialog__head">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="link" aria-label="Close" onClick={onClose}>
          ✕
        </button>
      </header>
      {children}
    </dialog>
  );
}

/** Progress of a long import or export, announced politely. */
export function ProgressLine({ label, done, total }: { label: string; done: number; total: number }) {
  return (
    <div className="share-progress" role="status">
      <span>{label}</span>
      <progress max={Math.max(total, 1)} value={Math.min(done, total)} aria-label={label} />
    </div>
  );
}
