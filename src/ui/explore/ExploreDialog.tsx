import { useCommand } from '../useCommand';
import { useMemo, useState, type FormEvent } from 'react';
import { showPanel } from '../../app/panels';
import { scoreWhenFinished } from '../../app/exploreRuns';
import { useDefinitions, useProjectView, useSession } from '../../app/useProjectSession';
import { testsOfFlow } from '../../core/flowTests/flowTestsState';
import type { RunState } from '../../core/run/runState';
import type { ModelDefinition } from '../../core/models/modelDefinition';
import type { ProjectDefinitions, StepDefinition } from '../../core/project/projectState';
import { MAX_VARIANTS, MIN_VARIANTS } from '../../core/explore/exploreSchema';
import { Dialog } from '../share/Dialog';
import '../share/share.css';
import './explore.css';

type ChangeKind = 'model' | 'fallbacks' | 'prompt';
interface VariantRow {
  key: number;
  kind: ChangeKind;
  /** For `model`: the model's id. */
  modelId: string;
  /** For `fallbacks`: model names in order, separated by commas (empty: no fallbacks). */
  chain: string;
  /** For `prompt` (LLM steps): the prompt this variant sends instead. */
  prompt: string;
}

let nextKey = 0;
const newRow = (modelId: string): VariantRow => ({ key: nextKey++, kind: 'model', modelId, chain: '', prompt: '' });
const LETTERS = 'ABCDE';
const portsOf = (ports: readonly { name: string }[] | undefined) => (ports ?? []).map((p) => p.name).join(',');

/** Models that can stand in for a step's own: the same input and output ports (its own included). */
function fittingModels(defs: ProjectDefinitions, modelId: string): ModelDefinition[] {
  const own = defs.models.get(modelId as never);
  return own
    ? [...defs.models.values()].filter(
        (m) => portsOf(m.inputs) === portsOf(own.inputs) && portsOf(m.outputs) === portsOf(own.outputs),
      )
    : [];
}
const alternativesOf = (defs: ProjectDefinitions, modelId: string) =>
  fittingModels(defs, modelId).filter((m) => m.modelId !== modelId);

/** Three variants to start from: the step's other fitting models, in the Models list's order. */
function defaultRows(defs: ProjectDefinitions, modelId: string): VariantRow[] {
  const others = alternativesOf(defs, modelId);
  return [0, 1, 2].map((i) => newRow(others[i]?.modelId ?? others[0]?.modelId ?? modelId));
}

const defaultExpression = (defs: ProjectDefinitions, step: StepDefinition): string =>
  `size(outputs["${step.label}"].${defs.models.get(step.modelId)?.outputs[0]?.name ?? 'out'})`;

/**
 * "Explore…": from this moment of the run, fork 2–5 variants of one step (another model, or
 * another fallback chain), each in its own fork only, scored by the flow's tests or a CEL
 * expression, within one budget for all of them.
 */
export function ExploreDialog({ run, atSeq, onClose }: { run: RunState; atSeq: number; onClose: () => void }) {
  const session = useSession();
  const { send, refusal } = useCommand({ refusal: 'inline' });
  const defs = useDefinitions();
  const flow = defs.flows.get(run.flowId);
  const steps = useMemo(() => [...(flow?.steps.values() ?? [])], [flow]);
  // The first step that some other model could stand in for, else the first step.
  const [stepId, setStepId] = useState(
    () => (steps.find((s) => alternativesOf(defs, s.modelId).length > 0) ?? steps[0])?.stepId ?? '',
  );
  const step = flow?.steps.get(stepId as never);
  const own = step ? defs.models.get(step.modelId) : undefined;
  const fitting = useMemo(() => (step ? fittingModels(defs, step.modelId) : []), [defs, step]);
  const others = fitting.filter((m) => m.modelId !== own?.modelId);
  const [rows, setRows] = useState<VariantRow[]>(() => (step ? defaultRows(defs, step.modelId) : []));
  const flowTests = useProjectView(() => session.flowTests);
  const tests = testsOfFlow(flowTests, run.flowId);
  const [scoreKind, setScoreKind] = useState<'tests' | 'cel'>(tests.length > 0 ? 'tests' : 'cel');
  const [expression, setExpression] = useState(() => (step ? defaultExpression(defs, step) : ''));
  const chooseStep = (id: string) => {
    setStepId(id);
    const next = flow?.steps.get(id as never);
    if (!next) return;
    setRows(defaultRows(defs, next.modelId));
    setExpression(defaultExpression(defs, next));
  };
  const [dollars, setDollars] = useState('');
  const [tokens, setTokens] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);

  const update = (key: number, patch: Partial<VariantRow>) =>
    setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const modelIdNamed = (name: string) => [...defs.models.values()].find((m) => m.name === name)?.modelId;

  const start = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const variants = [];
    for (const [i, row] of rows.entries()) {
      if (row.kind === 'prompt') {
        if (row.prompt.trim() === '') return setError(`Variant ${LETTERS[i]} needs a prompt: write one.`);
        variants.push({ change: { kind: 'prompt' as const, stepId, prompt: row.prompt } });
        continue;
      }
      if (row.kind === 'model') {
        if (!row.modelId) return setError(`Variant ${LETTERS[i]} needs a model: pick one.`);
        variants.push({ change: { kind: 'model' as const, stepId, modelId: row.modelId } });
        continue;
      }
      const names = row.chain
        .split(',')
        .map((n) => n.trim())
        .filter((n) => n !== '');
      const unknown = names.find((n) => modelIdNamed(n) === undefined);
      if (unknown !== undefined)
        return setError(
          `Variant ${LETTERS[i]} names a model “${unknown}” that is not in this project. Use the names in the Models list, separated by commas.`,
        );
      variants.push({
        change: { kind: 'fallbacks' as const, stepId, fallbacks: names.map((n) => modelIdNamed(n) as string) },
      });
    }
    const budget = {
      ...(dollars.trim() !== '' ? { costUsd: Number(dollars) } : {}),
      ...(tokens.trim() !== '' ? { tokens: Math.floor(Number(tokens)) } : {}),
    };
    setStarting(true);
    try {
      const result = await send({
        type: 'startExplore',
        runId: run.runId,
        atSeq,
        variants,
        score: scoreKind === 'tests' ? { kind: 'tests' } : { kind: 'cel', expression },
        ...(Object.keys(budget).length > 0 ? { budget } : {}),
      });
      if (!result.ok) return;
      if (result.createdId) scoreWhenFinished(session, result.createdId);
      showPanel('explore');
      onClose();
    } finally {
      setStarting(false);
    }
  };

  return (
    <Dialog title="Explore variants" onClose={onClose}>
      <form className="explore-form" onSubmit={(e) => void start(e)}>
        <p className="muted">
          Each variant is a fork of this run from this moment with one change to one step, in that fork only. The flow
          stays as it is until you promote the winner. A prompt variant is saved as a model of its own (a copy of the
          step’s model with that prompt).
        </p>
        <label className="field">
          <span>Step to vary</span>
          <select value={stepId} onChange={(e) => chooseStep(e.target.value)}>
            {steps.map((s) => (
              <option key={s.stepId} value={s.stepId}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="explore-form__variants">
          <legend>
            Variants ({rows.length} of {MAX_VARIANTS} at most)
          </legend>
          {rows.map((row, i) => (
            <div key={row.key} className="explore-form__variant" role="group" aria-label={`Variant ${LETTERS[i]}`}>
              <strong aria-hidden="true">{LETTERS[i]}</strong>
              <select
                aria-label={`Variant ${LETTERS[i]} changes`}
                value={row.kind}
                onChange={(e) => update(row.key, { kind: e.target.value as ChangeKind })}
              >
                <option value="model">its model</option>
                <option value="fallbacks">its fallback chain</option>
                <option value="prompt" disabled={own?.kind !== 'llm'}>
                  its prompt{own?.kind === 'llm' ? '' : ' (LLM steps)'}
                </option>
              </select>
              {row.kind === 'prompt' ? (
                <textarea
                  aria-label={`Variant ${LETTERS[i]} prompt`}
                  rows={2}
                  value={row.prompt}
                  placeholder={own?.kind === 'llm' ? own.prompt : ''}
                  onChange={(e) => update(row.key, { prompt: e.target.value })}
                />
              ) : row.kind === 'model' ? (
                <select
                  aria-label={`Variant ${LETTERS[i]} model`}
                  value={row.modelId}
                  onChange={(e) => update(row.key, { modelId: e.target.value })}
                >
                  {fitting.length === 0 && <option value="">no model has the same ports</option>}
                  {fitting.map((m) => (
                    <option key={m.modelId} value={m.modelId}>
                      {m.name}
                      {m.modelId === own?.modelId ? ' (as now)' : ''}
                    </option>
                  ))}
                </select>
              ) : (
                <input
                  aria-label={`Variant ${LETTERS[i]} fallback chain`}
                  value={row.chain}
                  placeholder="model names in order, separated by commas"
                  list="explore-model-names"
                  onChange={(e) => update(row.key, { chain: e.target.value })}
                />
              )}
              <button
                type="button"
                className="button small ghost"
                aria-label={`Remove variant ${LETTERS[i]}`}
                disabled={rows.length <= MIN_VARIANTS}
                onClick={() => setRows((rs) => rs.filter((r) => r.key !== row.key))}
              >
                ✕
              </button>
            </div>
          ))}
          <datalist id="explore-model-names">
            {fitting.map((m) => (
              <option key={m.modelId} value={m.name} />
            ))}
          </datalist>
          <button
            type="button"
            className="button small"
            disabled={rows.length >= MAX_VARIANTS}
            onClick={() => setRows((rs) => [...rs, newRow(others[0]?.modelId ?? '')])}
          >
            Add variant
          </button>
        </fieldset>
        <fieldset className="explore-form__score">
          <legend>Score</legend>
          <label>
            <input
              type="radio"
              name="explore-score"
              checked={scoreKind === 'tests'}
              disabled={tests.length === 0}
              onChange={() => setScoreKind('tests')}
            />{' '}
            The flow’s tests (
            {tests.length === 0 ? 'it has none yet' : `${tests.length}: one point per test that passes`})
          </label>
          <label>
            <input
              type="radio"
              name="explore-score"
              checked={scoreKind === 'cel'}
              onChange={() => setScoreKind('cel')}
            />{' '}
            A CEL expression
          </label>
          {scoreKind === 'cel' && (
            <label className="field">
              <span>Score expression (higher is better; `outputs["Step"].port`, `costUsd`, `tokens`)</span>
              <input
                className="explore-form__cel"
                value={expression}
                onChange={(e) => setExpression(e.target.value)}
                spellCheck={false}
              />
            </label>
          )}
        </fieldset>
        <fieldset className="explore-form__budget">
          <legend>Budget for all variants (optional; each gets an equal share)</legend>
          <label className="field">
            <span>Dollars</span>
            <input type="number" min={0} step="any" value={dollars} onChange={(e) => setDollars(e.target.value)} />
          </label>
          <label className="field">
            <span>Tokens</span>
            <input type="number" min={0} step={1} value={tokens} onChange={(e) => setTokens(e.target.value)} />
          </label>
        </fieldset>
        {(error ?? refusal) && (
          <p className="share-error" role="alert">
            {error ?? refusal}
          </p>
        )}
        <div className="share-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={starting || steps.length === 0}>
            {starting ? 'Starting…' : `Explore ${rows.length} variants`}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
