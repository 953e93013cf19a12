import { type ChainHead, type Sha256 } from '../core/events/hashChain';
import { sealEvents } from '../core/log/sealEvents';
import type { EventDraft } from '../core/events/eventMap';
import type { EventRecord, StoredEvent } from '../core/events/storedEvent';
import { parseStoredEvent } from '../core/log/studioEventCodec';
import { GroupCommitQueue } from '../core/conductor/groupCommit';
import type { EventLog } from '../core/conductor/ports';
import type { ProjectId } from '../core/ids';
import type { StudioDb } from './studioDb';
import { toStorageError } from './storageErrors';

/**
 * The append-only log of one project in IndexedDB. Appends go through one group-commit queue:
 * those that arrive while a write is in progress share the next transaction, several times faster
 * than one transaction per caller. Each caller's drafts are sealed on their own, so an invalid draft
 * refuses only its caller, and land atomically; a caller hears back only after its transaction
 * committed: nothing acknowledged is lost.
 */
export class DexieEventLog implements EventLog {
  private head: ChainHead | null = null;
  private readonly queue = new GroupCommitQueue<readonly EventDraft[], StoredEvent[], StoredEvent[]>({
    prepare: (drafts, before) => {
      // Each caller's events link to the previous caller's in the same batch, or to what is stored.
      const last = before.findLast((events) => events.length > 0)?.at(-1);
      const head = last ? { seq: last.seq, hash: last.hash } : this.head;
      return sealEvents({ projectId: this.projectId, head, drafts, now: this.now(), sha256: this.sha256 });
    },
    commit: async (sealed) => {
      const all = sealed.flat();
      try {
        if (all.length > 0) await this.db.transaction('rw', this.db.events, () => this.db.events.bulkAdd(all));
      } catch (error) {
        throw toStorageError(error);
      }
      const last = all.at(-1);
      if (last) this.head = { seq: last.seq, hash: last.hash };
      return sealed;
    },
  });

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
    return this.queue.enqueue(drafts);
  }
}
