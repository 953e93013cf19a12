import { MaximiseButton } from '../shell/MaximiseButton';

/** The model editor's head, shared by the code editor and the definition editor: title, save status, Close. */
export function ModelEditorHeader({
  titleId,
  title,
  dirty,
  savedVersion,
  onClose,
}: {
  titleId: string;
  title: string;
  dirty: boolean;
  savedVersion: number | undefined;
  onClose: () => void;
}) {
  return (
    <header className="model-editor__header">
      <h2 id={titleId}>{title}</h2>
      <span className="model-editor__status" role="status">
        {dirty ? 'Unsaved changes' : savedVersion !== undefined ? `Saved as version ${savedVersion}` : ''}
      </span>
      <MaximiseButton what="model editor" />
      <button type="button" className="model-editor__close" onClick={onClose}>
        Close
      </button>
    </header>
  );
}
