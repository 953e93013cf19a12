import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../runtime/sha256';
import type { StoredEvent } from '../events/storedEvent';
import { emptyRuns, foldRuns } from '../run/runState';
import { STATUS_OF_PHASE } from '../run/stepStatus';
import { playScenario, randomScenario } from '../testing/randomRuns';
import { ConductorState } from './conductorState';

/** Folds the log event by event into the conductor's state and the run projection, and lists every disagreement. */
function disagreements(events: readonly StoredEvent[]): string[] {
  const state = new ConductorState();
  let runs = emptyRuns;
  const found: string[] = [];
  for (const event of events) {
    state.observe(event);
    runs = foldRuns(runs, event);
    for (const run of runs.runs.values()) {
      const phases = state.loop.stepPhases(run.runId);
      if (!phases) continue;
      for (const [stepId, phase] of phases) {
        const status = run.steps.get(stepId)?.status;
        if (status !== STATUS_OF_PHASE[phase])
          found.push(`#${event.seq} ${event.type}: phase ${phase}, status ${String(status)}`);
      }
    }
  }
  return found;
}

/** Runs left going with nothing to wait for (no question open, no retry due later): nothing would ever finish them. */
function stuckRuns(events: readonly StoredEvent[]): string[] {
  const runs = events.reduce(foldRuns, emptyRuns);
  return [...runs.runs.values()]
    .filter((run) => run.status === 'running' && ![...run.steps.values()].some((step) => step.status === 'asking'))
    .map((run) => `${run.runId}: ${[...run.steps.values()].map((step) => step.status).join(', ')}`);
}

describe('step phases (gap loop) and step statuses (run projection)', () => {
  it('agree for every step at every point of random logs', async () => {
    await fc.assert(
      fc.asyncProperty(randomScenario, async (s) => {
        const events = await playScenario(sha256, s);
        expect(disagreements(events)).toEqual([]);
        // A run waiting on an interrupted sub-flow run waits for its resume: check only when all were resumed.
        if (s.resume || s.cutAt === null) expect(stuckRuns(events)).toEqual([]);
      }),
      { numRuns: 150 },
    );
  }, 120_000);
});
