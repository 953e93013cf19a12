import { hashedText, type Sha256 } from '../core/events/hashChain';
import { GENESIS_HASH, type EventRecord } from '../core/events/storedEvent';
import type { ProjectId } from '../core/ids';

/**
 * Moves a verified log under another project id. `projectId` is part of every hashed record (and
 * of project.created's data), so a copy cannot keep the original hashes: each record keeps its
 * version, seq, time, type, run and data exactly as stored (it is not upcast: the copy is the same
 * log, read later by the same upcasters), and is linked and hashed again. Call it only on a chain
 * that verified, so the copy vouches for exactly what the original did.
 */
export async function resealEvents(
  records: readonly EventRecord[],
  projectId: ProjectId,
  sha256: Sha256,
): Promise<EventRecord[]> {
  const sealed: EventRecord[] = [];
  let prevHash = GENESIS_HASH;
  for (const record of records) {
    const { hash: _old, ...rest } = record;
    // project.created has carried its project's id since version 1.
    const data =
      record.type === 'project.created' && typeof record.data === 'object' && record.data !== null
        ? { ...record.data, projectId }
        : record.data;
    const unhashed = { ...rest, projectId, data, prevHash };
    const hash = await sha256(hashedText(unhashed));
    sealed.push({ ...unhashed, hash });
    prevHash = hash;
  }
  return sealed;
}
