import { describe, expect, it } from 'vitest';
import { sha256 } from '../../runtime/sha256';
import { emptyRuns, foldRuns } from '../run/runState';
import { playScenario, type RandomScenario, type RandomStep } from '../testing/randomRuns';

const plain = (kind: RandomStep['kind'], extra: Partial<RandomStep> = {}): RandomStep => ({
  kind,
  from: [null, null],
  retry: 'none',
  critical: false,
  takes: 0,
  map: false,
  ...extra,
});

/**
 * The fuzz test's counterexample (seed 88491764): a non-critical map step whose first item
 * failed while its second item's agent was still at work when the page closed. The failed item
 * was left marked running, so the interruption queued it again and the count of running items
 * went below zero; after the resume nothing decided the step and the run never finished.
 */
const scenario = (cutAt: number | null): RandomScenario => ({
  steps: [
    plain('ok'),
    plain('ok'),
    plain('fail', { from: [{ step: 0, output: 0 }, null], map: true }),
    plain('approval'),
    plain('ok'),
  ],
  runs: 2,
  answers: [],
  cutAt,
  resume: true,
  autoContinue: false,
  budget: null,
});

async function statuses(cutAt: number | null): Promise<Array<{ run: string; steps: string[] }>> {
  const runs = (await playScenario(sha256, scenario(cutAt))).reduce(foldRuns, emptyRuns);
  return [...runs.runs.values()].map((run) => ({
    run: run.status,
    steps: [...run.steps.values()].map((s) => s.status),
  }));
}

describe('a map step with a failed item, interrupted while another item ran', () => {
  it('is decided after the resume as it would be without the interruption', async () => {
    const interrupted = await statuses(0.5);
    expect(interrupted.map((r) => r.run)).not.toContain('running');
    expect(interrupted).toEqual(await statuses(null));
    // Not critical: the map step is skipped once its failure is decided, and the runs go on.
    expect(interrupted[1]?.steps[2]).toBe('skipped');
  });
});
