import type { EventDraft } from '../events/eventMap';
import type { EventCodec } from '../events/eventCodec';
import { hashedText, type ChainHead, type Sha256 } from '../events/hashChain';
import { GENESIS_HASH, type StoredEvent } from '../events/storedEvent';
import type { ProjectId } from '../ids';
import { defaultEventCodec } from './studioEventCodec';

/**
 * Validates drafts and links them into the chain after `head`: each gets its type's current
 * version, the next seq, the time, the previous event's hash, and its own hash. Throws (and seals
 * nothing) if any draft is invalid. `codec` is the studio's own (built by the catalogue) unless a test evolves it.
 */
export async function sealEvents(args: {
  projectId: ProjectId;
  head: ChainHead | null;
  drafts: readonly EventDraft[];
  now: number;
  sha256: Sha256;
  codec?: EventCodec;
}): Promise<StoredEvent[]> {
  const codec = args.codec ?? defaultEventCodec;
  const sealed: StoredEvent[] = [];
  let seq = args.head ? args.head.seq + 1 : 0;
  let prevHash = args.head ? args.head.hash : GENESIS_HASH;
  for (const draft of args.drafts) {
    const { v, data } = codec.encode(draft);
    const unhashed = {
      v,
      projectId: args.projectId,
      seq,
      ts: draft.ts ?? args.now,
      type: draft.type,
      ...(draft.runId !== undefined ? { runId: draft.runId } : {}),
      data,
      prevHash,
    } as Omit<StoredEvent, 'hash'>;
    const hash = await args.sha256(hashedText(unhashed));
    sealed.push({ ...unhashed, hash } as StoredEvent);
    prevHash = hash;
    seq += 1;
  }
  return sealed;
}
