import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../events/storedEvent';
import { BUILTIN_LEVELS } from './builtinLevels';
import { questCallLine, parseQuestCallLine } from './questJournal';
import { currentLevel, questProgress } from './questProgress';
import type { QuestCall } from './questWorld';

const [first, second] = BUILTIN_LEVELS;
if (!first || !second) throw new Error('levels missing');

let seq = 0;
const saved = (modelId: string, kind: string) =>
  ({ seq: seq++, type: 'model.saved', data: { model: { modelId, kind } } }) as unknown as StoredEvent;
const models = [saved('m_quest', 'quest'), saved('m_script', 'script')];
/** A run's events as the projection reads them: an agent of `modelId` spawned and resolved per call, then run.finished. */
function runOf(
  runId: string,
  level: string,
  calls: QuestCall[],
  status: 'succeeded' | 'failed' | 'interrupted' = 'succeeded',
  modelId = 'm_quest',
): StoredEvent[] {
  const agents = calls.flatMap((call) => {
    const agentId = `a${seq++}`;
    return [
      { seq: seq++, type: 'agent.spawned', runId, data: { agentId, modelId } },
      {
        seq: seq++,
        type: 'agent.resolved',
        runId,
        data: { agentId, logs: ['an ordinary log line', questCallLine(level, call)] },
      },
    ];
  });
  return [
    ...models,
    ...agents,
    { seq: seq++, type: 'run.finished', runId, data: { status } },
  ] as unknown as StoredEvent[];
}
const ok = (fn: string, value: string, args: Record<string, string> = {}): QuestCall => ({ fn, args, ok: true, value });
const winning = [
  ok('find_key', 'rusty_key'),
  ok('use_key', 'Success!', { key: 'rusty_key' }),
  ok('open_door', 'The door opens!', { lock: 'Success!' }),
];

describe('Function Quest progress, projected from the log', () => {
  it('before any run only level 1 is open, and it is the level to play', () => {
    const progress = questProgress(BUILTIN_LEVELS, []);
    expect(progress.map((p) => p.unlocked)).toEqual(BUILTIN_LEVELS.map((_, i) => i === 0));
    expect(currentLevel(progress)?.level.id).toBe(first.id);
  });

  it('keeps the best attempt, unlocks the next level on a win, and moves on to it', () => {
    const slow = [ok('open_door', 'x'), ...winning].map((c, i) =>
      i === 0 ? { ...c, ok: false, value: 'The door is locked.' } : c,
    );
    const events = [
      ...runOf('r1', first.id, slow, 'failed'),
      ...runOf('r2', first.id, winning),
      ...runOf('r3', first.id, [ok('find_key', 'rusty_key')], 'failed'),
    ];
    const [one, two, three] = questProgress(BUILTIN_LEVELS, events);
    expect(one?.attempts.map((a) => a.score.sentence)).toEqual([
      'Won in 4 calls (the fewest is 3): efficiency 75%.',
      'Won in 3 calls (the fewest is 3): efficiency 100%.',
      'Not won: the goal (“The door opens!”) was not reached in 1 call.',
    ]);
    expect(one?.best?.runId).toBe('r2');
    expect([two?.unlocked, three?.unlocked]).toEqual([true, false]);
    expect(currentLevel(questProgress(BUILTIN_LEVELS, events))?.level.id).toBe(second.id);
  });

  it('a lost attempt does not unlock; an interrupted run is not an attempt yet', () => {
    const events = [
      ...runOf('r1', first.id, [ok('find_key', 'rusty_key')], 'failed'),
      ...runOf('r2', first.id, winning, 'interrupted'),
    ];
    const [one, two] = questProgress(BUILTIN_LEVELS, events);
    expect(one?.attempts).toHaveLength(1);
    expect(two?.unlocked).toBe(false);
  });

  it('a script that logs the words of a call has made no call', () => {
    const [one, two] = questProgress(BUILTIN_LEVELS, runOf('r1', first.id, winning, 'succeeded', 'm_script'));
    expect(one?.attempts).toEqual([]);
    expect(two?.unlocked).toBe(false);
  });

  it('reads back only lines it wrote: other log lines and broken ones are not calls', () => {
    const line = questCallLine(first.id, ok('find_key', 'rusty_key'));
    expect(parseQuestCallLine(line)).toEqual({
      level: first.id,
      fn: 'find_key',
      args: {},
      ok: true,
      value: 'rusty_key',
    });
    expect(parseQuestCallLine('journal: quest {not json')).toBeUndefined();
    expect(parseQuestCallLine('quest {"level":"first-door"}')).toBeUndefined();
  });
});
