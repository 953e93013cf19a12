import type { RunState } from '../../core/run/runState';
import { uiStore } from '../../app/uiStore';
import { formatDuration } from '../format';

/** Past and current runs of the flow, newest first, with status and duration. The newest is followed live. */
export function RunList({ runs, shownRunId }: { runs: RunState[]; shownRunId: string | undefined }) {
  return (
    <section className="runs" aria-label="Runs">
      <h2 className="panel-title">Runs</h2>
      {runs.length === 0 && <p className="muted">No runs yet. Press Run to start one.</p>}
      <ol className="runs__list">
        {runs.map((run, i) => (
          <li key={run.runId}>
            <button
              type="button"
              className={`run-item ${run.runId === shownRunId ? 'is-shown' : ''}`}
              aria-current={run.runId === shownRunId ? 'true' : undefined}
              aria-label={`Run ${runs.length - i}: ${run.status}`}
              onClick={() => uiStore.setState({ runId: i === 0 ? null : run.runId })}
            >
              <span className={`status-dot status-${run.status}`} aria-hidden="true" />
              <span className="run-item__name">Run {runs.length - i}</span>
              <span className="run-item__status">{run.status}</span>
              <span className="run-item__time">{run.finishedAt !== undefined ? formatDuration(run.finishedAt - run.startedAt) : '…'}</span>
            </button>
            {run.reason && run.runId === shownRunId && <p className="run-item__reason">{run.reason}</p>}
          </li>
        ))}
      </ol>
    </section>
  );
}
