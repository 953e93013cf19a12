import { JOURNAL_MARK } from '../ports/ports';
import type { QuestCall } from './questWorld';

/**
 * A quest call as one line of its agent's log: the run's log then holds every call made in a run,
 * in order, so the world a later call meets is rebuilt from the log (a replay meets the same) and
 * an attempt is scored from the log alone. `JOURNAL_MARK` is what the conductor keeps of a run's
 * agent logs for the kinds that read them (see AgentWorkContext.journal).
 */
const QUEST_PREFIX = `${JOURNAL_MARK}quest `;

export interface JournaledCall extends QuestCall {
  level: string;
}

export const questCallLine = (level: string, call: QuestCall): string =>
  `${QUEST_PREFIX}${JSON.stringify({ level, fn: call.fn, args: call.args, ok: call.ok, value: call.value })}`;

/** The quest call a log line records, or undefined for any other line (or a broken one). */
export function parseQuestCallLine(line: string): JournaledCall | undefined {
  if (!line.startsWith(QUEST_PREFIX)) return undefined;
  try {
    const raw = JSON.parse(line.slice(QUEST_PREFIX.length)) as Partial<JournaledCall>;
    if (
      typeof raw.level !== 'string' ||
      typeof raw.fn !== 'string' ||
      typeof raw.ok !== 'boolean' ||
      typeof raw.value !== 'string'
    )
      return undefined;
    const args =
      typeof raw.args === 'object' && raw.args !== null
        ? Object.fromEntries(Object.entries(raw.args).map(([k, v]) => [k, String(v)]))
        : {};
    return { level: raw.level, fn: raw.fn, args, ok: raw.ok, value: raw.value };
  } catch {
    return undefined;
  }
}

/** The calls of one level among journal lines, in their order. */
export const questCallsIn = (lines: readonly string[], level: string): QuestCall[] =>
  lines.flatMap((line) => {
    const call = parseQuestCallLine(line);
    return call && call.level === level ? [{ fn: call.fn, args: call.args, ok: call.ok, value: call.value }] : [];
  });
