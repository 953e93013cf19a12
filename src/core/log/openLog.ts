import { StudioError } from '../errors/studioError';
import type { EventCodec } from '../events/eventCodec';
import { verifyChain, type ChainHead, type Sha256 } from '../events/hashChain';
import type { EventRecord, StoredEvent } from '../events/storedEvent';
import { defaultEventCodec } from './studioEventCodec';

/** Where a log first fails, and why: a log that fails is opened read-only, never repaired. */
export interface LogDamage {
  seq: number;
  reason: string;
}

export interface OpenedLog {
  /** The records as stored, for exports and for verifying again: never the decoded events. */
  records: EventRecord[];
  /** Every event before the first damaged one, decoded to the current versions. */
  events: StoredEvent[];
  /** The last sound record: where new events link on. */
  head: ChainHead | null;
  damage?: LogDamage;
}

/**
 * Reads a log the one safe way: check each record's envelope, verify the hash chain over the
 * records exactly as stored, and only then upcast and parse each. Defaults a newer schema fills in
 * and fields an upcaster renames never touch what the hashes cover, so a schema change can never
 * make an older log look tampered with. A record from a newer studio (an unknown type or version)
 * throws `newer-studio`; damage is reported, with the sound prefix, in `damage`.
 */
export async function openLog(
  raw: readonly unknown[],
  sha256: Sha256,
  codec: EventCodec = defaultEventCodec,
): Promise<OpenedLog> {
  const records: EventRecord[] = [];
  let damage: LogDamage | undefined;
  for (const [i, item] of raw.entries()) {
    try {
      records.push(codec.checkRecord(item));
    } catch (error) {
      damage = { seq: i, reason: error instanceof Error ? error.message : String(error) };
      break;
    }
  }
  const verdict = await verifyChain(records, sha256);
  let sound = records;
  if (!verdict.ok) {
    damage = { seq: verdict.seq, reason: verdict.reason };
    sound = records.slice(0, verdict.index);
  }
  const events: StoredEvent[] = [];
  for (const record of sound) {
    try {
      events.push(codec.decode(record));
    } catch (error) {
      if (error instanceof StudioError && error.code === 'newer-studio') throw error;
      damage ??= { seq: record.seq, reason: error instanceof Error ? error.message : String(error) };
      break;
    }
  }
  const last = events.at(-1);
  const head = last ? { seq: last.seq, hash: last.hash } : null;
  return { records, events, head, ...(damage ? { damage } : {}) };
}

/** Opens a log that must be whole: throws `chain-broken`, naming the first bad event, when it is not. */
export async function openSoundLog(
  raw: readonly unknown[],
  sha256: Sha256,
  codec: EventCodec = defaultEventCodec,
): Promise<OpenedLog> {
  const opened = await openLog(raw, sha256, codec);
  if (opened.damage) throw chainBroken(opened.damage);
  return opened;
}

export function chainBroken(damage: LogDamage): StudioError {
  return new StudioError(
    'chain-broken',
    `The event log fails its integrity check at event #${damage.seq}: ${damage.reason}.`,
    'The project is open read-only, as it was up to that event; nothing stored was changed. It was altered outside the studio: restore it from an export if you have one.',
  );
}
