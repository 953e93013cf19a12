import type { SaveOutcome } from './useSavedDocument';

/** Save, "Unsaved changes", Revert, and what the last save said: under a saved document's editor. */
export function SavedDocumentActions({ label, savedText, canSave, document }: { label: string; savedText: string; canSave: boolean; document: { dirty: boolean; saving: boolean; outcome: SaveOutcome | null; save: () => Promise<void>; revert: () => void } }) {
  const { dirty, saving, outcome, save, revert } = document;
  return (
    <>
      <div className="jsonc-actions">
        <button type="button" className="button primary" onClick={() => void save()} disabled={!canSave || saving}>
          {label}
        </button>
        {dirty && <span className="muted">Unsaved changes</span>}
        <button type="button" className="button small ghost" disabled={!dirty} onClick={revert}>
          Revert
        </button>
      </div>
      {outcome?.ok && (
        <p className="jsonc-ok" role="status">
          {savedText}
        </p>
      )}
      {outcome && !outcome.ok && (
        <p className="jsonc-error" role="alert">
          {outcome.text}
        </p>
      )}
    </>
  );
}
