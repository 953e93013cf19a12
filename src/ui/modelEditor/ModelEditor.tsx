import { useId, useRef, useState } from 'react';
import { ModelEditorHeader } from './ModelEditorHeader';
import type { FormEvent, KeyboardEvent } from 'react';
import type { Command, CommandResult } from '../../core/conductor/commands';
import { labelSchema, portNameSchema, portTypeSchema } from '../../core/events/primitives';
import type { PortType } from '../../core/events/primitives';
import { DEFAULT_MODEL_SOURCE } from '../../core/models/ctxTypes';
import { DEFAULT_TIMEOUT_MS } from '../../core/models/modelDefinition';
import type { ScriptModel } from '../../core/models/modelDefinition';
import { MonacoCode } from './MonacoCode';
import { isAcceptedTimeout, SCRIPT_MODEL_LIMITS } from './scriptModelLimits';
import './modelEditor.css';

export type SaveModelCommand = Extract<Command, { type: 'saveModel' }>;

export interface ModelEditorProps {
  /** The model to edit, or null for a new one. Key the editor by model id when switching models. */
  model: ScriptModel | null;
  onSave: (command: SaveModelCommand) => Promise<CommandResult>;
  onClose: () => void;
}

type PortSide = 'input' | 'output';
interface PortDraft {
  /** Stable React key: a row keeps its focus while names change or rows above it go. */
  key: number;
  name: string;
  type: PortType;
}
interface Draft {
  name: string;
  description: string;
  inputs: PortDraft[];
  outputs: PortDraft[];
  timeoutMs: string;
  source: string;
}
type Outcome =
  { kind: 'saved'; version: number } | { kind: 'failed'; message: string; hint: string } | { kind: 'invalid' };

const { timeoutMs: TIMEOUT_MS, ports: MAX_PORTS } = SCRIPT_MODEL_LIMITS;
let nextPortKey = 1;
const portDraft = (name: string, type: PortType): PortDraft => ({ key: nextPortKey++, name, type });

function draftFromModel(model: ScriptModel | null): Draft {
  if (!model) {
    return {
      name: '',
      description: '',
      inputs: [portDraft('input', 'text')],
      outputs: [portDraft('output', 'text')],
      timeoutMs: String(DEFAULT_TIMEOUT_MS),
      source: DEFAULT_MODEL_SOURCE,
    };
  }
  return {
    name: model.name,
    description: model.description,
    inputs: model.inputs.map((p) => portDraft(p.name, p.type)),
    outputs: model.outputs.map((p) => portDraft(p.name, p.type)),
    timeoutMs: String(model.timeoutMs),
    source: model.source,
  };
}

const versionKey = (model: ScriptModel | null) => (model ? `${model.modelId}@${model.version}` : null);

/** What a draft would save, without row keys: two drafts with equal snapshots are the same model. */
function snapshot(draft: Draft): string {
  const ports = (list: PortDraft[]) => list.map(({ name, type }) => ({ name, type }));
  return JSON.stringify([
    draft.name,
    draft.description,
    ports(draft.inputs),
    ports(draft.outputs),
    draft.timeoutMs,
    draft.source,
  ]);
}

/** Client-side checks mirror the conductor's schemas so a person sees problems early; the conductor still decides. */
function validate(draft: Draft) {
  const nameCheck = labelSchema.safeParse(draft.name);
  const portErrors = (list: PortDraft[]) =>
    list.map((port, i) => {
      const check = portNameSchema.safeParse(port.name);
      if (!check.success) return `Port name ${check.error.issues[0]?.message ?? 'is not valid'}.`;
      if (list.findIndex((p) => p.name === port.name) < i) return 'Another port already has this name.';
      return undefined;
    });
  const timeout = Number(draft.timeoutMs);
  return {
    name: nameCheck.success ? undefined : `Name ${nameCheck.error.issues[0]?.message ?? 'is not valid'}.`,
    timeoutMs:
      draft.timeoutMs.trim() !== '' && isAcceptedTimeout(timeout)
        ? undefined
        : `Use a whole number of milliseconds from ${TIMEOUT_MS.min} to ${TIMEOUT_MS.max}.`,
    inputs: portErrors(draft.inputs),
    outputs: portErrors(draft.outputs),
    outputsList: draft.outputs.length === 0 ? 'A model needs at least one output.' : undefined,
  };
}
type Validation = ReturnType<typeof validate>;

const hasErrors = (v: Validation) =>
  [v.name, v.timeoutMs, v.outputsList, ...v.inputs, ...v.outputs].some((message) => message !== undefined);

function toCommand(draft: Draft, modelId: string | undefined): SaveModelCommand {
  const ports = (list: PortDraft[]) => list.map(({ name, type }) => ({ name, type }));
  return {
    type: 'saveModel',
    ...(modelId !== undefined ? { modelId } : {}),
    name: draft.name,
    description: draft.description,
    inputs: ports(draft.inputs),
    outputs: ports(draft.outputs),
    source: draft.source,
    timeoutMs: Number(draft.timeoutMs),
  };
}

/**
 * Creates or edits a script model: its name, ports, timeout and TypeScript code. Saving sends one
 * `saveModel` command; the caller re-renders with the new version, which becomes the clean state.
 */
export function ModelEditor({ model, onSave, onClose }: ModelEditorProps) {
  const formId = useId();
  const [draft, setDraft] = useState(() => draftFromModel(model));
  const [baseline, setBaseline] = useState(() => snapshot(draft));
  const [shownModel, setShownModel] = useState(model);
  const [created, setCreated] = useState<{ modelId: string; version: number } | null>(null);
  const [saving, setSaving] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  // A new model opens with an empty name; say so once the person has left the field or tried to save.
  const [nameVisited, setNameVisited] = useState(false);
  // A ref as well as state: two quick Ctrl+S presses arrive before React re-renders.
  const savingRef = useRef(false);

  if (versionKey(model) !== versionKey(shownModel)) {
    // A new version (or another model) arrived. Untouched drafts follow it; edits made while the
    // save was in flight survive and stay marked as unsaved.
    setShownModel(model);
    const next = draftFromModel(model);
    const switchedModel = model?.modelId !== (shownModel?.modelId ?? created?.modelId);
    if (switchedModel || snapshot(draft) === baseline) {
      if (snapshot(draft) !== snapshot(next)) setDraft(next);
    }
    if (switchedModel) {
      setCreated(null);
      setOutcome(null);
      setNameVisited(false);
    }
    setBaseline(snapshot(next));
  }

  const validation = validate(draft);
  const nameError = nameVisited || draft.name !== '' ? validation.name : undefined;
  const dirty = snapshot(draft) !== baseline;
  const modelId = model?.modelId ?? created?.modelId;
  const currentVersion = Math.max(model?.version ?? 0, created?.modelId === modelId ? (created?.version ?? 0) : 0);

  const update = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const updatePorts = (side: PortSide, change: (ports: PortDraft[]) => PortDraft[]) =>
    setDraft((d) => (side === 'input' ? { ...d, inputs: change(d.inputs) } : { ...d, outputs: change(d.outputs) }));

  async function save() {
    if (savingRef.current) return;
    if (hasErrors(validation)) {
      setNameVisited(true);
      setOutcome({ kind: 'invalid' });
      return;
    }
    savingRef.current = true;
    setSaving(true);
    setOutcome(null);
    const sent = draft;
    try {
      const result = await onSave(toCommand(sent, modelId));
      if (result.ok) {
        const version = currentVersion + 1;
        setBaseline(snapshot(sent));
        if (!model && result.createdId !== undefined) setCreated({ modelId: result.createdId, version });
        setOutcome({ kind: 'saved', version });
      } else {
        setOutcome({ kind: 'failed', message: result.error.message, hint: result.error.hint });
      }
    } catch {
      setOutcome({
        kind: 'failed',
        message: 'The studio could not save the model.',
        hint: 'Try again; if it keeps failing, reload the page.',
      });
    } finally {
      savingRef.current = false;
      setSaving(false);
    }
  }

  const requestSave = () => void save();
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    requestSave();
  };
  // Ctrl/Cmd+S anywhere in the form; inside the code editor monaco handles it and stops the event.
  const onKeyDown = (event: KeyboardEvent) => {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's' && !event.defaultPrevented) {
      event.preventDefault();
      requestSave();
    }
  };

  const field = (suffix: string) => `${formId}-${suffix}`;

  return (
    <form
      className="model-editor"
      aria-labelledby={field('title')}
      onSubmit={onSubmit}
      onKeyDown={onKeyDown}
      noValidate
    >
      <ModelEditorHeader
        titleId={field('title')}
        title={model ? `Edit model · version ${model.version}` : 'New model'}
        modelName={model?.name}
        dirty={dirty}
        savedVersion={outcome?.kind === 'saved' ? outcome.version : undefined}
        onClose={onClose}
      />

      <div className="model-editor__body">
        <div className="model-editor__fields">
          <div className="model-editor__field">
            <label htmlFor={field('name')}>Model name</label>
            <input
              id={field('name')}
              value={draft.name}
              onChange={(e) => update({ name: e.target.value })}
              onBlur={() => setNameVisited(true)}
              aria-invalid={nameError !== undefined}
              aria-describedby={nameError !== undefined ? field('name-error') : undefined}
              autoComplete="off"
              spellCheck={false}
            />
            {nameError !== undefined && (
              <span id={field('name-error')} className="model-editor__field-error">
                {nameError}
              </span>
            )}
          </div>

          <div className="model-editor__field">
            <label htmlFor={field('description')}>Description</label>
            <textarea
              id={field('description')}
              rows={2}
              value={draft.description}
              onChange={(e) => update({ description: e.target.value })}
            />
          </div>

          <PortList
            side="input"
            ports={draft.inputs}
            errors={validation.inputs}
            idPrefix={field('inputs')}
            onChange={(change) => updatePorts('input', change)}
          />
          <PortList
            side="output"
            ports={draft.outputs}
            errors={validation.outputs}
            listError={validation.outputsList}
            idPrefix={field('outputs')}
            onChange={(change) => updatePorts('output', change)}
          />

          <div className="model-editor__field">
            <label htmlFor={field('timeout')}>Timeout (ms)</label>
            <input
              id={field('timeout')}
              type="number"
              inputMode="numeric"
              min={TIMEOUT_MS.min}
              max={TIMEOUT_MS.max}
              step={100}
              value={draft.timeoutMs}
              onChange={(e) => update({ timeoutMs: e.target.value })}
              aria-invalid={validation.timeoutMs !== undefined}
              aria-describedby={validation.timeoutMs !== undefined ? field('timeout-error') : undefined}
            />
            {validation.timeoutMs !== undefined && (
              <span id={field('timeout-error')} className="model-editor__field-error">
                {validation.timeoutMs}
              </span>
            )}
          </div>
        </div>

        <div className="model-editor__code">
          <span className="model-editor__code-label">Code</span>
          <MonacoCode
            value={draft.source}
            onChange={(source) => update({ source })}
            onSaveShortcut={requestSave}
            ariaLabel="Model code"
            modelKey={modelId ?? 'new'}
          />
        </div>
      </div>

      <footer className="model-editor__footer">
        {outcome?.kind === 'failed' && (
          <div className="model-editor__error" role="alert">
            <strong>{outcome.message}</strong>
            {outcome.hint !== '' && <span> {outcome.hint}</span>}
          </div>
        )}
        {outcome?.kind === 'invalid' && (
          <div className="model-editor__error" role="alert">
            <strong>Some fields need attention.</strong> <span>Fix the marked fields, then save again.</span>
          </div>
        )}
        <button type="submit" className="model-editor__save" disabled={saving}>
          {saving ? 'Saving…' : 'Save model'}
        </button>
      </footer>
    </form>
  );
}

interface PortListProps {
  side: PortSide;
  ports: PortDraft[];
  errors: (string | undefined)[];
  listError?: string | undefined;
  idPrefix: string;
  onChange: (change: (ports: PortDraft[]) => PortDraft[]) => void;
}

function PortList({ side, ports, errors, listError, idPrefix, onChange }: PortListProps) {
  const title = side === 'input' ? 'Input' : 'Output';
  const setPort = (key: number, patch: Partial<PortDraft>) =>
    onChange((list) => list.map((p) => (p.key === key ? { ...p, ...patch } : p)));
  return (
    <fieldset className="model-editor__ports">
      <legend>{title} ports</legend>
      {ports.length === 0 && <p className="model-editor__empty">No {side} ports.</p>}
      {ports.map((port, i) => {
        const error = errors[i];
        const rowId = `${idPrefix}-${port.key}`;
        return (
          <div key={port.key} className="model-editor__port">
            <div className="model-editor__port-row">
              <input
                aria-label={`${title} ${i + 1} name`}
                value={port.name}
                onChange={(e) => setPort(port.key, { name: e.target.value })}
                aria-invalid={error !== undefined}
                aria-describedby={error !== undefined ? `${rowId}-error` : undefined}
                autoComplete="off"
                spellCheck={false}
              />
              <select
                aria-label={`${title} ${i + 1} type`}
                value={port.type}
                onChange={(e) => setPort(port.key, { type: portTypeSchema.parse(e.target.value) })}
              >
                {portTypeSchema.options.map((type) => (
                  <option key={type} value={type}>
                    {type}
                  </option>
                ))}
              </select>
              <button
                type="button"
                aria-label={`Remove ${side} ${i + 1}`}
                title={`Remove ${side} ${i + 1}`}
                onClick={() => onChange((list) => list.filter((p) => p.key !== port.key))}
              >
                ×
              </button>
            </div>
            {error !== undefined && (
              <span id={`${rowId}-error`} className="model-editor__field-error">
                {error}
              </span>
            )}
          </div>
        );
      })}
      {listError !== undefined && <span className="model-editor__field-error">{listError}</span>}
      <button
        type="button"
        className="model-editor__add"
        disabled={ports.length >= MAX_PORTS}
        onClick={() => onChange((list) => [...list, portDraft(nextPortName(side, list), 'text')])}
      >
        Add {side}
      </button>
    </fieldset>
  );
}

/** `input`, `input2`, … : a fresh row starts valid and unique. */
function nextPortName(side: PortSide, list: PortDraft[]): string {
  const taken = new Set(list.map((p) => p.name));
  if (!taken.has(side)) return side;
  let n = 2;
  while (taken.has(`${side}${n}`)) n++;
  return `${side}${n}`;
}
