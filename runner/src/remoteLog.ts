import { GroupCommitQueue } from '../../src/core/conductor/groupCommit';
import type { ArtifactStore, EventLog } from '../../src/core/conductor/ports';
import type { EventDraft } from '../../src/core/events/eventMap';
import type { ChainHead } from '../../src/core/events/hashChain';
import { sealEvents } from '../../src/core/log/sealEvents';
import { defaultEventCodec } from '../../src/core/log/studioEventCodec';
import type { EventRecord, StoredEvent } from '../../src/core/events/storedEvent';
import type { ArtifactRecord } from '../../src/core/artifacts/artifactRecord';
import type { ArtifactHash, ProjectId } from '../../src/core/ids';
import { sha256 } from './nodeSha256';
import { callProject } from './ingress';
import type { LogPage } from './protocol';

/** The whole remote log, read page by page. */
export async function readRemoteLog(key: string): Promise<LogPage> {
  const records: EventRecord[] = [];
  for (;;) {
    const page = await callProject(key, 'read', { since: records.length, limit: 5000 });
    records.push(...page.records);
    if (page.records.length === 0 || !page.head || records.length > page.head.seq)
      return { records, head: page.head, driving: page.driving };
  }
}

/**
 * The conductor's log on the runner: events are sealed here, by the studio's own core, and written
 * by the project's virtual object, which checks that they link onto its head and that this driver
 * still holds the claim (`epoch`): if not, the append is refused with the code `claim-lost`. The
 * artifacts an append's events point at travel with it, so they land in the same state change.
 *
 * Appends go through the core's group-commit queue, as the Dexie log's do in the browser: appends
 * that arrive while one is on its way share the next call to the object, so parallel agents don't
 * pay one round trip each; each caller's drafts are sealed on their own (a draft the codec refuses
 * fails only its caller) and land whole; a caller hears back only once the object has them.
 */
export class RemoteEventLog implements EventLog {
  private head: ChainHead | null;
  private readonly queue = new GroupCommitQueue<readonly EventDraft[], StoredEvent[], StoredEvent[]>({
    prepare: (drafts, before) => {
      // Each caller's events link to the previous caller's ahead of it, or to what the object has.
      const last = before.findLast((events) => events.length > 0)?.at(-1);
      const head = last ? { seq: last.seq, hash: last.hash } : this.head;
      return sealEvents({ projectId: this.projectId, head, drafts, now: this.now(), sha256 });
    },
    commit: async (sealed) => {
      const records = sealed.flat() as EventRecord[];
      const artifacts = this.artifacts.takePending();
      if (records.length === 0 && artifacts.length === 0) return sealed;
      try {
        await callProject(this.key, 'append', { epoch: this.epoch, records, artifacts });
      } catch (error) {
        // Not written: the artifacts go with the next append, which re-seals these callers' successors.
        this.artifacts.putBack(artifacts);
        throw error;
      }
      this.records.push(...records);
      const last = records.at(-1);
      if (last) this.head = { seq: last.seq, hash: last.hash };
      return sealed;
    },
  });

  constructor(
    private readonly key: string,
    private readonly projectId: ProjectId,
    private readonly epoch: number,
    private readonly records: EventRecord[],
    private readonly artifacts: RemoteArtifacts,
    private readonly now: () => number,
  ) {
    const last = records.at(-1);
    this.head = last ? { seq: last.seq, hash: last.hash } : null;
  }

  append(drafts: readonly EventDraft[]): Promise<StoredEvent[]> {
    return this.queue.enqueue(drafts);
  }

  /** The seq of the last record written (-1 for none). */
  get headSeq(): number {
    return this.head?.seq ?? -1;
  }

  readRecords(): Promise<EventRecord[]> {
    return Promise.resolve([...this.records]);
  }

  readAll(): Promise<StoredEvent[]> {
    return Promise.resolve(this.records.map((record) => defaultEventCodec.decode(record)));
  }
}

/**
 * Artifacts as the driver sees them: those it put are kept here and sent with the next append;
 * others are read from the project's object once, then kept.
 */
export class RemoteArtifacts implements ArtifactStore {
  private readonly cache = new Map<string, ArtifactRecord>();
  private pending: ArtifactRecord[] = [];
  constructor(private readonly key: string) {}
  put(record: ArtifactRecord): Promise<void> {
    this.cache.set(record.hash, record);
    this.pending.push(record);
    return Promise.resolve();
  }
  async get(hash: ArtifactHash): Promise<ArtifactRecord | undefined> {
    const cached = this.cache.get(hash);
    if (cached) return cached;
    const [found] = await callProject(this.key, 'artifacts', { hashes: [hash] });
    if (found) this.cache.set(hash, found);
    return found ?? undefined;
  }
  /** What was put since the last append, for the next one to carry. */
  takePending(): ArtifactRecord[] {
    const out = this.pending;
    this.pending = [];
    return out;
  }
  /** Taken for an append that failed: they go with the next one. */
  putBack(records: readonly ArtifactRecord[]): void {
    this.pending = [...records, ...this.pending];
  }
}
