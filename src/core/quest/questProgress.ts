import type { StoredEvent } from '../events/storedEvent';
import type { QuestLevel } from './levelSchema';
import { parseQuestCallLine } from './questJournal';
import { scoreAttempt, type QuestCall, type QuestScore } from './questWorld';

/** One finished run that called a level's functions, scored. */
export interface QuestAttempt {
  runId: string;
  level: string;
  calls: QuestCall[];
  score: QuestScore;
}

export interface LevelProgress {
  level: QuestLevel;
  unlocked: boolean;
  attempts: QuestAttempt[];
  /** The attempt with the highest efficiency (a win beats any loss; the earlier one wins a tie). */
  best: QuestAttempt | undefined;
}

/**
 * Function Quest progress, a projection of the log: every finished run whose agents called a
 * level's functions (the journal lines of agents of quest models; a script writing the same
 * words calls nothing) is an attempt at that level, scored from its calls; a
 * level's best attempt is kept, and winning a level unlocks the next one in order.
 */
export function questProgress(levels: readonly QuestLevel[], events: Iterable<StoredEvent>): LevelProgress[] {
  const calls = new Map<string, { level: string; calls: QuestCall[] }>();
  const finished: string[] = [];
  const questModels = new Set<string>();
  const questAgents = new Set<string>();
  for (const event of events) {
    if (event.type === 'model.saved' && event.data.model.kind === 'quest') questModels.add(event.data.model.modelId);
    if (event.type === 'agent.spawned' && questModels.has(event.data.modelId)) questAgents.add(event.data.agentId);
    if (event.runId === undefined) continue;
    if (event.type === 'agent.resolved' && questAgents.delete(event.data.agentId)) {
      for (const line of event.data.logs) {
        const call = parseQuestCallLine(line);
        if (!call) continue;
        const run = calls.get(event.runId) ?? { level: call.level, calls: [] };
        // A run plays one level: calls of another level (a flow mixing levels) are not part of it.
        if (call.level === run.level) run.calls.push({ fn: call.fn, args: call.args, ok: call.ok, value: call.value });
        calls.set(event.runId, run);
      }
    }
    if (event.type === 'run.finished' && event.data.status !== 'interrupted') finished.push(event.runId);
  }
  const attempts = finished.flatMap((runId) => {
    const run = calls.get(runId);
    const level = run && levels.find((l) => l.id === run.level);
    return run && level ? [{ runId, level: level.id, calls: run.calls, score: scoreAttempt(level, run.calls) }] : [];
  });
  let previousWon = true;
  return levels.map((level) => {
    const mine = attempts.filter((a) => a.level === level.id);
    const best = mine.reduce<QuestAttempt | undefined>(
      (b, a) => (!b || a.score.efficiency > b.score.efficiency ? a : b),
      undefined,
    );
    const unlocked = previousWon || mine.length > 0;
    previousWon = best?.score.won === true;
    return { level, unlocked, attempts: mine, best };
  });
}

/** The level to play: the first unlocked one not yet won, else the last unlocked. */
export function currentLevel(progress: readonly LevelProgress[]): LevelProgress | undefined {
  return progress.find((p) => p.unlocked && !p.best?.score.won) ?? progress.filter((p) => p.unlocked).at(-1);
}

/** The flow a level is played in, by name. */
export const levelFlowName = (level: QuestLevel): string => `Level ${level.order}: ${level.title}`;

/**
 * The levels a project can play: the built-in ladder, then the levels people wrote, which its
 * quest models carry (`world`). A person's level is open from the start: it is not a rung of
 * the built-in ladder. The same level carried by several models counts once (the first).
 */
export function projectQuestProgress(
  builtIn: readonly QuestLevel[],
  models: Iterable<{ kind: string; world?: QuestLevel | undefined }>,
  events: readonly StoredEvent[],
): LevelProgress[] {
  const own = new Map<string, QuestLevel>();
  for (const model of models)
    if (model.kind === 'quest' && model.world && !own.has(model.world.id)) own.set(model.world.id, model.world);
  const written = [...own.values()].sort((a, b) => a.order - b.order || a.title.localeCompare(b.title, 'en'));
  return [...questProgress(builtIn, events), ...written.flatMap((level) => questProgress([level], events))];
}
