import type { EventRecord } from '../../../src/core/events/storedEvent';
import type { RunEvent } from '../../../src/protocol/publicApi';
import { callProject, callWaiter } from '../ingress';
import type { LogPage } from '../protocol';

/** How long one wait for more of the log lasts before the stream sends a keep-alive. */
const WAIT_MS = 15_000;

export type RunStreamItem = { kind: 'event'; event: RunEvent } | { kind: 'idle' } | { kind: 'end'; status: string };

/** The record as a caller sees it: the event as recorded, with the seq that is its SSE id. */
const asRunEvent = (record: EventRecord, runId: string): RunEvent => ({
  seq: record.seq,
  ts: record.ts,
  type: record.type,
  runId,
  data: record.data,
  hash: record.hash,
});

/**
 * A run's events as they land in its remote project's log, from seq `from` on, ending after the
 * run's `run.finished`. Nothing polls: each wait is the waiter service's (waiters.ts), which the
 * project's object wakes with the records it has just appended, so an event reaches the caller one
 * Restate round trip after it is written. A wait made after records landed answers at once with
 * them, so nothing falls between two waits. `idle` comes when a wait ran out with nothing new (the
 * stream sends a keep-alive then); `stopped` is asked before each wait (the caller went away).
 */
export async function* followRun(
  remoteKey: string,
  runId: string,
  from: number,
  stopped: () => boolean,
): AsyncGenerator<RunStreamItem> {
  let cursor = from;
  while (!stopped()) {
    const { woke, page } = await callWaiter('until', {
      key: remoteKey,
      topic: 'log',
      since: cursor,
      ms: WAIT_MS,
      at: Date.now(),
    });
    // Woken with the records from the cursor on: those. Otherwise (the wait ran out, or was woken
    // with nothing, as when the driver let go): read what is there.
    const fresh: LogPage =
      woke && page && page.records[0]?.seq === cursor
        ? page
        : await callProject(remoteKey, 'read', { since: cursor, limit: 2000 });
    const records = fresh.records.filter((r) => r.seq >= cursor);
    for (const record of records) {
      cursor = record.seq + 1;
      if (record.runId !== runId) continue;
      yield { kind: 'event', event: asRunEvent(record, runId) };
      if (record.type === 'run.finished') {
        const status = (record.data as { status?: unknown }).status;
        yield { kind: 'end', status: typeof status === 'string' ? status : 'finished' };
        return;
      }
    }
    if (records.length > 0) continue;
    // Nobody drives the log and nothing more is in it: the run will not go on (it never started here).
    if (!fresh.driving) {
      yield { kind: 'end', status: 'not-going' };
      return;
    }
    if (!woke) yield { kind: 'idle' };
  }
}
