import { useId, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { ModelEditorHeader } from './ModelEditorHeader';
import { useDefinitions } from '../../app/useProjectSession';
import { flowIdSchema, flowReferenceSchema } from '../../core/events/primitives';
import type { ModelDefinition } from '../../core/models/modelDefinition';
import { JsoncEditor } from '../jsonc/JsoncEditor';
import { checkJsonc, parseJsonc } from '../jsonc/jsoncCheck';
import { useJsoncDocument, type SavedResult } from '../jsonc/useJsoncDocument';
import { jsoncDocumentUri } from '../jsonc/jsonSchemaRegistry';
import { jsonSchemaWithIds, type IdChoice } from '../jsonc/jsonSchemaWithIds';
import { ProblemList } from '../jsonc/ProblemList';
import type { KindRegistry } from '../../core/kinds/kindRegistry';
import { z } from 'zod';
import { declaredKind, documentMatchesModel, textFromModel } from './definitionDraft';
import { definitionDocs, definitionKindOf, definitionSchema, type DefinitionKind } from './definitionKinds';
import { LlmProviderPanel } from './LlmProviderPanel';
import './modelEditor.css';

export interface DefinitionEditorProps {
  /** The model to edit, or null for a new one of `kind`. */
  model: ModelDefinition | null;
  kind: DefinitionKind;
  /** The project's kinds: templates, schemas and docs come from it. */
  kinds: KindRegistry;
  /** The project's flows, for a sub-flow's `flowId`. */
  flows: readonly IdChoice[];
  /** After the conductor saved the definition; the caller re-renders with the new version. */
  onSaved: (definition: Record<string, unknown>, result: SavedResult) => void;
  onClose: () => void;
}

const SCHEMA_URI = 'https://conductor.studio/schemas/model-definition.json';

/**
 * Creates or edits a model of any kind but script as a JSON-with-comments document, checked as
 * it is typed against the same schema the conductor saves it with.
 */
/** Before the document names a kind the registry knows, any object is checked only as JSON. */
const ANY_DOCUMENT = z.record(z.string(), z.unknown());

export function DefinitionEditor({ model, kind, kinds, flows, onSaved, onClose }: DefinitionEditorProps) {
  const titleId = useId();
  const [documentUri] = useState(() => jsoncDocumentUri('model.jsonc'));
  const defs = useDefinitions();
  const [createdId, setCreatedId] = useState<string | null>(null);
  const [savedVersion, setSavedVersion] = useState<number | undefined>(undefined);
  const modelId = model?.modelId ?? createdId ?? undefined;
  // What the last save sent, for the caller to name a model it created.
  const sent = useRef<Record<string, unknown>>({});
  const [template] = useState(() => kinds.template(kind)?.text(flows) ?? '{}\n');
  // A new version arrived: this document's own save keeps its text; an untouched one follows.
  const document = useJsoncDocument({
    saved: model ? textFromModel(model, kinds, defs) : template,
    ...(model ? { says: (draft: string) => documentMatchesModel(kinds, draft, model, defs) } : {}),
    command: (text) => {
      const parsed = parseJsonc(text);
      if (!parsed.ok || !parsed.value || typeof parsed.value !== 'object' || Array.isArray(parsed.value))
        return { notReady: 'The document is not a JSON object yet: fix the problems marked, then save again.' };
      const definition = { ...(parsed.value as Record<string, unknown>) };
      // The model this editor made keeps its id, so a second save is its version 2, not another model.
      if (definition.modelId === undefined && modelId !== undefined) definition.modelId = modelId;
      sent.current = definition;
      return { type: 'saveModelDefinition', definition };
    },
    onSaved: (result) => {
      if (!model && result.createdId !== undefined) setCreatedId(result.createdId);
      setSavedVersion((model?.version ?? 0) + 1);
      onSaved(sent.current, result);
    },
  });
  const { draft, dirty, outcome, saving, save } = document;

  const parsed = useMemo(() => parseJsonc(draft), [draft]);
  const docKind =
    (parsed.ok ? declaredKind(kinds, parsed.value) : null) ?? (model ? definitionKindOf(kinds, model) : null) ?? kind;
  const docSchema = definitionSchema(kinds, docKind) ?? ANY_DOCUMENT;
  const check = useMemo(() => checkJsonc(draft, docSchema), [draft, docSchema]);
  // A sub-flow names its flow by name (completed) or, as stored, by id: both are accepted.
  const flowChoices = useMemo(() => {
    const byName = flows.map((f) => ({ id: f.label, label: 'flow' }));
    const byId = flows.map((f) => ({ id: f.id, label: `id of the flow “${f.label}”` }));
    return [[flowIdSchema, flows] as const, [flowReferenceSchema, [...byName, ...byId]] as const];
  }, [flows]);
  const schema = useMemo(
    () => ({
      uri: SCHEMA_URI,
      fileMatch: ['*.model.jsonc'],
      schema: jsonSchemaWithIds(docSchema, flowChoices, definitionDocs(kinds)),
    }),
    [docSchema, flowChoices, kinds],
  );
  const shownIssues = document.issuesBeside(check.ok ? [] : check.issues);
  const label = kinds.template(docKind)?.label ?? docKind;

  const requestSave = () => void save();
  const onSubmit = (event: FormEvent) => (event.preventDefault(), requestSave());
  const onKeyDown = (event: KeyboardEvent) => {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's' && !event.defaultPrevented) {
      event.preventDefault();
      requestSave();
    }
  };

  return (
    <form
      className="model-editor definition-editor"
      aria-labelledby={titleId}
      onSubmit={onSubmit}
      onKeyDown={onKeyDown}
      noValidate
    >
      <ModelEditorHeader
        titleId={titleId}
        title={model ? `Edit model · version ${model.version}` : `New model · ${label}`}
        modelName={model?.name}
        dirty={dirty}
        savedVersion={savedVersion}
        onClose={onClose}
      />
      <div className="definition-editor__body">
        <p className="jsonc-note">
          <span className="kind-badge">{label}</span> JSON with comments: Ctrl+Space completes a field, hovering one
          explains it.
        </p>
        {docKind === 'llm' && (
          <>
            <p className="jsonc-note" data-testid="llm-key-note">
              Keys are referenced by name (<code>apiKeyName</code>) and managed in <strong>Project ▾ → API keys</strong>
              ; they stay in this browser and never enter the project, its log or its exports.
            </p>
            <LlmProviderPanel draft={draft} onEdit={document.edit} />
          </>
        )}
        <JsoncEditor
          value={draft}
          onChange={document.edit}
          onSaveShortcut={requestSave}
          ariaLabel="Model definition"
          documentUri={documentUri}
          schema={schema}
          issues={shownIssues}
          saveAction={{ id: 'conductor.saveModelDefinition', label: 'Save model' }}
          className="definition-editor__code"
        />
        <ProblemList issues={shownIssues} documentUri={documentUri} />
      </div>
      <footer className="model-editor__footer">
        {outcome && !outcome.ok && (
          <p className="model-editor__error" role="alert">
            {outcome.text}
          </p>
        )}
        <button type="submit" className="model-editor__save" disabled={saving}>
          {saving ? 'Saving…' : 'Save model'}
        </button>
      </footer>
    </form>
  );
}
