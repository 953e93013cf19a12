import { describe, expect, it } from 'vitest';
import { BUILTIN_LEVELS, parseLevel } from './builtinLevels';
import { CONCEPTS } from './levelSchema';
import { solveLevel } from './planner';
import { QuestWorld, scoreAttempt } from './questWorld';

describe('Function Quest', () => {
  it('has at least ten levels, in rising order, covering every concept', () => {
    expect(BUILTIN_LEVELS.length).toBeGreaterThanOrEqual(10);
    expect(BUILTIN_LEVELS.map((l) => l.order)).toEqual([...BUILTIN_LEVELS.map((l) => l.order)].sort((a, b) => a - b));
    for (const concept of CONCEPTS)
      expect(
        BUILTIN_LEVELS.some((l) => l.concepts.includes(concept)),
        concept,
      ).toBe(true);
  });

  for (const level of BUILTIN_LEVELS) {
    it(`the planner wins “${level.title}”${level.optimalFromSignatures ? ' with efficiency 1.0' : ''}`, () => {
      const run = solveLevel(level);
      expect(run.score.won, run.score.sentence).toBe(true);
      if (level.optimalFromSignatures) expect(run.score.efficiency).toBe(1);
      else expect(run.score.efficiency).toBeGreaterThan(0);
      if (level.budget !== undefined) expect(run.calls.length).toBeLessThanOrEqual(level.budget);
    });
  }

  it('the parallel level is solved in two rounds: the three fetches need nothing of each other', () => {
    const cake = BUILTIN_LEVELS.find((l) => l.id === 'cake');
    expect(cake && solveLevel(cake).rounds).toBe(2);
  });

  it('hidden preconditions: a call fails until what it waits for was done; the planner recovers', () => {
    const level = BUILTIN_LEVELS.find((l) => l.id === 'stuck-door');
    if (!level) throw new Error('level missing');
    const run = solveLevel(level);
    expect(run.calls.map((c) => [c.fn, c.ok])).toEqual([
      ['open_door', false],
      ['oil_hinges', true],
      ['open_door', true],
    ]);
    expect(run.score).toMatchObject({ won: true, callsUsed: 3, efficiency: 2 / 3 });
  });

  it('scores a person’s attempt: efficiency = minimum calls ÷ calls used; over the budget is a loss', () => {
    const first = BUILTIN_LEVELS[0];
    if (!first) throw new Error('no levels');
    const world = new QuestWorld(first);
    world.call('open_door', { lock: 'x' });
    world.call('find_key');
    world.call('use_key', { key: 'rusty_key' });
    expect(world.call('open_door', { lock: 'Success!' }).value).toBe('The door opens!');
    expect(scoreAttempt(first, world.calls)).toMatchObject({
      won: true,
      callsUsed: 4,
      efficiency: 0.75,
      sentence: 'Won in 4 calls (the fewest is 3): efficiency 75%.',
    });
    const budgeted = BUILTIN_LEVELS.find((l) => l.id === 'chest-on-a-budget');
    if (!budgeted) throw new Error('level missing');
    const over = new QuestWorld(budgeted);
    over.call('get_coins');
    over.call('buy_key', { coins: '3 coins' });
    expect(over.call('open_chest', { key: 'shop_key' }).ok).toBe(false);
    expect(scoreAttempt(budgeted, over.calls)).toMatchObject({ won: false, efficiency: 0 });
  });

  it('refuses a level whose budget is below its minimum, in a sentence', () => {
    const first = BUILTIN_LEVELS[0];
    const result = parseLevel({ ...first, budget: 1 });
    expect(result.ok ? '' : result.message).toBe(
      'This level is not valid: budget a budget below the minimum number of calls makes the level unwinnable.',
    );
  });
});
