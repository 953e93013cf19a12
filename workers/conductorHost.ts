import { extensionGrants } from '../src/storage/extensionGrants';
import { Conductor } from '../src/core/conductor/conductor';
import type { Handover } from '../src/core/conductor/planReopenedRuns';
import type { Command, CommandResult } from '../src/core/conductor/commands';
import type { StoredEvent } from '../src/core/events/storedEvent';
import type { ProjectId } from '../src/core/ids';
import { DexieArtifactStore } from '../src/storage/dexieArtifactStore';
import { DexieEventLog } from '../src/storage/dexieEventLog';
import type { StudioDb } from '../src/storage/studioDb';
import { eventsChannelName, type ProjectTemplate } from '../src/protocol/conductorApi';
import { compileModel } from '../src/runtime/compileModel';
import { SandboxPool } from '../src/runtime/sandboxPool';
import { FrameWorkers } from '../src/runtime/frameWorkers';
import { sha256 } from '../src/runtime/sha256';
import { templateEvents } from '../src/examples/templateEvents';
import { createLlmClient } from '../src/runtime/llm/llmClient';
import { createFetchHttpClient } from '../src/runtime/httpClient';
import { getKey } from '../src/storage/keyStore';
import { throwInConductor } from '../src/core/conductor/testHooks';
import type { SerializedStudioError } from '../src/core/errors/studioError';

const randomId = (prefix: string): string => `${prefix}_${crypto.randomUUID().replaceAll('-', '').slice(0, 16)}`;

/**
 * Wires the pure Conductor to the browser: Dexie for the log and artifacts, sandbox workers for
 * agents, the wall clock, and a BroadcastChannel that tells every tab what was appended.
 */
export class ConductorHost {
  private readonly channel: BroadcastChannel;
  private readonly conductor: Conductor;
  private readonly pool: SandboxPool;

  /** With `sandboxPort`, agents run in the page's sandbox iframe, in a process of their own. */
  constructor(
    private readonly db: StudioDb,
    private readonly projectId: ProjectId,
    sandboxPort?: MessagePort,
  ) {
    this.pool = sandboxPort
      ? new SandboxPool({
          size: 2,
          createWorker: new FrameWorkers(sandboxPort).createWorker,
          maxDeadlineMs: Number.POSITIVE_INFINITY,
        })
      : new SandboxPool({ size: 2 });
    this.channel = new BroadcastChannel(eventsChannelName(projectId));
    this.conductor = new Conductor({
      log: new DexieEventLog(db, projectId, sha256, () => Date.now()),
      artifacts: new DexieArtifactStore(db),
      agents: this.pool,
      clock: { now: () => Date.now() },
      sha256,
      compile: compileModel,
      newId: randomId,
      newSeed: () => crypto.getRandomValues(new Uint32Array(1))[0] ?? 1,
      onAppended: (events) => this.announce(events),
      llm: createLlmClient({ getKey }),
      // The requests extensions are granted (ctx.fetch), made here in the conductor's worker.
      http: createFetchHttpClient(),
      // This browser's approvals of extensions' capabilities (never in the log or an export).
      grants: extensionGrants,
      secrets: getKey,
      onStream: (agentId, text) => this.stream(agentId, text),
      wakeAt: (atMs) => this.wakeAt(atMs),
      onFault: (error) => this.fault(error),
      // Test builds only (`vite build --mode e2e`): Vite replaces the flag with a constant, so the
      // normal build drops this branch and the hook with it (see src/core/conductor/testHooks.ts).
      ...(import.meta.env.VITE_STUDIO_TEST_HOOKS === 'on' ? { testHooks: throwInConductor } : {}),
    });
  }

  /** Opens the log; `after` tells runs that were going why they lost their agents (see planReopenedRuns). */
  async open(name: string, template: ProjectTemplate, after: Handover): Promise<void> {
    await this.conductor.open(this.projectId, name, (newId) => templateEvents(template, compileModel, newId), after);
    // Cooldowns and deadlines come due with time, not with events: look again now and then.
    setInterval(() => void this.conductor.tick(), 2_000);
  }

  private wakeTimer: ReturnType<typeof setTimeout> | null = null;
  private wakeAtMs = Infinity;

  /** One timer for the earliest wake the conductor asked for (a retry's backoff, a person's deadline). */
  private wakeAt(atMs: number): void {
    if (atMs >= this.wakeAtMs) return;
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    this.wakeAtMs = atMs;
    this.wakeTimer = setTimeout(
      () => {
        this.wakeTimer = null;
        this.wakeAtMs = Infinity;
        void this.conductor.tick();
      },
      Math.max(0, atMs - Date.now()),
    );
  }

  private readonly streamSentAt = new Map<string, number>();

  /** Streamed LLM text goes to every tab at most every 50 ms per agent; the end always goes. */
  private stream(agentId: string, text: string | null): void {
    const now = Date.now();
    if (text !== null && now - (this.streamSentAt.get(agentId) ?? 0) < 50) return;
    if (text === null) this.streamSentAt.delete(agentId);
    else this.streamSentAt.set(agentId, now);
    this.channel.postMessage({ type: 'stream', projectId: this.projectId, agentId, text });
  }

  /** Every tab showing the project hears of a studio bug or an unwritable failure. */
  private fault(error: SerializedStudioError): void {
    this.channel.postMessage({ type: 'fault', projectId: this.projectId, error });
  }

  execute(command: Command): Promise<CommandResult> {
    return this.conductor.execute(command);
  }

  private announce(events: StoredEvent[]): void {
    this.channel.postMessage({ type: 'appended', projectId: this.projectId, events });
    const named = events.findLast((e) => e.type === 'project.created' || e.type === 'project.renamed');
    const now = Date.now();
    const name = named?.type === 'project.created' || named?.type === 'project.renamed' ? named.data.name : undefined;
    void this.db.projects
      .where('projectId')
      .equals(this.projectId)
      .modify((p) => {
        p.updatedAt = now;
        if (name !== undefined) p.name = name;
      })
      .then((changed) =>
        changed === 0 && name !== undefined
          ? this.db.projects.put({ v: 1, projectId: this.projectId, name, createdAt: now, updatedAt: now })
          : undefined,
      )
      .catch(() => undefined);
  }
}
