import { randomUUID, randomInt } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { Conductor } from '../../src/core/conductor/conductor';
import type { AgentResult, AgentRunner, AgentTask, ArtifactStore, EventLog, LlmClient, LlmRequest, LlmResult } from '../../src/core/conductor/ports';
import type { EventDraft } from '../../src/core/events/eventMap';
import type { ChainHead } from '../../src/core/events/hashChain';
import { sealEvents } from '../../src/core/log/sealEvents';
import { defaultEventCodec } from '../../src/core/log/studioEventCodec';
import type { EventRecord, StoredEvent } from '../../src/core/events/storedEvent';
import type { ArtifactRecord } from '../../src/core/artifacts/artifactRecord';
import type { ArtifactHash, ProjectId } from '../../src/core/ids';
import { describeError } from '../../src/core/errors/studioError';
import { sha256 } from './nodeSha256';
import { compileModel } from '../../src/runtime/compileModel';
import { callObject, callService, IngressError } from './ingress';
import type { CommandEnvelope, CommandReply } from './projectObject';

const randomId = (prefix: string): string => `${prefix}_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The longest a driver waits for a command before it takes the inbox anyway (and so checks its claim). */
const INBOX_WAIT_MS = 15_000;
/** How often an idle driver whose runs wait (for a person, a retry's timer) looks at them again. */
const IDLE_LOOK_MS = 1000;

/** Raised when another driver claimed the log: this one stops at once, writing nothing more. */
class Fenced extends Error {}

export async function readRemoteLog(key: string): Promise<{ records: EventRecord[]; head: ChainHead | null; driving: boolean }> {
  const records: EventRecord[] = [];
  for (;;) {
    const page = await callObject<{ records: EventRecord[]; head: ChainHead | null; driving: boolean }>('project', key, 'read', { since: records.length, limit: 5000 });
    records.push(...page.records);
    if (page.records.length === 0 || !page.head || records.length > page.head.seq) return { records, head: page.head, driving: page.driving };
  }
}

/**
 * The conductor's log on the runner: events are sealed here, by the studio's own core, and written
 * by the project's virtual object, which checks that they link onto its head and that this driver
 * still holds the claim. The artifacts an append's events point at travel with it, so they land in
 * the same state change.
 */
class RemoteEventLog implements EventLog {
  private head: ChainHead | null;
  constructor(
    private readonly key: string,
    private readonly projectId: ProjectId,
    private readonly epoch: number,
    private readonly records: EventRecord[],
    private readonly artifacts: RemoteArtifacts,
  ) {
    const last = records.at(-1);
    this.head = last ? { seq: last.seq, hash: last.hash } : null;
  }

  /**
   * Appends that arrive while one is on its way wait, and then go together in one call to the
   * object (a group commit, as Dexie's transaction is in the browser): each caller's drafts are
   * sealed in order and stay atomic, and parallel agents don't pay one round trip each.
   */
  append(drafts: readonly EventDraft[]): Promise<StoredEvent[]> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ drafts, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  private waiting: Array<{ drafts: readonly EventDraft[]; resolve: (events: StoredEvent[]) => void; reject: (error: unknown) => void }> = [];
  private flushing = false;

  private async flush(): Promise<void> {
    this.flushing = true;
    while (this.waiting.length > 0) {
      const batch = this.waiting;
      this.waiting = [];
      // A caller whose drafts the codec refuses fails alone; the others go on without it.
      const sealedOk: Array<{ item: (typeof batch)[number]; sealed: StoredEvent[] }> = [];
      let head = this.head;
      for (const item of batch) {
        try {
          const sealed = await sealEvents({ projectId: this.projectId, head, drafts: item.drafts, now: Date.now(), sha256 });
          crashForTest(item.drafts);
          sealedOk.push({ item, sealed });
          const last = sealed.at(-1);
          if (last) head = { seq: last.seq, hash: last.hash };
        } catch (error) {
          item.reject(error);
        }
      }
      if (sealedOk.length === 0) continue;
      const records = sealedOk.flatMap((s) => s.sealed);
      try {
        await callObject('project', this.key, 'append', { epoch: this.epoch, records, artifacts: this.artifacts.takePending() });
      } catch (error) {
        const failure = error instanceof IngressError && error.status === 412 ? new Fenced(error.message) : error;
        for (const { item } of sealedOk) item.reject(failure);
        continue;
      }
      this.records.push(...(records as EventRecord[]));
      this.head = head;
      for (const { item, sealed } of sealedOk) item.resolve(sealed);
    }
    this.flushing = false;
  }

  readRecords(): Promise<EventRecord[]> {
    return Promise.resolve([...this.records]);
  }

  readAll(): Promise<StoredEvent[]> {
    return Promise.resolve(this.records.map((record) => defaultEventCodec.decode(record)));
  }
}

class RemoteArtifacts implements ArtifactStore {
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
    const [found] = await callObject<Array<ArtifactRecord | null>>('project', this.key, 'artifacts', { hashes: [hash] });
    if (found) this.cache.set(hash, found);
    return found ?? undefined;
  }
  takePending(): ArtifactRecord[] {
    const out = this.pending;
    this.pending = [];
    return out;
  }
}

/**
 * Each agent is a call to the `agent` service, which any runner process may take; its work there
 * is a durable `ctx.run` step. The idempotency key is the agent's id, so asking again (a retry of
 * this request) gets the journaled result instead of doing the work twice.
 */
class RemoteAgents implements AgentRunner {
  constructor(private readonly key: string) {}
  async run(task: AgentTask): Promise<AgentResult> {
    try {
      return await callService<AgentResult>('agent', 'script', task, { idempotencyKey: `${this.key}:${task.agentId}` });
    } catch (error) {
      return { ok: false, reason: `the runner could not run it: ${error instanceof Error ? error.message : String(error)}`, logs: [], durationMs: 0, errorClass: 'server' };
    }
  }
}

/** LLM calls go to the `agent` service too: the key is resolved there, from the runner's own secrets. */
class RemoteLlm implements LlmClient {
  constructor(private readonly key: string) {}
  async complete(request: LlmRequest): Promise<LlmResult> {
    try {
      return await callService<LlmResult>('agent', 'llm', request, { idempotencyKey: `${this.key}:${request.agentId}:llm` });
    } catch (error) {
      return { ok: false, errorClass: 'server', reason: `The runner could not call the model: ${error instanceof Error ? error.message : String(error)}.`, durationMs: 0, partialText: '' };
    }
  }
}

/**
 * For the integration test of a crash between an agent's work and its append: the driver process
 * exits just before appending the Nth agent result it sees, once (a marker file remembers it).
 */
let resolvedSeen = 0;
function crashForTest(drafts: readonly EventDraft[]): void {
  const at = Number(process.env['RUNNER_TEST_CRASH_AT_RESOLVE'] ?? 0);
  const marker = process.env['RUNNER_TEST_CRASH_MARKER'];
  if (!at || !marker || !drafts.some((d) => d.type === 'agent.resolved')) return;
  resolvedSeen += 1;
  if (resolvedSeen === at && !existsSync(marker)) {
    writeFileSync(marker, String(process.pid));
    process.exit(70);
  }
}

/** Runs the project's conductor until its runs are over and no command waits. */
export async function driveProject(key: string): Promise<void> {
  const { epoch } = await callObject<{ epoch: number }>('project', key, 'claim');
  const { records } = await readRemoteLog(key);
  const first = records[0];
  if (!first) return;
  const projectId = first.projectId as ProjectId;
  const artifacts = new RemoteArtifacts(key);
  const log = new RemoteEventLog(key, projectId, epoch, records, artifacts);
  let wakes = 0;
  let fenced = false;
  const conductor = new Conductor({
    log,
    artifacts,
    agents: new RemoteAgents(key),
    llm: new RemoteLlm(key),
    clock: { now: () => Date.now() },
    sha256,
    compile: compileModel,
    newId: randomId,
    newSeed: () => randomInt(1, 2 ** 31),
    wakeAt: (atMs) => {
      wakes += 1;
      setTimeout(() => {
        wakes -= 1;
        void conductor.tick();
      }, Math.max(0, atMs - Date.now()));
    },
    onFault: (error) => {
      if (error.message.includes('was taken over by epoch')) fenced = true;
      console.error(`[runner ${process.pid}] ${key}: ${error.message}`);
    },
  });
  const named = first.type === 'project.created' && typeof first.data === 'object' && first.data !== null ? (first.data as { name?: unknown }).name : undefined;
  const name = typeof named === 'string' ? named : key;
  await conductor.open(projectId, name, () => [], 'takeover');

  const reply = (requestId: string, answer: CommandReply) => callObject('project', key, 'reply', { epoch, requestId, reply: answer });
  // The inbox is taken when a waiter says a command came (or its wait is up), never on a timer:
  // a driver whose agents work for minutes costs Restate nothing meanwhile.
  let commandCame = true;
  let inboxWait: Promise<void> | null = null;
  const waitForCommand = (): Promise<void> =>
    callService<{ woke: boolean }>('waiter', 'until', { key, topic: 'inbox', since: 0, ms: INBOX_WAIT_MS, at: Date.now() })
      .then(
        () => undefined,
        // Restate unreachable for a moment: look again shortly rather than spin.
        () => sleep(1000),
      )
      .then(() => {
        commandCame = true;
        inboxWait = null;
      });
  try {
    for (;;) {
      if (fenced) return;
      if (!commandCame) {
        inboxWait ??= waitForCommand();
        const idle = await Promise.race([conductor.whenIdle().then(() => true), inboxWait.then(() => false)]);
        if (!idle || commandCame) continue;
        if (wakes === 0 && runsGoing(await log.readAll()).size === 0) {
          const { released } = await callObject<{ released: boolean }>('project', key, 'release', { epoch });
          if (released) return;
          commandCame = true; // release refused: a command is waiting
          continue;
        }
        // Idle, but a run waits for a person or a timer: look again soon (this costs nothing remote).
        await Promise.race([inboxWait, sleep(IDLE_LOOK_MS)]);
        continue;
      }
      commandCame = false;
      const inbox = await callObject<CommandEnvelope[]>('project', key, 'takeInbox', { epoch });
      // More may have come while these were carried out: take the inbox again before waiting.
      if (inbox.length > 0) commandCame = true;
      for (const { requestId, command } of inbox) {
        if (command.type === 'cancel') {
          // Stopped as Stop stops a run in the tab: interrupted, its finished steps kept, to be
          // resumed (in the studio, once it has come in). What its agents still send is dropped by
          // the conductor, and the driver goes on with the project's other runs.
          const going = runsGoing(await log.readAll());
          let stopped = 0;
          let seq = records.length - 1;
          for (const runId of command.runId !== undefined ? [command.runId].filter((id) => going.has(id)) : going) {
            const result = await conductor.execute({ type: 'stopRun', runId });
            if (result.ok) {
              stopped += 1;
              seq = result.seq;
            }
          }
          await reply(requestId, { ok: true, seq, createdId: String(stopped) });
          continue;
        }
        const result = await conductor.execute(command);
        await reply(requestId, result.ok ? { ok: true, seq: result.seq, ...(result.createdId !== undefined ? { createdId: result.createdId } : {}) } : { ok: false, message: result.error.message, ...(result.error.hint !== undefined ? { hint: result.error.hint } : {}) });
      }
    }
  } catch (error) {
    if (error instanceof Fenced || (error instanceof IngressError && error.status === 412)) return;
    throw new Error(describeError(error).message, { cause: error });
  }
}

/** Runs started and not finished. A run waiting for a person counts as going: its driver stays. */
function runsGoing(events: readonly StoredEvent[]): Set<string> {
  const going = new Set<string>();
  for (const event of events) {
    if ((event.type === 'run.started' || event.type === 'run.resumed' || event.type === 'run.continued') && event.runId) going.add(event.runId);
    if (event.type === 'run.finished' && event.runId) going.delete(event.runId);
  }
  return going;
}
