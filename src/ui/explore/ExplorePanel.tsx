import { useEffect, useMemo, useRef, useState } from 'react';
import { showRun } from '../../app/uiStore';
import { useFoldedEventCount, useProjectView, useSession } from '../../app/useProjectSession';
import { explorationsOfFlow, foldAllExplorations, type Exploration } from '../../core/explore/exploreState';
import type { VariantResult } from '../../core/explore/exploreSchema';
import type { FlowDefinition } from '../../core/project/projectState';
import type { RunsState } from '../../core/run/runState';
import { PanelHeader } from '../shell/PanelHeader';
import { useCommand } from '../useCommand';
import { scoreWhenFinished } from '../../app/exploreRuns';
import './explore.css';

const dollars = (usd: number) => `$${usd < 0.01 && usd > 0 ? usd.toFixed(4) : usd.toFixed(2)}`;

/** Runs of the flow numbered as the Runs list numbers them: 1 for the first. */
function runNumbers(runs: RunsState, flowId: string): Map<string, number> {
  const numbers = new Map<string, number>();
  for (const runId of runs.order) if (runs.runs.get(runId)?.flowId === flowId) numbers.set(runId, numbers.size + 1);
  return numbers;
}

/** One exploration: its variants side by side (ranked once scored), the winner marked, and Promote. */
function ExplorationView({
  exploration,
  runs,
  numbers,
}: {
  exploration: Exploration;
  runs: RunsState;
  numbers: Map<string, number>;
}) {
  const execute = useCommand();
  const { started, scored } = exploration;
  const results = new Map<string, VariantResult>(scored?.results.map((r) => [r.runId, r]) ?? []);
  const order = scored ? scored.ranking : started.variants.map((v) => v.runId);
  const variants = new Map(started.variants.map((v) => [v.runId, v]));
  const winner = scored?.winner ?? null;
  const promoted = winner !== null && exploration.promoted.includes(winner);
  const going = started.variants.filter((v) => runs.runs.get(v.runId)?.status === 'running').length;
  const scoreText = started.score.kind === 'tests' ? 'the flow’s tests' : started.score.expression;
  return (
    <section className="exploration" aria-label={`Exploration of run ${numbers.get(started.parent.runId) ?? '?'}`}>
      <p className="muted exploration__about">
        From run {numbers.get(started.parent.runId) ?? '?'} at event #{started.parent.atSeq} · score:{' '}
        <code>{scoreText}</code>
        {started.budget?.costUsd !== undefined ? ` · budget ${dollars(started.budget.costUsd)}` : ''}
        {started.budget?.tokens !== undefined ? ` · ${started.budget.tokens} tokens` : ''}
      </p>
      <p className="exploration__state" aria-live="polite">
        {scored
          ? winner
            ? 'Ranked: the winner is marked.'
            : 'Ranked, but no variant could be scored.'
          : going > 0
            ? `${going} of ${started.variants.length} variants still running…`
            : 'All variants finished: scoring…'}
      </p>
      <table className="exploration__table">
        <thead>
          <tr>
            <th scope="col">Rank</th>
            <th scope="col">Variant</th>
            <th scope="col">Status</th>
            <th scope="col">Score</th>
            <th scope="col">Cost</th>
          </tr>
        </thead>
        <tbody>
          {order.map((runId, index) => {
            const variant = variants.get(runId);
            const run = runs.runs.get(runId);
            const result = results.get(runId);
            const isWinner = runId === winner;
            return (
              <tr
                key={runId}
                className={isWinner ? 'is-winner' : undefined}
                aria-label={`${variant?.label ?? runId}${isWinner ? ' (winner)' : ''}`}
              >
                <td>{scored ? index + 1 : '–'}</td>
                <td>
                  {variant?.label}
                  {isWinner && <span className="badge live exploration__winner">★ Winner</span>}{' '}
                  <button type="button" className="link exploration__run" onClick={() => showRun(runId)}>
                    Show run {numbers.get(runId) ?? '?'}
                  </button>
                </td>
                <td>
                  <span
                    className={`badge ${run?.status === 'succeeded' ? 'live' : run?.status === 'failed' ? 'error' : ''}`}
                  >
                    {run?.status ?? 'unknown'}
                  </span>
                </td>
                <td title={result?.detail}>
                  {result ? (
                    result.score === null ? (
                      <span className="muted">— {result.detail}</span>
                    ) : (
                      result.detail
                    )
                  ) : (
                    '…'
                  )}
                </td>
                <td>{dollars(result?.costUsd ?? run?.spend.costUsd ?? 0)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {winner !== null && (
        <div className="exploration__promote">
          <button
            type="button"
            className="button primary"
            disabled={promoted}
            onClick={() => void execute({ type: 'promoteExplore', exploreId: started.exploreId })}
          >
            {promoted ? 'Promoted' : 'Promote winner'}
          </button>
          <span className="muted" aria-live="polite">
            {promoted
              ? `${variants.get(winner)?.label ?? ''} is the flow’s default now. Ctrl+Z undoes it.`
              : 'Makes the winner’s change the flow’s default (undoable).'}
          </span>
        </div>
      )}
    </section>
  );
}

/**
 * The flow's explorations, newest first: variants side by side with status, score, cost and
 * rank. When every variant of one has finished, this view asks the conductor to score it (the
 * conductor refuses a second scoring, so two tabs cannot both record one).
 */
export default function ExplorePanel({ flow }: { flow: FlowDefinition }) {
  const session = useSession();
  const runs = useProjectView((v) => v.runs);
  const count = useFoldedEventCount();
  // The log grows in place: fold again only when it has grown (count says so).
  const explorations = useMemo(
    () => explorationsOfFlow(foldAllExplorations(session.events()), flow.flowId),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [session, count, flow.flowId],
  );
  const numbers = useMemo(() => runNumbers(runs, flow.flowId), [runs, flow.flowId]);
  const [chosen, setChosen] = useState<string | null>(null);
  const shown = explorations.find((e) => e.started.exploreId === chosen) ?? explorations[0];
  const asked = useRef(new Set<string>());
  useEffect(() => {
    for (const e of explorations) {
      if (e.scored || asked.current.has(e.started.exploreId)) continue;
      const finished = e.started.variants.every((v) => {
        const status = runs.runs.get(v.runId)?.status;
        return status !== undefined && status !== 'running';
      });
      if (!finished) continue;
      asked.current.add(e.started.exploreId);
      // Quietly: another tab may have scored it first, and the refusal says only that.
      scoreWhenFinished(session, e.started.exploreId);
    }
  }, [explorations, runs, session]);

  return (
    <section className="panel explore-panel" aria-label="Explore">
      <PanelHeader title="Explore" />
      <div className="explore-panel__body">
        {explorations.length === 0 ? (
          <p className="muted">
            No explorations of this flow yet. Show a run, move the timeline to a moment, and press Explore… to fork
            several variants of a step from there.
          </p>
        ) : (
          <>
            {explorations.length > 1 && (
              <label className="field">
                <span>Exploration</span>
                <select value={shown?.started.exploreId ?? ''} onChange={(e) => setChosen(e.target.value)}>
                  {explorations.map((e) => (
                    <option key={e.started.exploreId} value={e.started.exploreId}>
                      {new Date(e.at).toLocaleTimeString('en-GB')} · {e.started.variants.length} variants from run{' '}
                      {numbers.get(e.started.parent.runId) ?? '?'}
                    </option>
                  ))}
                </select>
              </label>
            )}
            {shown && <ExplorationView exploration={shown} runs={runs} numbers={numbers} />}
          </>
        )}
      </div>
    </section>
  );
}
