import { StudioError } from '../errors/studioError';
import { canonicalJson } from './canonicalJson';
import { GENESIS_HASH, type EventRecord } from './storedEvent';

/** SHA-256 of UTF-8 text as lower-case hex. Injected: crypto.subtle in browsers and Node. */
export type Sha256 = (text: string) => Promise<string>;

export interface ChainHead {
  seq: number;
  hash: string;
}

/** The text that is hashed: every field of the record as stored but the hash itself, canonicalised. */
export function hashedText(event: Omit<EventRecord, 'hash'>): string {
  return canonicalJson(event);
}

export type ChainVerdict =
  { ok: true; head: ChainHead | null } | { ok: false; seq: number; index: number; reason: string };

/**
 * Re-derives every hash and link over records exactly as stored (never over decoded events,
 * whose data may have been upcast). Any edit, insertion, removal or reordering of an event breaks
 * the chain at the first event it touches.
 */
export async function verifyChain(
  events: readonly EventRecord[],
  sha256: Sha256,
  from: ChainHead | null = null,
): Promise<ChainVerdict> {
  let expectedSeq = from ? from.seq + 1 : 0;
  let prevHash = from ? from.hash : GENESIS_HASH;
  for (const [index, event] of events.entries()) {
    if (event.seq !== expectedSeq)
      return { ok: false, seq: event.seq, index, reason: `expected event #${expectedSeq} but found #${event.seq}` };
    if (event.prevHash !== prevHash)
      return { ok: false, seq: event.seq, index, reason: `event #${event.seq} does not link to the event before it` };
    const { hash, ...rest } = event;
    const actual = await sha256(hashedText(rest));
    if (actual !== hash)
      return { ok: false, seq: event.seq, index, reason: `event #${event.seq} was changed after it was written` };
    prevHash = hash;
    expectedSeq += 1;
  }
  const last = events.at(-1);
  return { ok: true, head: last ? { seq: last.seq, hash: last.hash } : from };
}

/** Throws a StudioError when the chain is broken. */
export async function assertChain(
  events: readonly EventRecord[],
  sha256: Sha256,
  from: ChainHead | null = null,
): Promise<void> {
  const verdict = await verifyChain(events, sha256, from);
  if (!verdict.ok)
    throw new StudioError(
      'chain-broken',
      `The event log fails its integrity check: ${verdict.reason}.`,
      'The log was altered outside the studio; export it to keep a copy and report it.',
    );
}
