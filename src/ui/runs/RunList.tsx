import { useShallow } from 'zustand/react/shallow';
import { useMemo } from 'react';
import type { RunState } from '../../core/run/runState';
import { runTree, type RunRow } from '../../core/run/runTree';
import { openFlow, showRun, uiStore, useUi } from '../../app/uiStore';
import { useProjectView } from '../../app/useProjectSession';
import { formatDuration } from '../format';
import { useCommand } from '../useCommand';
import { RunStatus } from './RunStatus';
import { SpendMeters } from './SpendMeters';
import { formatCost } from './spendFormat';
import { runStatusWord } from './runStatusText';
import { RemoteBadge } from './RemoteBadge';
import { RunBusLine } from '../bus/RunBusLine';

/**
 * Past and current runs of the flow, as a tree (forks under the run they branch from, sub-flow
 * runs under the run and step that started them), with status and duration; a running run shows
 * its progress. Selecting the newest follows it live; selecting a sub-flow's run opens its flow
 * with that run on the canvas; an interrupted run can be resumed; any two runs can be compared.
 */
export function RunList({ runs, shownRunId }: { runs: RunState[]; shownRunId: string | undefined }) {
  const execute = useCommand();
  const compareRunId = useUi((s) => s.compareRunId);
  const { allRuns, flows } = useProjectView(useShallow((v) => ({ allRuns: v.runs, flows: v.defs.flows })));
  // `runs` are the flow's own, newest first: the flow is theirs (with none, there is no tree).
  const flowId = runs[0]?.flowId;
  const rows = useMemo(() => (flowId === undefined ? [] : runTree(allRuns, flowId)), [allRuns, flowId]);
  const newest = runs[0]?.runId;
  const nameOf = (row: RunRow) =>
    row.run.flowId === flowId
      ? `Run ${row.number}`
      : `${flows.get(row.run.flowId)?.name ?? 'Sub-flow'} run ${row.number}`;
  const open = (run: RunState) => {
    if (run.flowId === flowId) return showRun(run.runId === newest ? null : run.runId);
    // A sub-flow's run: its flow on the canvas, with the way back to this one.
    openFlow(run.flowId, flowId);
    showRun(run.runId);
  };
  return (
    <section className="runs" aria-label="Runs">
      <h2 className="panel-title">Runs</h2>
      {runs.length === 0 && <p className="muted">No runs yet. Press Run to start one.</p>}
      <ol className="runs__list">
        {rows.map((row) => {
          const { run, depth, parentNumber, startedBy } = row;
          const name = nameOf(row);
          const ours = run.flowId === flowId;
          return (
            <li key={run.runId} style={{ paddingLeft: depth * 14 }}>
              <button
                type="button"
                className={`run-item ${run.runId === shownRunId ? 'is-shown' : ''} ${run.runId === compareRunId ? 'is-compared' : ''} ${run.remote ? 'is-remote' : ''}`}
                aria-current={run.runId === shownRunId ? 'true' : undefined}
                aria-label={`${name}${run.remote ? ' (remote)' : ''}: ${runStatusWord(run)}`}
                title={run.reason}
                onClick={() => open(run)}
              >
                <span className={`status-dot status-${run.status}`} aria-hidden="true" />
                <span className="run-item__name">
                  {name}
                  {run.remote && <RemoteBadge remote={run.remote} />}
                  {parentNumber !== undefined && <span className="run-item__fork"> · fork of {parentNumber}</span>}
                  {startedBy && depth > 0 && <span className="run-item__started-by">from {startedBy.label}</span>}
                  {startedBy && depth === 0 && (
                    <span className="run-item__started-by">
                      sub-flow of {flows.get(startedBy.flowId)?.name ?? 'another flow'} run {startedBy.number}
                    </span>
                  )}
                </span>
                <span className="run-item__status">{runStatusWord(run)}</span>
                <span className="run-item__time">
                  {run.spend.costUsd > 0 && <span className="run-item__cost">{formatCost(run.spend.costUsd)} · </span>}
                  {run.finishedAt !== undefined ? formatDuration(run.finishedAt - run.startedAt) : '…'}
                </span>
              </button>
              <RunBusLine runId={run.runId} />
              {run.status === 'running' && (
                <div className="run-item__status-line">
                  <RunStatus run={run} label={name} />
                </div>
              )}
              {run.runId === shownRunId &&
                (run.budget !== undefined || run.spend.tokens > 0 || run.spend.costUsd > 0) && (
                  <div className="run-item__meters">
                    <SpendMeters label="Run" spend={run.spend} limits={run.budget} />
                  </div>
                )}
              {run.runId === shownRunId && (
                <div className="run-item__actions">
                  {run.status === 'interrupted' && (
                    <button
                      type="button"
                      className="button small primary"
                      onClick={() => void execute({ type: 'resumeRun', runId: run.runId })}
                    >
                      Resume run {row.number}
                    </button>
                  )}
                </div>
              )}
              {ours && run.runId !== shownRunId && shownRunId !== undefined && (
                <button
                  type="button"
                  className="link run-item__compare"
                  aria-label={`Compare with run ${row.number}`}
                  onClick={() => uiStore.setState({ compareRunId: run.runId === compareRunId ? null : run.runId })}
                >
                  {run.runId === compareRunId ? 'comparing' : 'compare'}
                </button>
              )}
              {run.reason && run.runId === shownRunId && <p className="run-item__reason">{run.reason}</p>}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
