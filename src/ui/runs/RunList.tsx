import type { RunState } from '../../core/run/runState';
import { showRun, uiStore, useUi } from '../../app/uiStore';
import { formatDuration } from '../format';
import { useCommand } from '../useCommand';
import { runTree } from './runTree';
import { SpendMeters } from './SpendMeters';
import { formatCost } from './spendFormat';

/**
 * Past and current runs of the flow, as a tree of forks, with status and duration. Selecting the
 * newest follows it live; an interrupted run can be resumed; any two runs can be compared.
 */
export function RunList({ runs, shownRunId }: { runs: RunState[]; shownRunId: string | undefined }) {
  const execute = useCommand();
  const compareRunId = useUi((s) => s.compareRunId);
  const oldestFirst = [...runs].reverse();
  const rows = runTree(oldestFirst);
  const newest = runs[0]?.runId;
  return (
    <section className="runs" aria-label="Runs">
      <h2 className="panel-title">Runs</h2>
      {runs.length === 0 && <p className="muted">No runs yet. Press Run to start one.</p>}
      <ol className="runs__list">
        {rows.map(({ run, number, depth, parentNumber }) => (
          <li key={run.runId} style={{ paddingLeft: depth * 14 }}>
            <button
              type="button"
              className={`run-item ${run.runId === shownRunId ? 'is-shown' : ''} ${run.runId === compareRunId ? 'is-compared' : ''}`}
              aria-current={run.runId === shownRunId ? 'true' : undefined}
              aria-label={`Run ${number}: ${run.status}`}
              onClick={() => showRun(run.runId === newest ? null : run.runId)}
            >
              <span className={`status-dot status-${run.status}`} aria-hidden="true" />
              <span className="run-item__name">
                Run {number}
                {parentNumber !== undefined && <span className="run-item__fork"> · fork of {parentNumber}</span>}
              </span>
              <span className="run-item__status">{run.status}</span>
              <span className="run-item__time">
                {run.spend.costUsd > 0 && <span className="run-item__cost">{formatCost(run.spend.costUsd)} · </span>}
                {run.finishedAt !== undefined ? formatDuration(run.finishedAt - run.startedAt) : '…'}
              </span>
            </button>
            {run.runId === shownRunId && (run.budget !== undefined || run.spend.tokens > 0 || run.spend.costUsd > 0) && (
              <div className="run-item__meters">
                <SpendMeters label="Run" spend={run.spend} limits={run.budget} />
              </div>
            )}
            {run.runId === shownRunId && (
              <div className="run-item__actions">
                {run.status === 'interrupted' && (
                  <button type="button" className="button small primary" onClick={() => void execute({ type: 'resumeRun', runId: run.runId })}>
                    Resume run {number}
                  </button>
                )}
              </div>
            )}
            {run.runId !== shownRunId && shownRunId !== undefined && (
              <button
                type="button"
                className="link run-item__compare"
                aria-label={`Compare with run ${number}`}
                onClick={() => uiStore.setState({ compareRunId: run.runId === compareRunId ? null : run.runId })}
              >
                {run.runId === compareRunId ? 'comparing' : 'compare'}
              </button>
            )}
            {run.reason && run.runId === shownRunId && <p className="run-item__reason">{run.reason}</p>}
          </li>
        ))}
      </ol>
    </section>
  );
}
