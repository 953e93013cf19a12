import { useEffect, useRef, type DragEvent, type ReactNode } from 'react';

/**
 * A close event that finds its dialog open again is stale: React's development double mount closed
 * and reopened the dialog, and the event of that first close arrives after the reopening.
 */
export const reopened = (dialog: HTMLDialogElement | null): boolean => dialog?.open === true;

const carriesFiles = (event: DragEvent): boolean => event.dataTransfer.types.includes('Files');

/**
 * A modal dialog on the native <dialog>: focus moves into it and is kept there, Escape closes it,
 * and focus returns to what opened it. Titled by its heading. With `onDropFile`, a file dropped on
 * it is handed over (and not to the studio's project import).
 */
export function Dialog({
  title,
  onClose,
  onDropFile,
  children,
}: {
  title: string;
  onClose: () => void;
  onDropFile?: (file: File) => void;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  const titleId = `dialog-${title.replace(/\W+/g, '-').toLowerCase()}`;
  // A dialog that takes files keeps their drags to itself: the studio's own drop (import a project) stays out of it.
  const takeDrag = (e: DragEvent) => {
    if (!onDropFile || !carriesFiles(e)) return;
    e.preventDefault();
    e.stopPropagation();
  };
  const drop = (e: DragEvent) => {
    if (!onDropFile || !carriesFiles(e)) return;
    takeDrag(e);
    const file = e.dataTransfer.files[0];
    if (file) onDropFile(file);
  };
  return (
    <dialog
      ref={ref}
      className="share-dialog"
      aria-labelledby={titleId}
      onClose={() => reopened(ref.current) || onClose()}
      onCancel={(e) => (e.preventDefault(), onClose())}
      onDragEnter={takeDrag}
      onDragLeave={takeDrag}
      onDragOver={takeDrag}
      onDrop={drop}
    >
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
