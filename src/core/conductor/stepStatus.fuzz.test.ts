import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../runtime/sha256';
import type { StoredEvent } from '../events/storedEvent';
import { emptyRuns, foldRuns } from '../run/runState';
import { STATUS_OF_PHASE } from '../run/stepStatus';
import { playScenario, type RandomScenario, type RandomStep } from '../testing/randomRuns';
import { ConductorState } from './conductorState';

const step: fc.Arbitrary<RandomStep> = fc.record({
  kind: fc.constantFrom('ok', 'ok', 'ok', 'fail', 'flaky', 'branch', 'approval', 'human', 'llm', 'llm', 'subflow'),
  from: fc.array(fc.option(fc.record({ step: fc.nat(5), output: fc.nat(1) }), { nil: null }), { minLength: 2, maxLength: 2 }),
  retry: fc.constantFrom('none', 'none', 'now', 'later'),
  critical: fc.boolean(),
  takes: fc.constantFrom(0 as const, 1 as const),
  map: fc.boolean(),
});

export const scenario: fc.Arbitrary<RandomScenario> = fc
  .record({
    steps: fc.array(step, { minLength: 1, maxLength: 6 }),
    runs: fc.integer({ min: 1, max: 2 }),
    answers: fc.array(fc.constantFrom('approve', 'reject', 'provide'), { maxLength: 4 }),
    cutAt: fc.option(fc.integer({ min: 0, max: 99 }).map((n) => n / 100), { nil: null }),
    resume: fc.boolean(),
    budget: fc.option(fc.record({ tokens: fc.constantFrom(100, 200, 400), onExceed: fc.constantFrom('stop' as const, 'ask' as const) }), { nil: null }),
  })
  // Inputs come only from earlier steps: the flow is a DAG.
  .map((s) => ({ ...s, steps: s.steps.map((st, i) => ({ ...st, from: st.from.map((f) => (f && i > 0 ? { step: f.step % i, output: f.output } : null)) })) }));

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
        if (status !== STATUS_OF_PHASE[phase]) found.push(`#${event.seq} ${event.type}: phase ${phase}, status ${String(status)}`);
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
      fc.asyncProperty(scenario, async (s) => {
        const events = await playScenario(sha256, s);
        expect(disagreements(events)).toEqual([]);
        // A run waiting on an interrupted sub-flow run waits for its resume: check only when all were resumed.
        if (s.resume || s.cutAt === null) expect(stuckRuns(events)).toEqual([]);
      }),
      { numRuns: 150 },
    );
  }, 120_000);
});
