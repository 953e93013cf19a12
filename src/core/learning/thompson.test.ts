import { describe, expect, it } from 'vitest';
import { seededRandom } from './seededRandom';
import { chooseOrder, type ModelOutcome } from './thompson';

/**
 * A simulated step with two candidate models, A (succeeds 60% of the time) and B (90%), both
 * costing the same; every run records the outcome of the model chosen first. The world's own
 * coin flips come from a seed of their own, so the test is deterministic.
 */
function simulate(runs: number, rates: Record<string, number>, worldSeed: number, seeds: (i: number) => number) {
  const world = seededRandom(worldSeed);
  const outcomes: ModelOutcome[] = [];
  const chosen: string[] = [];
  for (let i = 0; i < runs; i++) {
    const { order } = chooseOrder(['A', 'B'], outcomes, seeds(i), { success: 1, cost: 0, latency: 0 });
    const model = order[0] as string;
    chosen.push(model);
    outcomes.push({ modelId: model, succeeded: world() < (rates[model] ?? 0), costUsd: 0.002, latencyMs: 300 });
  }
  return chosen;
}

describe('Thompson sampling over a fallback chain', () => {
  it('converges to the better of two models: within 100 runs, then B first in at least 90 of the next 100', () => {
    for (const worldSeed of [1, 2, 3]) {
      const chosen = simulate(200, { A: 0.6, B: 0.9 }, worldSeed, (i) => 1_000 + i);
      const later = chosen.slice(100).filter((m) => m === 'B').length;
      expect(later, `world seed ${worldSeed}`).toBeGreaterThanOrEqual(90);
    }
  });

  it('replays identically: the same history and recorded seed give the same order and reason', () => {
    const history: ModelOutcome[] = [
      { modelId: 'A', succeeded: true, costUsd: 0.01, latencyMs: 900 },
      { modelId: 'B', succeeded: false, costUsd: 0.002, latencyMs: 200 },
      { modelId: 'B', succeeded: true, costUsd: 0.002, latencyMs: 200 },
    ];
    const first = chooseOrder(['A', 'B'], history, 42);
    expect(chooseOrder(['A', 'B'], history, 42)).toEqual(first);
    expect(simulate(60, { A: 0.5, B: 0.8 }, 7, (i) => i * 31)).toEqual(
      simulate(60, { A: 0.5, B: 0.8 }, 7, (i) => i * 31),
    );
  });

  it('weighs cost by the policy: with equal success, the cheaper model leads', () => {
    const history: ModelOutcome[] = [];
    for (let i = 0; i < 40; i++)
      history.push(
        { modelId: 'A', succeeded: true, costUsd: 0.02, latencyMs: 500 },
        { modelId: 'B', succeeded: true, costUsd: 0.002, latencyMs: 500 },
      );
    const firsts = Array.from(
      { length: 50 },
      (_, i) => chooseOrder(['A', 'B'], history, i, { success: 1, cost: 1, latency: 0 }).order[0],
    );
    expect(firsts.every((m) => m === 'B')).toBe(true);
  });

  it('says why, with the numbers a person can check', () => {
    const history: ModelOutcome[] = Array.from({ length: 15 }, (_, i) => ({
      modelId: 'm_b',
      succeeded: i !== 3,
      costUsd: 0.002,
      latencyMs: 1_200,
    }));
    history.push(
      { modelId: 'm_a', succeeded: false, costUsd: 0.02, latencyMs: 800 },
      { modelId: 'm_a', succeeded: false, costUsd: 0.02, latencyMs: 800 },
    );
    const choice = chooseOrder(
      ['m_a', 'm_b'],
      history,
      5,
      { success: 1, cost: 0.2, latency: 0 },
      { m_a: 'model A', m_b: 'model B' },
    );
    expect(choice.order).toEqual(['m_b', 'm_a']);
    expect(choice.reason).toBe('chose model B: 14 of 15 succeeded, $0.002 a call');
    expect(chooseOrder(['m_a'], [], 1, undefined, { m_a: 'model A' }).reason).toBe(
      'chose model A: no recorded runs yet, so it was drawn from an even prior',
    );
  });
});
