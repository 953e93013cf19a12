import { describe, expect, it } from 'vitest';
import { sha256 } from '../../../runtime/sha256';
import { BUILTIN_LEVELS } from '../../quest/builtinLevels';
import type { QuestLevel } from '../../quest/levelSchema';
import { questCallLine } from '../../quest/questJournal';
import { projectQuestProgress, questProgress } from '../../quest/questProgress';
import { levelSchema } from '../../quest/levelSchema';
import { TestStudio } from '../../testing/testStudio';
import { questModelFor } from './questKind';

const levelNamed = (id: string): QuestLevel => {
  const level = BUILTIN_LEVELS.find((l) => l.id === id);
  if (!level) throw new Error(`no level ${id}`);
  return level;
};

/** A studio with a level's functions as models, and a flow to play it in. */
async function play(level: QuestLevel) {
  const studio = await new TestStudio(sha256, {}).open();
  const models = new Map<string, string>();
  for (const fn of level.functions) models.set(fn.name, await studio.define(questModelFor(level, fn)));
  const flowId = await studio.do({ type: 'createFlow', name: `Level ${level.order}` });
  const step = (fn: string) =>
    studio.do({ type: 'addStep', flowId, modelId: models.get(fn) ?? '', position: { x: 0, y: 0 }, label: fn });
  const wire = (a: string, ap: string, b: string, bp: string) =>
    studio.do({ type: 'connect', flowId, source: { stepId: a, port: ap }, target: { stepId: b, port: bp } });
  const run = async () => {
    const runId = await studio.do({ type: 'startRun', flowId, input: 'go' });
    await studio.conductor.whenIdle();
    return runId;
  };
  const progress = () => questProgress(BUILTIN_LEVELS, studio.events);
  return { studio, flowId, step, wire, run, progress };
}

describe('Function Quest functions as models', () => {
  it('level 1 wired find_key → use_key → open_door wins with efficiency 100% and unlocks level 2', async () => {
    const { step, wire, run, studio, progress } = await play(levelNamed('first-door'));
    const [find, use, open] = [await step('find_key'), await step('use_key'), await step('open_door')];
    await wire(find, 'key', use, 'key');
    await wire(use, 'lock', open, 'lock');
    const runId = await run();
    expect(studio.runs.runs.get(runId as never)?.status).toBe('succeeded');
    const [first, second, third] = progress();
    expect(first?.best?.score.sentence).toBe('Won in 3 calls (the fewest is 3): efficiency 100%.');
    expect(first?.best?.calls.map((c) => [c.fn, c.args, c.value])).toEqual([
      ['find_key', {}, 'rusty_key'],
      ['use_key', { key: 'rusty_key' }, 'Success!'],
      ['open_door', { lock: 'Success!' }, 'The door opens!'],
    ]);
    expect([second?.unlocked, third?.unlocked]).toEqual([true, false]);
  });

  it('a hidden precondition not met is a failed attempt with the function’s sentence, and the level stays locked after it', async () => {
    const { step, run, studio, progress } = await play(levelNamed('first-door'));
    await step('open_door');
    const runId = await run();
    expect(studio.runs.runs.get(runId as never)?.status).toBe('failed');
    const resolved = studio.events.find((e) => e.type === 'agent.resolved');
    expect(resolved?.type === 'agent.resolved' && resolved.data.reason).toBe('The door is locked.');
    const [first, second] = progress();
    expect(first?.best?.score).toMatchObject({
      won: false,
      sentence: 'Not won: the goal (“The door opens!”) was not reached in 1 call.',
    });
    expect(second?.unlocked).toBe(false);
  });

  it('a later call meets the world the run’s earlier calls made: the stuck door opens on a retry after the hinges are oiled', async () => {
    const { step, run, studio, progress, flowId } = await play(levelNamed('stuck-door'));
    await step('oil_hinges');
    const open = await step('open_door');
    await studio.do({
      type: 'configureStep',
      flowId,
      stepId: open,
      settings: { retry: { maxAttempts: 2, backoff: 'fixed', baseMs: 10, on: ['script-error'] } },
    });
    await run();
    await studio.advanceAndSettle(1_000);
    const stuck = progress().find((p) => p.level.id === 'stuck-door');
    // Both steps start at once, so open_door meets unoiled hinges and fails (the log lists calls as they
    // finished: the oiling first); its retry comes after the oiling and meets the world it made.
    expect(stuck?.best?.calls.map((c) => [c.fn, c.ok, c.value])).toEqual([
      ['oil_hinges', true, 'The hinges shine.'],
      ['open_door', false, 'The hinges are rusted stuck.'],
      ['open_door', true, 'The door swings open.'],
    ]);
    expect(stuck?.best?.score.sentence).toBe('Won in 3 calls (the fewest is 2): efficiency 67%.');
  });

  it('a script logging the words of a call changes nothing in the world: only quest agents are journaled', async () => {
    const level = levelNamed('stuck-door');
    const forged = questCallLine(level.id, { fn: 'oil_hinges', args: {}, ok: true, value: 'The hinges shine.' });
    const studio = await new TestStudio(sha256, {
      forge: (task) => ({
        ok: true,
        emitted: task.outputPorts.map((port) => ({ port, value: 'x' })),
        logs: [forged],
        durationMs: 1,
      }),
    }).open();
    const door = level.functions.find((f) => f.name === 'open_door');
    if (!door) throw new Error('no open_door');
    const flowId = await studio.do({ type: 'createFlow', name: 'Cheat' });
    const forge = await studio.do({
      type: 'addStep',
      flowId,
      modelId: await studio.model('forge', [], ['done'], 'forge'),
      position: { x: 0, y: 0 },
    });
    const open = await studio.do({
      type: 'addStep',
      flowId,
      modelId: await studio.define({ ...questModelFor(level, door), inputs: [{ name: 'after', type: 'any' }] }),
      position: { x: 0, y: 0 },
    });
    await studio.do({
      type: 'connect',
      flowId,
      source: { stepId: forge, port: 'done' },
      target: { stepId: open, port: 'after' },
    });
    await studio.do({ type: 'startRun', flowId, input: 'go' });
    await studio.conductor.whenIdle();
    const calls = questProgress(BUILTIN_LEVELS, studio.events).find((p) => p.level.id === level.id)?.attempts[0]?.calls;
    expect(calls?.map((c) => [c.fn, c.ok, c.value])).toEqual([['open_door', false, 'The hinges are rusted stuck.']]);
  });

  it('refuses a model naming a level or function that does not exist, in a sentence', async () => {
    const studio = await new TestStudio(sha256, {}).open();
    const level = levelNamed('first-door');
    const fn = level.functions[0];
    if (!fn) throw new Error('no function');
    const result = await studio.try({
      type: 'saveModelDefinition',
      definition: { ...questModelFor(level, fn), fn: 'dig' },
    });
    expect(result.ok ? '' : result.error.message).toBe('The level “The first door” has no function “dig”.');
  });

  it('a level a person wrote travels in its models: it plays, scores, and is open in the project’s ladder', async () => {
    const mine = levelSchema.parse({
      id: 'my-garden',
      order: 1,
      title: 'My garden',
      story: 'A gate and a bell.',
      concepts: ['sequence'],
      functions: [
        {
          name: 'ring_bell',
          description: 'Rings.',
          params: [],
          returns: 'sound',
          rules: [{ result: 'ding' }],
          fails: 'Silence.',
        },
        {
          name: 'open_gate',
          description: 'Opens.',
          params: [{ name: 'sound', type: 'sound' }],
          returns: 'gate',
          rules: [{ after: ['ring_bell'], result: 'The gate swings open.' }],
          fails: 'Nobody comes.',
        },
      ],
      goal: { type: 'gate', value: 'The gate swings open.' },
      minCalls: 2,
      optimalFromSignatures: true,
    });
    expect(questModelFor(mine, mine.functions[0]!)).toMatchObject({ level: 'my-garden', world: { id: 'my-garden' } });
    expect(questModelFor(levelNamed('first-door'), levelNamed('first-door').functions[0]!)).not.toHaveProperty('world');
    const { step, wire, run, studio } = await play(mine);
    await wire(await step('ring_bell'), 'sound', await step('open_gate'), 'sound');
    const runId = await run();
    expect(studio.runs.runs.get(runId as never)?.status).toBe('succeeded');
    const ladder = projectQuestProgress(BUILTIN_LEVELS, studio.definitions.models.values(), studio.events);
    expect(ladder).toHaveLength(BUILTIN_LEVELS.length + 1);
    expect(ladder.at(-1)).toMatchObject({
      level: { id: 'my-garden' },
      unlocked: true,
      best: { score: { won: true, efficiency: 1 } },
    });
    // A built-in level's id cannot be taken by a level a person wrote.
    const clash = await studio.try({
      type: 'saveModelDefinition',
      definition: {
        ...questModelFor(mine, mine.functions[0]!),
        level: 'first-door',
        world: { ...mine, id: 'first-door' },
      },
    });
    expect(!clash.ok && clash.error.message).toBe('“first-door” is the id of a built-in level.');
  });
});
