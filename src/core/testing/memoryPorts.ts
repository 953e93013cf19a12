import type { ArtifactRecord } from '../artifacts/artifactRecord';
import { GroupCommitQueue } from '../conductor/groupCommit';
import type { AgentResult, AgentRunner, AgentTask, ArtifactStore, EventLog } from '../conductor/ports';
import type { EventDraft } from '../events/eventMap';
import { sealEvents, type Sha256 } from '../events/hashChain';
import type { EventRecord, StoredEvent } from '../events/storedEvent';
import type { ArtifactHash, ProjectId } from '../ids';

/** An EventLog in memory: same sealing and atomicity as the Dexie one, for Node tests and benches. */
export class MemoryEventLog implements EventLog {
  readonly events: StoredEvent[] = [];
  constructor(
    private readonly projectId: ProjectId,
    private readonly sha256: Sha256,
    private readonly now: () => number,
  ) {}

  /** The same group-commit queue as the Dexie log: concurrent callers never share a chain head. */
  private readonly queue = new GroupCommitQueue<readonly EventDraft[], StoredEvent[], StoredEvent[]>({
    prepare: (drafts, before) => {
      const last = before.findLast((events) => events.length > 0)?.at(-1) ?? this.events.at(-1);
      return sealEvents({ projectId: this.projectId, head: last ? { seq: last.seq, hash: last.hash } : null, drafts, now: this.now(), sha256: this.sha256 });
    },
    commit: (sealed) => {
      this.events.push(...sealed.flat());
      return Promise.resolve(sealed);
    },
  });

  append(drafts: readonly EventDraft[]): Promise<StoredEvent[]> {
    return this.queue.enqueue(drafts);
  }

  /** Records a test put in by hand (say, an older version's) are what `readRecords` gives back. */
  readonly records: EventRecord[] = [];

  readRecords(): Promise<EventRecord[]> {
    return Promise.resolve([...this.records, ...this.events.slice(this.records.length)]);
  }

  readAll(): Promise<StoredEvent[]> {
    return Promise.resolve([...this.events]);
  }
}

export class MemoryArtifactStore implements ArtifactStore {
  readonly records = new Map<string, ArtifactRecord>();
  put(record: ArtifactRecord): Promise<void> {
    if (!this.records.has(record.hash)) this.records.set(record.hash, record);
    return Promise.resolve();
  }
  get(hash: ArtifactHash): Promise<ArtifactRecord | undefined> {
    return Promise.resolve(this.records.get(hash));
  }
}

/** What a scripted agent does, keyed by its model's compiled code. */
export type ScriptedBehaviour = (task: AgentTask) => AgentResult | Promise<AgentResult>;

/**
 * Runs agents by looking their code up in a table of behaviours: the core's tests exercise the
 * conductor without a sandbox (the real sandbox is tested in Chromium). Records every task, and
 * can hold tasks until released, to test concurrency.
 */
export class ScriptedAgents implements AgentRunner {
  readonly tasks: AgentTask[] = [];
  running = 0;
  maxRunning = 0;
  private gate: Promise<void> | null = null;
  private openGate: (() => void) | null = null;

  constructor(private readonly behaviours: Record<string, ScriptedBehaviour>) {}

  hold(): void {
    this.gate = new Promise((resolve) => (this.openGate = resolve));
  }
  release(): void {
    this.openGate?.();
    this.gate = null;
  }

  async run(task: AgentTask): Promise<AgentResult> {
    this.tasks.push(task);
    this.running += 1;
    this.maxRunning = Math.max(this.maxRunning, this.running);
    try {
      if (this.gate) await this.gate;
      const behaviour = this.behaviours[task.code];
      if (!behaviour) return { ok: false, reason: `no behaviour for ${task.code}`, logs: [], durationMs: 0 };
      return await behaviour(task);
    } finally {
      this.running -= 1;
    }
  }
}
