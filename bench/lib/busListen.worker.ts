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
 * Bus post → a listen step's agent running, with the conductor wired as workers/conductorHost.ts
 * wires it (Dexie log and artifacts, a warm SandboxPool of 2), as agentStart.worker.ts does. Each
 * sample is one run that waits on a listen step: a message is posted (the `postToBus` command, the
 * path every post takes: checked, appended, the loop pumped), the listen step hears it, and the
 * step after it sends an agent whose own code reports when it starts (one clock across workers).
 */
const now = (): number => performance.timeOrigin + performance.now();
const PROJECT = 'p_bench_bus' as ProjectId;
const FLOW = 'flow_listen' as FlowId;

const PROBE_SOURCE = `export default function run(ctx: { log(...a: unknown[]): void; emit(p: string, v: unknown): void }) {
  ctx.log(String(performance.timeOrigin + performance.now()));
  ctx.emit('out', 'ok');
}
`;

/** When each run's message was committed to the log, and when its agent's code started. */
interface Stamps {
  postCommitted?: number;
  agentStarted?: number;
}

class TimedLog implements EventLog {
  constructor(
    private readonly inner: EventLog,
    private readonly stamps: Map<string, Stamps>,
  ) {}
  async append(drafts: readonly EventDraft[]): Promise<StoredEvent[]> {
    const events = await this.inner.append(drafts);
    const t = now();
    for (const e of events) {
      if (e.runId === undefined) continue;
      if (e.type === 'bus.posted') this.stampOf(e.runId).postCommitted = t;
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

export interface BusListenSamples {
  /** postToBus sent → the listen step's next agent's code runs. */
  postToAgentMs: number[];
  /** The message committed to the log → that agent's code runs. */
  committedToAgentMs: number[];
  failures: string[];
}

function definitions(): EventDraft[] {
  const compiled = compileModel(PROBE_SOURCE);
  if (!compiled.ok) throw new Error(compiled.message);
  const probe = 'model_probe' as ModelId;
  const listen = 'model_listen' as ModelId;
  return [
    {
      type: 'model.saved',
      data: {
        model: {
          modelId: listen,
          kind: 'listen',
          name: 'Listen',
          description: '',
          version: 1,
          inputs: [],
          outputs: [{ name: 'message', type: 'json' }],
          timeoutMs: 10_000,
          topic: 'work-items',
          filter: 'message.n >= 0',
          take: 1,
        },
      },
    },
    {
      type: 'model.saved',
      data: {
        model: {
          modelId: probe,
          kind: 'script',
          name: 'Probe',
          description: '',
          version: 1,
          inputs: [{ name: 'message', type: 'json' }],
          outputs: [{ name: 'out', type: 'text' }],
          source: PROBE_SOURCE,
          compiled: compiled.code,
          timeoutMs: 10_000,
        },
      },
    },
    { type: 'flow.created', data: { flowId: FLOW, name: 'Listen then work' } },
    {
      type: 'step.added',
      data: {
        flowId: FLOW,
        stepId: 'step_listen' as StepId,
        modelId: listen,
        label: 'Listen',
        position: { x: 0, y: 0 },
      },
    },
    {
      type: 'step.added',
      data: {
        flowId: FLOW,
        stepId: 'step_probe' as StepId,
        modelId: probe,
        label: 'Probe',
        position: { x: 300, y: 0 },
      },
    },
    {
      type: 'edge.added',
      data: {
        flowId: FLOW,
        edgeId: 'edge_1',
        source: { stepId: 'step_listen' as StepId, port: 'message' },
        target: { stepId: 'step_probe' as StepId, port: 'message' },
      },
    },
  ] as EventDraft[];
}

const api = {
  async measure(runs: number): Promise<BusListenSamples> {
    const db = new StudioDb(`bench-bus-${Math.random().toString(36).slice(2)}`);
    const stamps = new Map<string, Stamps>();
    const pool = new SandboxPool({ size: 2 });
    const conductor = new Conductor({
      log: new TimedLog(new DexieEventLog(db, PROJECT, sha256, () => Date.now()), stamps),
      artifacts: new DexieArtifactStore(db),
      agents: { run: (task) => pool.run(task) },
      clock: { now: () => Date.now() },
      sha256,
      compile: compileModel,
      newId: (prefix) => `${prefix}_${crypto.randomUUID().replaceAll('-', '').slice(0, 16)}`,
      newSeed: () => 1,
    });
    await conductor.open(PROJECT, 'Bench', definitions);
    const out: BusListenSamples = { postToAgentMs: [], committedToAgentMs: [], failures: [] };
    const waitWarm = async (): Promise<void> => {
      for (let i = 0; i < 400 && pool.stats().warm < 2; i++) await pause(5);
      await pause(30);
    };
    for (let i = 0; i < runs + 2; i++) {
      const started = await conductor.execute({ type: 'startRun', flowId: FLOW, input: 'go' });
      if (!started.ok || started.createdId === undefined) {
        out.failures.push(started.ok ? 'no run id' : started.error.message);
        continue;
      }
      const runId = started.createdId;
      // The run now waits on its listen step, with nothing else to do.
      await conductor.whenIdle();
      await waitWarm();
      const t0 = now();
      const posted = await conductor.execute({ type: 'postToBus', runId, topic: 'work-items', message: { n: i } });
      if (!posted.ok) {
        out.failures.push(posted.error.message);
        continue;
      }
      await conductor.whenIdle();
      if (i < 2) continue; // warm-up
      const s = stamps.get(runId);
      if (!s?.agentStarted || !s.postCommitted) {
        out.failures.push(`run ${i}: missing stamps ${JSON.stringify(s)}`);
        continue;
      }
      out.postToAgentMs.push(s.agentStarted - t0);
      out.committedToAgentMs.push(s.agentStarted - s.postCommitted);
    }
    pool.dispose();
    db.close();
    await db.delete();
    return out;
  },
};

export type BusListenApi = typeof api;
Comlink.expose(api);
