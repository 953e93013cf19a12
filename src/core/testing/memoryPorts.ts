import type { ArtifactRecord } from '../artifacts/artifactRecord';
import { GroupCommitQueue } from '../conductor/groupCommit';
import type {
  AgentHost,
  AgentResult,
  AgentRunner,
  AgentTask,
  ArtifactStore,
  EventLog,
  ExtensionGrant,
  ExtensionGrants,
  HttpClient,
  HttpRequest,
  HttpResult,
} from '../ports/ports';
import type { EventDraft } from '../events/eventMap';
import { type Sha256 } from '../events/hashChain';
import { sealEvents } from '../log/sealEvents';
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
      return sealEvents({
        projectId: this.projectId,
        head: last ? { seq: last.seq, hash: last.hash } : null,
        drafts,
        now: this.now(),
        sha256: this.sha256,
      });
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
export type ScriptedBehaviour = (task: AgentTask, host: AgentHost | undefined) => AgentResult | Promise<AgentResult>;

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

  async run(task: AgentTask, host?: AgentHost): Promise<AgentResult> {
    this.tasks.push(task);
    this.running += 1;
    this.maxRunning = Math.max(this.maxRunning, this.running);
    try {
      if (this.gate) await this.gate;
      const behaviour = this.behaviours[task.code];
      if (!behaviour) return { ok: false, reason: `no behaviour for ${task.code}`, logs: [], durationMs: 0 };
      return await behaviour(task, host);
    } finally {
      this.running -= 1;
    }
  }
}

/** Approvals kept in memory: nothing is approved until `approve` (or an install with approve: true). */
export class MemoryGrants implements ExtensionGrants {
  readonly approved = new Map<string, ExtensionGrant>();
  isApproved(hash: string): Promise<boolean> {
    return Promise.resolve(this.approved.has(hash));
  }
  approve(grant: ExtensionGrant): Promise<void> {
    this.approved.set(grant.hash, grant);
    return Promise.resolve();
  }
}

/** An HTTP client over a table of answers by URL; records every request it was asked to make. */
export class MemoryHttp implements HttpClient {
  readonly requests: HttpRequest[] = [];
  constructor(private readonly answers: Record<string, { status: number; text: string }> = {}) {}
  request(request: HttpRequest): Promise<HttpResult> {
    this.requests.push(request);
    const answer = this.answers[request.url];
    if (!answer)
      return Promise.resolve({
        ok: false,
        reason: `nothing answers at ${request.url}.`,
        errorClass: 'network',
        durationMs: 1,
      });
    return Promise.resolve({
      ok: true,
      status: answer.status,
      statusText: '',
      headers: { 'content-type': 'application/json' },
      text: answer.text,
      bytes: answer.text.length,
      durationMs: 3,
    });
  }
}
