import { Conductor } from '../../src/core/conductor/conductor';
import type { ConductorPorts } from '../../src/core/conductor/ports';
import type { ProjectId } from '../../src/core/ids';
import { counterIds } from '../../src/core/ids';
import { MemoryArtifactStore, MemoryEventLog } from '../../src/core/testing/memoryPorts';
import { compileModel } from '../../src/runtime/compileModel';
import { sha256 } from '../../src/runtime/sha256';
import { DexieArtifactStore } from '../../src/storage/dexieArtifactStore';
import { DexieEventLog } from '../../src/storage/dexieEventLog';
import { StudioDb } from '../../src/storage/studioDb';
import { DAG_FLOW, dagDrafts, type DagShape } from './dagFixture';
import { InProcessAgents } from './inProcessAgents';
import { rivetProject, runRivet } from './rivetPeer';
import { pause } from './stats';

export interface ExecutionResult {
  steps: number;
  /** µs per step, one sample per run of the whole DAG. */
  studioMemoryUsPerStep: number[];
  studioDexieUsPerStep: number[];
  rivetUsPerStep: number[];
  rivetError?: string;
  eventsPerRun: number;
}

const PROJECT = 'p_bench_exec' as ProjectId;

async function openStudio(
  shape: DagShape,
  durable: boolean,
): Promise<{ conductor: Conductor; events: () => number; close: () => Promise<void> }> {
  const ids = counterIds();
  let time = 1_000;
  const db = durable ? new StudioDb(`bench-exec-${Math.random().toString(36).slice(2)}`) : undefined;
  const memoryLog = new MemoryEventLog(PROJECT, sha256, () => time++);
  const ports: ConductorPorts = {
    log: db ? new DexieEventLog(db, PROJECT, sha256, () => time++) : memoryLog,
    artifacts: db ? new DexieArtifactStore(db) : new MemoryArtifactStore(),
    agents: new InProcessAgents(),
    clock: { now: () => time },
    sha256,
    compile: compileModel,
    newId: (prefix) => ids.next(prefix),
    newSeed: () => 1,
  };
  let appended = 0;
  ports.onAppended = (events) => {
    appended += events.length;
  };
  // Generous concurrency, so the figure is the conductor's, not a breaker's.
  const conductor = new Conductor(ports, { maxConcurrentAgents: 64 });
  await conductor.open(PROJECT, 'Bench', () => dagDrafts(shape, compileModel));
  return {
    conductor,
    events: () => appended,
    close: async () => {
      if (db) {
        db.close();
        await db.delete();
      }
    },
  };
}

async function runStudioOnce(conductor: Conductor, shape: DagShape): Promise<number> {
  const t0 = performance.now();
  const result = await conductor.execute({ type: 'startRun', flowId: DAG_FLOW, input: 'bench' });
  if (!result.ok) throw new Error(`startRun refused: ${result.error.message}`);
  await conductor.whenIdle();
  return ((performance.now() - t0) * 1000) / shape.steps;
}

/** Runs the same DAG in the studio's conductor (in memory, then on disk) and in the peer engine, alternating. */
export async function benchExecution(opts: { shape: DagShape; repeats: number }): Promise<ExecutionResult> {
  const { shape } = opts;
  const memory = await openStudio(shape, false);
  const durable = await openStudio(shape, true);
  const project = rivetProject(shape);
  const result: ExecutionResult = {
    steps: shape.steps,
    studioMemoryUsPerStep: [],
    studioDexieUsPerStep: [],
    rivetUsPerStep: [],
    eventsPerRun: 0,
  };
  let rivetOk = true;
  const rivetOnce = async (): Promise<number | undefined> => {
    if (!rivetOk) return undefined;
    try {
      const t0 = performance.now();
      const ran = await runRivet(project);
      const us = ((performance.now() - t0) * 1000) / shape.steps;
      if (ran !== shape.steps) throw new Error(`the peer ran ${ran} of ${shape.steps} nodes`);
      return us;
    } catch (error) {
      rivetOk = false;
      result.rivetError = error instanceof Error ? error.message : String(error);
      return undefined;
    }
  };
  // Warm-up: one run each, not counted.
  const before = memory.events();
  await runStudioOnce(memory.conductor, shape);
  result.eventsPerRun = memory.events() - before;
  await runStudioOnce(durable.conductor, shape);
  await rivetOnce();
  for (let r = 0; r < opts.repeats; r++) {
    const order = [0, 1, 2].map((i) => (i + r) % 3);
    for (const which of order) {
      await pause(20);
      if (which === 0) result.studioMemoryUsPerStep.push(await runStudioOnce(memory.conductor, shape));
      else if (which === 1) result.studioDexieUsPerStep.push(await runStudioOnce(durable.conductor, shape));
      else {
        const us = await rivetOnce();
        if (us !== undefined) result.rivetUsPerStep.push(us);
      }
    }
  }
  await memory.close();
  await durable.close();
  return result;
}
