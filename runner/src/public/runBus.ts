import { BusIndex } from '../../../src/core/bus/busIndex';
import type { StoredEvent } from '../../../src/core/events/storedEvent';
import type { RunId } from '../../../src/core/ids';
import type { BusMessages } from '../../../src/protocol/publicApi';
import { readRemoteLog } from '../remoteLog';

/**
 * A topic of a run's bus as the run sees it (its own messages, its outer runs', the project's),
 * folded from the project's log with the studio's own BusIndex, so the API's scoping is the
 * conductor's, not a copy of it.
 */
export async function readRunBus(
  projectKey: string,
  runId: string,
  topic: string,
  since?: number,
): Promise<BusMessages['messages']> {
  const { records } = await readRemoteLog(projectKey);
  const index = new BusIndex();
  for (const record of records) index.observe(record as StoredEvent);
  return index.read(runId as RunId, topic, since ?? -1).map((m) => ({
    seq: m.seq,
    ts: m.ts,
    topic: m.topic,
    from: m.from.name,
    body: m.body,
  }));
}
