import type { StoredEvent } from '../events/storedEvent';
import type { ArtifactValues } from './explanation';
import { ChainBuilder } from './explanation';
import type { LogNames } from './logNames';

/** The step an event is about, if it names one. */
export function stepIdOf(event: StoredEvent): string | undefined {
  const stepId = (event.data as { stepId?: unknown }).stepId;
  return typeof stepId === 'string' ? stepId : undefined;
}

/** What explaining one run's steps needs: its events, names, the log by seq, and loaded values. */
export interface RunContext {
  runId: string;
  names: LogNames;
  /** The run's own events, in log order. */
  events: readonly StoredEvent[];
  bySeq: (seq: number) => StoredEvent | undefined;
  values: ArtifactValues | undefined;
  chain: ChainBuilder;
}

/** The events of one step of the run, in log order. */
export function stepEvents(ctx: RunContext, stepId: string): StoredEvent[] {
  return ctx.events.filter((e) => stepIdOf(e) === stepId);
}

/** "a, b and c" (at most `max` named, then how many more). */
export function sayList(items: readonly string[], max = 5): string {
  const shown = items.slice(0, max);
  const more = items.length - shown.length;
  if (more > 0) return `${shown.join(', ')} and ${more} more`;
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} and ${shown.at(-1) as string}`;
}
