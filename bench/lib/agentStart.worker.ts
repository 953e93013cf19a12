/// <reference lib="webworker" />
import * as Comlink from 'comlink';
import { Conductor } from '../../src/core/conductor/conductor';
import type { EventLog } from '../../src/core/conductor/ports';
import type { EventDraft } from '../../src/core/events/eventMap';
import type { EventRecord, StoredEvent } from '../../src/core/events/storedEvent';
import type { FlowId, ModelId, ProjectId, StepId } from '../../src/core/ids';
import { compileModel } from '../../src/runtime/compileModel';
import { SandboxPool } from '../../src/runtime/sandboxPool';
import { sha256 } from '../../src/runtime/sha256';
import { DexieArtifactStore } from '../../src/storage/dexieArtifactStore';
import { DexieEventLog } from '../../src/storage/dexieEventLog';
import { StudioDb } from '../../src/storage/studioDb';

/**
 * The conductor as workers/conductorHost.ts wires it (Dexie log and artifacts, a warm SandboxPool of
 * 2, sucrase, WebCrypto, a BroadcastChannel announcement and a projects-table touch per append),
 * plus timestamps taken around the log. Nothing in src/ is changed for it: the log is wrapped,
 * and the agent's own code reports when it starts (performance.timeOrigin + now is one clock
 * across workers).
 */
const now = (): number => performance.timeOrigin + performance.now();
const PROJECT = 'p_bench_agent' as ProjectId;
const FLOW = 'flow_one' as FlowId;

const PROBE_SOURCE = `export default function run(ctx: { log(...a: unknown[]): void; emit(p: string, v: unknown): void }) {
  ctx.log(String(performance.timeOrigin + performance.now()));
  ctx.emit('out', 'ok');
}
`;

interface Stamps {
  runStartedCommitted?: number;
  /** The gap loop decided to spawn: the append of gap.opened + agent.spawned started. */
  spawnDecided?: number;
  /** That append committed. The conductor starts the agent without waiting for it (pipelined). */
  spawnCommitted?: number;
  /** The conductor handed the task to the pool (inputs read from the artifact store). */
  poolRun?: number;
  agentStarted?: number;
}

class TimedLog implements EventLog {
  constructor(
    private readonly inner: EventLog,
    private readonly stamps: Map<string, Stamps>,
    private readonly runOfAgent: Map<string, string>,
  ) {}
  async append(drafts: readonly EventDraft[]): Promise<StoredEvent[]> {
    const spawn = drafts.find((d) => d.type === 'agent.spawned');
    if (spawn?.type === 'agent.spawned' && spawn.runId !== undefined) {
      this.stampOf(spawn.runId).spawnDecided = now();
      this.runOfAgent.set(spawn.data.agentId, spawn.runId);
    }
    const events = await this.inner.append(drafts);
    const t = now();
    for (const e of events) {
      if (e.runId === undefined) continue;
      if (e.type === 'run.started') this.stampOf(e.runId).runStartedCommitted = t;
      if (e.type === 'agent.spawned') this.stampOf(e.runId).spawnCommitted = t;
      if (e.type === 'agent.resolved') this.stampOf(e.runId).agentStarted = Number(e.data.logs[0]);
    }
    return events;
  }
  readAll(): Promise<StoredEvent[]> {
    return this.inner.readAll();
  }
  readRecords(): Promise<EventRecord[]> {
    return this.inner.readRecords();
  }
  private stampOf(runId: string): Stamps {
    let s = this.stamps.get(runId);
    if (!s) this.stamps.set(runId, (s = {}));
    return s;
  }
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export interface AgentStartSamples {
  runStartedToAgentMs: number[];
  spawnDecisionToAgentMs: number[];
  spawnDecisionToCommittedMs: number[];
  spawnDecisionToPoolMs: number[];
  poolToAgentMs: number[];
  /** Runs whose agent code ran before its agent.spawned had committed (the pipelining at work). */
  agentBeforeCommit: number;
  bareRoundTripMs: number[];
  failures: string[];
}

const api = {
  async measure(runs: number): Promise<AgentStartSamples> {
    const db = new StudioDb(`bench-agent-${Math.random().toString(36).slice(2)}`);
    const stamps = new Map<string, Stamps>();
    const runOfAgent = new Map<string, string>();
    const pool = new SandboxPool({ size: 2 });
    const channel = new BroadcastChannel('bench-agent-events');
    const conductor = new Conductor({
      log: new TimedLog(new DexieEventLog(db, PROJECT, sha256, () => Date.now()), stamps, runOfAgent),
      artifacts: new DexieArtifactStore(db),
      agents: {
        run: (task) => {
          const runId = runOfAgent.get(task.agentId);
          const s = runId === undefined ? undefined : stamps.get(runId);
          if (s) s.poolRun = now();
          return pool.run(task);
        },
      },
      clock: { now: () => Date.now() },
      sha256,
      compile: compileModel,
      newId: (prefix) => `${prefix}_${crypto.randomUUID().replaceAll('-', '').slice(0, 16)}`,
      newSeed: () => 1,
      onAppended: (events) => {
        // What ConductorHost.announce does after every append.
        channel.postMessage({ type: 'appended', projectId: PROJECT, events });
        void db.projects
          .put({ v: 1, projectId: PROJECT, name: 'bench', createdAt: 0, updatedAt: Date.now() })
          .catch(() => undefined);
      },
    });
    const compiled = compileModel(PROBE_SOURCE);
    if (!compiled.ok) throw new Error(compiled.message);
    const modelId = 'model_probe' as ModelId;
    await conductor.open(PROJECT, 'Bench', () => [
      {
        type: 'model.saved',
        data: {
          model: {
            modelId,
            kind: 'script',
            name: 'Probe',
            description: '',
            version: 1,
            inputs: [{ name: 'input', type: 'text' }],
            outputs: [{ name: 'out', type: 'text' }],
            source: PROBE_SOURCE,
            compiled: compiled.code,
            timeoutMs: 10_000,
          },
        },
      },
      { type: 'flow.created', data: { flowId: FLOW, name: 'One step' } },
      {
        type: 'step.added',
        data: { flowId: FLOW, stepId: 'step_probe' as StepId, modelId, label: 'Probe', position: { x: 0, y: 0 } },
      },
    ]);
    const out: AgentStartSamples = {
      runStartedToAgentMs: [],
      spawnDecisionToAgentMs: [],
      spawnDecisionToCommittedMs: [],
      spawnDecisionToPoolMs: [],
      poolToAgentMs: [],
      agentBeforeCommit: 0,
      bareRoundTripMs: [],
      failures: [],
    };
    const waitWarm = async (): Promise<void> => {
      for (let i = 0; i < 400 && pool.stats().warm < 2; i++) await pause(5);
      await pause(30);
    };
    for (let i = 0; i < runs + 2; i++) {
      await waitWarm();
      const result = await conductor.execute({ type: 'startRun', flowId: FLOW, input: 'go' });
      if (!result.ok || result.createdId === undefined) {
        out.failures.push(result.ok ? 'no run id' : result.error.message);
        continue;
      }
      await conductor.whenIdle();
      const s = stamps.get(result.createdId);
      if (i < 2) continue; // warm-up
      if (!s?.agentStarted || !s.runStartedCommitted || !s.spawnDecided || !s.spawnCommitted) {
        out.failures.push(`run ${i}: missing stamps ${JSON.stringify(s)}`);
        continue;
      }
      out.runStartedToAgentMs.push(s.agentStarted - s.runStartedCommitted);
      out.spawnDecisionToAgentMs.push(s.agentStarted - s.spawnDecided);
      // Not "committed → agent runs": the agent may start before the commit, so that difference
      // would be negative. Both are timed from the decision instead.
      out.spawnDecisionToCommittedMs.push(s.spawnCommitted - s.spawnDecided);
      if (s.agentStarted < s.spawnCommitted) out.agentBeforeCommit++;
      if (s.poolRun !== undefined) {
        out.spawnDecisionToPoolMs.push(s.poolRun - s.spawnDecided);
        out.poolToAgentMs.push(s.agentStarted - s.poolRun);
      }
    }
    pool.dispose();
    channel.close();
    db.close();
    await db.delete();

    // Baseline: the same hop (this worker → a nested worker) with nothing on it, after the same
    // idle pause a warm sandbox sits through before its task arrives (an idle thread wakes slower
    // than a busy one answers).
    const echo = new Worker(new URL('./echo.worker.ts', import.meta.url), { type: 'module' });
    await new Promise((resolve) => echo.addEventListener('message', resolve, { once: true }));
    for (let i = 0; i < runs * 2 + 20; i++) {
      await pause(30);
      const t0 = performance.now();
      await new Promise((resolve) => {
        echo.addEventListener('message', resolve, { once: true });
        echo.postMessage({ type: 'ping', i });
      });
      if (i >= 20) out.bareRoundTripMs.push(performance.now() - t0);
    }
    echo.terminate();
    return out;
  },
};

export type AgentStartApi = typeof api;
Comlink.expose(api);
