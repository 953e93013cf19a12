import { lazy, Suspense } from 'react';
import type { SchemaEntry } from './jsonSchemaRegistry';
import type { JsoncIssue } from './jsoncCheck';
import { ProblemList } from './ProblemList';
import type { JsoncDocument } from './useJsoncDocument';
import './jsonc.css';

// Monaco is large: it loads when a person first opens an editor.
const JsoncEditor = lazy(() => import('./JsoncEditor').then((m) => ({ default: m.JsoncEditor })));

export interface JsoncDocumentPanelProps {
  document: JsoncDocument;
  /** The problems found as the draft is typed (the conductor's refusal replaces them when it names places). */
  liveIssues: readonly JsoncIssue[];
  /** The editor's accessible name. */
  ariaLabel: string;
  documentUri: string;
  schema: SchemaEntry;
  /** The save button's words, also Monaco's command for Ctrl+S (`saveId`). */
  saveLabel: string;
  saveId: string;
  /** What a save that went through says. */
  savedText: string;
  /** This tab may save (it leads the project). */
  canSave: boolean;
  /** A document saved whole offers Revert; a step's settings follow Undo over the canvas instead. */
  revertable?: boolean;
  /** The button's size: `small` inside the inspector. */
  compact?: boolean;
  editorClassName: string;
}

/**
 * A JSON-with-comments document in Monaco with its save: the editor (completion and hover from the
 * schema, problems marked), Save, "Unsaved changes", Revert, what the last save said, and the list
 * of problems. Alert rules, policies and a step's settings are each one of these.
 */
export function JsoncDocumentPanel({
  document,
  liveIssues,
  ariaLabel,
  documentUri,
  schema,
  saveLabel,
  saveId,
  savedText,
  canSave,
  revertable = true,
  compact = false,
  editorClassName,
}: JsoncDocumentPanelProps) {
  const { draft, dirty, outcome, saving, edit, save, revert } = document;
  const issues = document.issuesBeside(liveIssues);
  return (
    <>
      <Suspense fallback={<p className="muted">Loading editor…</p>}>
        <JsoncEditor
          value={draft}
          onChange={edit}
          onSaveShortcut={() => void save()}
          ariaLabel={ariaLabel}
          documentUri={documentUri}
          schema={schema}
          issues={issues}
          saveAction={{ id: saveId, label: saveLabel }}
          className={editorClassName}
        />
      </Suspense>
      <div className="jsonc-actions">
        <button
          type="button"
          className={`button ${compact ? 'small ' : ''}primary`}
          onClick={() => void save()}
          disabled={!canSave || saving}
        >
          {saveLabel}
        </button>
        {dirty && <span className="muted">Unsaved changes</span>}
        {revertable && (
          <button type="button" className="button small ghost" disabled={!dirty} onClick={revert}>
            Revert
          </button>
        )}
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
      <ProblemList issues={issues} documentUri={documentUri} />
    </>
  );
}
