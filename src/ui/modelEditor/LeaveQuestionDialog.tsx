import { useId } from 'react';
import type { KeyboardEvent } from 'react';
import { answerLeaveQuestion, useLeaveQuestion } from './unsavedDraft';

/**
 * Asks before the model editor closes over unsaved changes. Keeping them is the default: it has
 * the focus, and Esc chooses it, so a reflex never loses work.
 */
export function LeaveQuestionDialog({ onKeepEditing }: { onKeepEditing: () => void }) {
  const question = useLeaveQuestion();
  const questionId = useId();
  if (!question) return null;

  const keepEditing = () => {
    answerLeaveQuestion(false);
    onKeepEditing();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    // Esc here answers the question; it must not also reach the studio's own Esc (close the editor).
    event.preventDefault();
    event.stopPropagation();
    keepEditing();
  };
  const what = question.modelName !== undefined ? `“${question.modelName}”` : 'this new model';

  return (
    <div className="model-editor__leave" role="alertdialog" aria-labelledby={questionId} onKeyDown={onKeyDown}>
      <p>
        <strong id={questionId}>Discard your changes to {what}?</strong> They are not saved.
      </p>
      <div className="model-editor__leave-actions">
        <button type="button" className="button small" autoFocus onClick={keepEditing}>
          Keep editing
        </button>
        <button type="button" className="button small danger" onClick={() => answerLeaveQuestion(true)}>
          Discard changes
        </button>
      </div>
    </div>
  );
}
