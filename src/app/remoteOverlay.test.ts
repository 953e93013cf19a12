import { describe, expect, it } from 'vitest';
import { emptyRuns, type RunState, type RunsState } from '../core/run/runState';
import type { RunId } from '../core/ids';
import { withRemoteRuns } from './remoteOverlay';

const run = (id: string, status: RunState['status']): RunState => ({ runId: id as RunId, status }) as RunState;
const runs = (...list: RunState[]): RunsState => ({
  runs: new Map(list.map((r) => [r.runId, r])),
  order: list.map((r) => r.runId),
});

describe('remote runs beside the local ones', () => {
  it('adds runs still only on a runner after the local ones, marked live', () => {
    const shown = withRemoteRuns(
      runs(run('r_local', 'succeeded')),
      runs(run('r_remote', 'running')),
      new Map([['r_remote', 'http://runner']]),
    );
    expect(shown.order).toEqual(['r_local', 'r_remote']);
    expect(shown.runs.get('r_remote' as RunId)?.remote).toEqual({ runner: 'http://runner', live: true });
  });

  it('shows the verified copy once the run is in the log, and nothing changes without remote runs', () => {
    const local = runs(run('r_remote', 'succeeded'));
    expect(withRemoteRuns(local, runs(run('r_remote', 'running')), new Map())).toBe(local);
    expect(withRemoteRuns(local, emptyRuns, new Map())).toBe(local);
  });
});
