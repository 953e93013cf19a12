import { hashedText, type Sha256 } from '../core/events/hashChain';
import { GENESIS_HASH, type StoredEvent } from '../core/events/storedEvent';
import type { ProjectId } from '../core/ids';

/**
 * Moves a verified log under another project id. `projectId` is part of every hashed event (and
 * of project.created's data), so a copy cannot keep the original hashes: each event keeps its
 * seq, time, type, run and data, and is linked and hashed again. Call it only on a chain that
 * verified, so the copy vouches for exactly what the original did.
 */
export async function resealEvents(events: readonly StoredEvent[], projectId: ProjectId, sha256: Sha256): Promise<StoredEvent[]> {
  const sealed: StoredEvent[] = [];
  let prevHash = GENESIS_HASH;
  for (const event of events) {
    const { hash: _old, ...rest } = event;
    const data = event.type === 'project.created' ? { ...event.data, projectId } : event.data;
    const unhashed = { ...rest, projectId, data, prevHash } as Omit<StoredEvent, 'hash'>;
    const hash = await sha256(hashedText(unhashed));
    sealed.push({ ...unhashed, hash } as StoredEvent);
    prevHash = hash;
  }
  return sealed;
}
