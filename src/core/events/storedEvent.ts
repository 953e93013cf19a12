import type { ProjectId, RunId } from '../ids';
import type { EventData, EventType } from './eventMap';

export const GENESIS_HASH = '0'.repeat(64);

/**
 * A record exactly as it sits in storage or in an export: the hash chain covers this form and
 * nothing else. Its `data` is in the shape of its type's version `v`, which may be older than the
 * studio's; read it with `openLog` (verify, then upcast, then parse), never by hand.
 */
export interface EventRecord {
  v: number;
  projectId: string;
  seq: number;
  ts: number;
  type: string;
  runId?: string;
  data: unknown;
  prevHash: string;
  hash: string;
}

/**
 * An event as the studio works with it: its data upcast to the current version of its type and
 * parsed. `v` is that current version; `hash` and `prevHash` are those of the stored record it was
 * read from (or was sealed as), so a decoded event is never hashed again: verify records instead.
 */
export type StoredEvent = {
  [T in EventType]: {
    v: number;
    projectId: ProjectId;
    seq: number;
    ts: number;
    type: T;
    runId?: RunId;
    data: EventData<T>;
    prevHash: string;
    hash: string;
  };
}[EventType];

export type EventOfType<T extends EventType> = Extract<StoredEvent, { type: T }>;
