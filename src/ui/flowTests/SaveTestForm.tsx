import { useEffect, useState } from 'react';
import { sessionReader } from '../../app/flowTestRuns';
import { useSession } from '../../app/useProjectSession';
import type { ExpectationKind } from '../../core/flowTests/flowTestSchema';
import { preview, testFromRun } from '../../core/flowTests/testFromRun';
import type { StepId } from '../../core/ids';
import type { RunState } from '../../core/run/runState';
import { useCommand } from '../useCommand';

export interface NumberedRun {
  run: RunState;
  number: number;
}

type Pick = ExpectationKind | 'none';
const keyOf = (stepId: string, port: string) => `${stepId}\u0000${port}`;

/** The outputs a run produced, step by step in the plan's order, with a short preview of each value. */
function useOutputs(run: RunState): Array<{ stepId: StepId; label: string; port: string; preview: string }> | null {
  const session = useSession();
  const [rows, setRows] = useState<Array<{ stepId: StepId; label: string; port: string; preview: string }> | null>(
    null,
  );
  useEffect(() => {
    let live = true;
    const read = sessionReader(session);
    const wanted = run.plan.steps.flatMap((s) =>
      Object.entries(run.steps.get(s.stepId)?.outputs ?? {}).map(([port, ref]) => ({
        stepId: s.stepId,
        label: s.label,
        port,
        hash: ref.hash,
      })),
    );
    void Promise.all(
      wanted.map(async (w) => ({
        stepId: w.stepId,
        label: w.label,
        port: w.port,
        preview: preview(await read(w.hash)),
      })),
    ).then(
      (loaded) => live && setRows(loaded),
      () => live && setRows([]),
    );
    return () => {
      live = false;
    };
  }, [session, run]);
  return rows;
}

/**
 * “Save as test”: pick a finished run, then for each output what to expect (exact, a JSON subset
 * of it, or a CEL predicate) and which steps to pin to their recorded outputs (so their models,
 * an LLM say, never run in the test). The recorded values become the expected ones.
 */
export function SaveTestForm({
  runs,
  initialRunId,
  onDone,
}: {
  runs: readonly NumberedRun[];
  initialRunId: string | undefined;
  onDone: (testId: string | null) => void;
}) {
  const session = useSession();
  const execute = useCommand();
  const [runId, setRunId] = useState(initialRunId ?? runs[0]?.run.runId ?? '');
  const chosen = runs.find((r) => r.run.runId === runId) ?? runs[0];
  const [name, setName] = useState(`Run ${chosen?.number ?? ''} as a test`);
  const [picks, setPicks] = useState<Record<string, Pick>>({});
  const [predicates, setPredicates] = useState<Record<string, string>>({});
  const [pinned, setPinned] = useState<ReadonlySet<StepId>>(new Set());
  const [saving, setSaving] = useState(false);
  const outputs = useOutputs(chosen?.run ?? (runs[0] as NumberedRun).run);
  if (!chosen) return null;
  const expectCount = Object.values(picks).filter((p) => p !== 'none').length;

  const save = async () => {
    setSaving(true);
    try {
      const read = sessionReader(session);
      const input = String(await read(chosen.run.input.hash));
      const expect = (outputs ?? []).flatMap((o) => {
        const kind = picks[keyOf(o.stepId, o.port)] ?? 'none';
        if (kind === 'none') return [];
        return [
          {
            stepId: o.stepId,
            port: o.port,
            kind,
            ...(kind === 'cel' ? { predicate: predicates[keyOf(o.stepId, o.port)] ?? '' } : {}),
          },
        ];
      });
      const test = await testFromRun(chosen.run, input, { name, expect, pin: [...pinned] }, read);
      const result = await execute({ type: 'saveFlowTest', test });
      if (result.ok) onDone(result.createdId ?? null);
    } finally {
      setSaving(false);
    }
  };

  const seenSteps = new Set<string>();
  return (
    <form
      className="flow-test-form"
      aria-label="Save as test"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <label className="field">
        <span>From run</span>
        <select value={chosen.run.runId} onChange={(e) => setRunId(e.target.value)}>
          {runs.map((r) => (
            <option key={r.run.runId} value={r.run.runId}>
              Run {r.number}: {r.run.status}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Test name</span>
        <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={120} />
      </label>
      {outputs === null ? (
        <p className="muted">Loading the run’s outputs…</p>
      ) : (
        <table className="flow-test-picks">
          <thead>
            <tr>
              <th scope="col">Output</th>
              <th scope="col">Expect</th>
              <th scope="col">Pin step</th>
            </tr>
          </thead>
          <tbody>
            {outputs.map((o) => {
              const key = keyOf(o.stepId, o.port);
              const where = `${o.label} → ${o.port}`;
              const firstOfStep = !seenSteps.has(o.stepId);
              seenSteps.add(o.stepId);
              return (
                <tr key={key}>
                  <th scope="row">
                    {where}
                    <div className="muted flow-tests-small flow-test-preview">{o.preview}</div>
                  </th>
                  <td>
                    <select
                      aria-label={`Expect ${where}`}
                      value={picks[key] ?? 'none'}
                      onChange={(e) => setPicks({ ...picks, [key]: e.target.value as Pick })}
                    >
                      <option value="none">—</option>
                      <option value="exact">exactly this</option>
                      <option value="subset">JSON subset</option>
                      <option value="cel">CEL predicate</option>
                    </select>
                    {picks[key] === 'cel' && (
                      <input
                        aria-label={`CEL predicate for ${where}`}
                        placeholder="artifact.size() > 0"
                        value={predicates[key] ?? ''}
                        onChange={(e) => setPredicates({ ...predicates, [key]: e.target.value })}
                        required
                      />
                    )}
                  </td>
                  <td>
                    {firstOfStep && (
                      <input
                        type="checkbox"
                        aria-label={`Pin ${o.label} (use its recorded outputs; its model does not run)`}
                        checked={pinned.has(o.stepId)}
                        onChange={(e) => {
                          const next = new Set(pinned);
                          if (e.target.checked) next.add(o.stepId);
                          else next.delete(o.stepId);
                          setPinned(next);
                        }}
                      />
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <p className="muted flow-tests-small">
        A JSON subset starts as the whole recorded value; the test passes while the output still contains it.
      </p>
      <div className="flow-test-form__actions">
        <button type="submit" className="button primary" disabled={saving || expectCount === 0 || name.trim() === ''}>
          Save test
        </button>
        <button type="button" className="button ghost" onClick={() => onDone(null)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
