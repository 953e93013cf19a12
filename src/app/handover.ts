import type { StoredEvent } from '../core/events/storedEvent';
import type { RunId } from '../core/ids';
import type { RunsState } from '../core/run/runState';
import type { RunsContinued } from './projectView';

/**
 * The hand-overs in a batch of new events: the `run.continued` events a new leader wrote, one
 * entry per reason (a leader writes all of its continuations in one append, so in one batch).
 */
export function continuedRunsIn(events: readonly StoredEvent[]): RunsContinued[] {
  const byReason = new Map<RunsContinued['after'], { seq: number; after: RunsContinued['after']; runIds: RunId[] }>();
  for (const event of events) {
    if (event.type !== 'run.continued' || event.runId === undefined) continue;
    const entry = byReason.get(event.data.after) ?? { seq: event.seq, after: event.data.after, runIds: [] };
    entry.runIds.push(event.runId);
    byReason.set(event.data.after, entry);
  }
  return [...byReason.values()];
}

/** Agents that died with the page that ran them, as the batch says: named by a continuation, or abandoned by an interruption. */
export function abandonedAgents(events: readonly StoredEvent[], runs: RunsState): string[] {
  const agents: string[] = [];
  for (const event of events) {
    if (event.type === 'run.continued') agents.push(...event.data.abandoned.map((a) => a.agentId));
    if (event.type === 'run.finished' && event.data.status === 'interrupted' && event.runId !== undefined) {
      for (const step of runs.runs.get(event.runId)?.steps.values() ?? []) {
        for (const attempt of step.attempts) if (attempt.outcome === 'abandoned') agents.push(attempt.agentId);
      }
    }
  }
  return agents;
}
