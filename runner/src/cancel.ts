import type { EventDraft } from '../../src/core/events/eventMap';
import type { StoredEvent } from '../../src/core/events/storedEvent';

const CANCELLED = 'Cancelled from the studio while it ran on the runner. Finished steps kept their artifacts.';

/** Ends every run still going (or interrupted) as failed, saying it was cancelled. */
export function cancelDrafts(events: readonly StoredEvent[]): EventDraft[] {
  const open = new Map<string, boolean>();
  for (const event of events) {
    if (!event.runId) continue;
    if (event.type === 'run.started') open.set(event.runId, true);
    if (event.type === 'run.finished' && event.data.status !== 'interrupted') open.delete(event.runId);
  }
  return [...open.keys()].map((runId) => ({ type: 'run.finished', runId, data: { status: 'failed', reason: CANCELLED } }));
}
