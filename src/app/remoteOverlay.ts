import type { RunsState } from '../core/run/runState';

/**
 * The runs the view shows: this log's, then runs still only on a runner (newest last, as they
 * started after what the log held), each marked `remote.live`. A run in the log wins: once
 * imported, its verified copy is the one shown.
 */
export function withRemoteRuns(local: RunsState, remote: RunsState, runners: ReadonlyMap<string, string>): RunsState {
  const pending = remote.order.filter((id) => !local.runs.has(id));
  if (pending.length === 0) return local;
  const runs = new Map(local.runs);
  for (const id of pending) {
    const run = remote.runs.get(id);
    if (run) runs.set(id, { ...run, remote: { runner: runners.get(id) ?? '', live: true } });
  }
  return { runs, order: [...local.order, ...pending] };
}
