import { useEffect, useRef } from 'react';
import { MaximiseButton } from '../shell/MaximiseButton';
import { LeaveQuestionDialog } from './LeaveQuestionDialog';
import { leaveModelEditor, reportUnsavedDraft } from './unsavedDraft';

/** The model editor's head, shared by the code editor and the definition editor: title, save status, Close. */
export function ModelEditorHeader({
  titleId,
  title,
  modelName,
  dirty,
  savedVersion,
  onClose,
}: {
  titleId: string;
  title: string;
  /** The saved model's name, for the question about unsaved changes; undefined for a new model. */
  modelName: string | undefined;
  dirty: boolean;
  savedVersion: number | undefined;
  onClose: () => void;
}) {
  const closeRef = useRef<HTMLButtonElement>(null);
  // Whoever closes the editor (Close, Esc, another model's Edit) asks first while this is set.
  useEffect(() => {
    reportUnsavedDraft(dirty ? { modelName } : null);
  }, [dirty, modelName]);
  useEffect(() => () => reportUnsavedDraft(null), []);

  return (
    <>
      <header className="model-editor__header">
        <h2 id={titleId}>{title}</h2>
        <span className="model-editor__status" role="status">
          {dirty ? 'Unsaved changes' : savedVersion !== undefined ? `Saved as version ${savedVersion}` : ''}
        </span>
        <MaximiseButton what="model editor" />
        <button ref={closeRef} type="button" className="model-editor__close" onClick={() => leaveModelEditor(onClose)}>
          Close
        </button>
      </header>
      <LeaveQuestionDialog onKeepEditing={() => closeRef.current?.focus()} />
    </>
  );
}
