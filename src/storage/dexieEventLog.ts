import { sealEvents, type ChainHead, type Sha256 } from '../core/events/hashChain';
import type { EventDraft } from '../core/events/eventMap';
import type { EventRecord, StoredEvent } from '../core/events/storedEvent';
import { parseStoredEvent } from '../core/events/eventCodec';
import type { EventLog } from '../core/conductor/ports';
import type { ProjectId } from '../core/ids';
import type { StudioDb } from './studioDb';
import { toStorageError } from './storageErrors';

interface Pending {
  drafts: readonly EventDraft[];
  resolve: (events: StoredEvent[]) => void;
  reject: (error: unknown) => void;
}

/**
 * The append-only log of one project in IndexedDB. Appends that arrive while a write is in
 * progress are grouped into the next transaction (group commit): one transaction per batch is
 * several times faster than one per event. Each caller's drafts still land atomically, and a
 * caller's promise resolves only after its transaction committed: nothing acknowledged is lost.
 */
export class DexieEventLog implements EventLog {
  private head: ChainHead | null = null;
  private pending: Pending[] = [];
  private writing = false;

  constructor(
    private readonly db: StudioDb,
    private readonly projectId: ProjectId,
    private readonly sha256: Sha256,
    private readonly now: () => number,
  ) {}

  /** The records as stored; new events link on after the last one. */
  async readRecords(): Promise<EventRecord[]> {
    const rows = await this.rows();
    const last = rows.at(-1);
    this.head = last ? { seq: last.seq, hash: last.hash } : null;
    return rows;
  }

  /** Decoded to the current versions; the chain was verified when the log was opened. */
  async readAll(): Promise<StoredEvent[]> {
    return (await this.rows()).map(parseStoredEvent);
  }

  private rows(): Promise<EventRecord[]> {
    return this.db.events
      .where('[projectId+seq]')
      .between([this.projectId, 0], [this.projectId, Infinity])
      .toArray()
      .catch((error: unknown) => Promise.reject(toStorageError(error, 'reading')));
  }

  append(drafts: readonly EventDraft[]): Promise<StoredEvent[]> {
    return new Promise((resolve, reject) => {
      this.pending.push({ drafts, resolve, reject });
      if (!this.writing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.writing = true;
    while (this.pending.length > 0) {
      const batch = this.pending;
      this.pending = [];
      await this.writeBatch(batch);
    }
    this.writing = false;
  }

  private async writeBatch(batch: Pending[]): Promise<void> {
    // Seal each caller's drafts separately so one invalid draft refuses only its own caller.
    const sealed: Array<{ item: Pending; events: StoredEvent[] }> = [];
    let head = this.head;
    const now = this.now();
    for (const item of batch) {
      try {
        const events = await sealEvents({ projectId: this.projectId, head, drafts: item.drafts, now, sha256: this.sha256 });
        const last = events.at(-1);
        if (last) head = { seq: last.seq, hash: last.hash };
        sealed.push({ item, events });
      } catch (error) {
        item.reject(error);
      }
    }
    try {
      const all = sealed.flatMap((s) => s.events);
      if (all.length > 0) await this.db.transaction('rw', this.db.events, () => this.db.events.bulkAdd(all));
      this.head = head;
      for (const { item, events } of sealed) item.resolve(events);
    } catch (error) {
      const failure = toStorageError(error);
      for (const { item } of sealed) item.reject(failure);
    }
  }
}
