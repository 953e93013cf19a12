import '../src/polyfill';
import { DAG_FLOW, dagDrafts } from '../../bench/lib/dagFixture';
import { compileModel } from '../../src/runtime/compileModel';
import type { AgentTask } from '../../src/core/conductor/ports';
import { ScriptThreads } from '../src/scriptThreads';
import type { StartRunResponse } from '../../src/protocol/runnerApi';
import { api, startCluster, waitForRun } from '../test/support/cluster';
import { definitionsExport, slowMapDrafts } from '../test/support/definitions';

/**
 * The runner's figures (npm run bench -- --only=runner): per-step overhead of the bench's
 * 1,000-step DAG (bench/lib/dagFixture.ts, the same graph as the in-browser `execution` figure),
 * and a map of 64 CPU-bound steps with one and then two runner processes (median of 3 rounds, beside
 * what two script threads give the same work with no runner: the machine's ceiling). Prints a table and, last,
 * one line of JSON for bench/run.mjs. Never fails on a timing.
 */
const args = process.argv.slice(2);
const repeats = Math.max(1, Number(process.env['RUNNER_BENCH_REPEATS'] ?? (args.includes('--quick') ? 1 : 3)));
const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

/** `count` of the map's scripts on one script thread, then on two: what two cores give this work here. */
async function threadCeiling(count: number, iterations: number): Promise<{ items: number; oneThreadMs: number; twoThreadsMs: number; speedup: number }> {
  const code = `exports.default = (ctx) => { let x = 0; for (let i = 0; i < ${iterations}; i++) x = (x + i * 7) % 1000003; ctx.emit('result', x); };`;
  const task = (i: number): AgentTask => ({ agentId: `ceiling_${i}`, code, inputs: {}, outputPorts: ['result'], seed: 1, now: 0, deadlineMs: 600_000 });
  const time = async (slots: number): Promise<number> => {
    const threads = new ScriptThreads(slots);
    try {
      await Promise.all(Array.from({ length: slots }, (_, i) => threads.run(task(i)))); // warm each thread's QuickJS
      const t0 = performance.now();
      const results = await Promise.all(Array.from({ length: count }, (_, i) => threads.run(task(i))));
      if (results.some((r) => !r.ok)) throw new Error('a ceiling script failed');
      return performance.now() - t0;
    } finally {
      await threads.close();
    }
  };
  const oneThreadMs = await time(1);
  const twoThreadsMs = await time(2);
  return { items: count, oneThreadMs: Math.round(oneThreadMs), twoThreadsMs: Math.round(twoThreadsMs), speedup: oneThreadMs / twoThreadsMs };
}
const quick = args.includes('--quick');
/** The map is timed by a read every 250 ms, not the studio's live long poll: no one is watching it. */
const MAP_POLL_MS = 250;
const log = (...a: unknown[]) => console.error(`[runner bench ${new Date().toISOString().slice(11, 19)}]`, ...a);

async function timeRun(processes: number, offset: number, drafts: Parameters<typeof definitionsExport>[0], flowId?: string, pollMs?: number): Promise<{ ms: number; events: number }> {
  const cluster = await startCluster({ processes, offset });
  try {
    const defs = await definitionsExport(drafts);
    const t0 = performance.now();
    const started = await api<StartRunResponse>(cluster, '/v1/runs', { method: 'POST', body: { studioProjectId: defs.projectId, definitions: defs.text, flowId: flowId ?? defs.flowId, input: 'bench' } });
    const records = await waitForRun(cluster, started.projectKey, started.runId, 900_000, pollMs);
    const ms = performance.now() - t0;
    const finished = records.find((r) => r.type === 'run.finished' && r.runId === started.runId);
    if ((finished?.data as { status?: string } | undefined)?.status !== 'succeeded') throw new Error(`the run ended ${JSON.stringify(finished?.data)}`);
    return { ms, events: records.length };
  } finally {
    await cluster.stop();
  }
}

async function main(): Promise<void> {
  const steps = Number(process.env['RUNNER_BENCH_STEPS'] ?? 1_000);
  const items = Number(process.env['RUNNER_BENCH_ITEMS'] ?? 64);
  // Enough CPU per item that the work, not the runner's overhead, dominates: the point is scale-out.
  const iterations = Number(process.env['RUNNER_BENCH_ITERATIONS'] ?? (quick ? 3_000_000 : 10_000_000));
  log(`${steps}-step DAG (width 10) on 1 runner process…`);
  const dag = await timeRun(1, 10, dagDrafts({ steps, width: 10 }, compileModel), DAG_FLOW);
  const drafts = slowMapDrafts(items, iterations, 32);
  // The machine's own ceiling for two scripts at once (two cores may not make twice the speed):
  // the same work on this process's script threads, one and then two, with no Restate at all.
  log(`the same work on 1 and then 2 script threads, without the runner…`);
  const ceiling = await threadCeiling(Math.min(items, 16), iterations);
  const oneMs: number[] = [];
  const twoMs: number[] = [];
  for (let round = 1; round <= repeats; round++) {
    log(`map of ${items} slow steps (${iterations} loop iterations each in QuickJS), round ${round} of ${repeats}: 1 process…`);
    oneMs.push((await timeRun(1, 11, drafts, undefined, MAP_POLL_MS)).ms);
    log('…and 2 processes');
    twoMs.push((await timeRun(2, 12, drafts, undefined, MAP_POLL_MS)).ms);
  }
  const one = { ms: median(oneMs) };
  const two = { ms: median(twoMs) };
  const result = {
    dag: { steps, msTotal: Math.round(dag.ms), msPerStep: dag.ms / steps, events: dag.events },
    map: { items, iterations, repeats, oneProcessMs: Math.round(one.ms), twoProcessesMs: Math.round(two.ms), speedup: one.ms / two.ms, rounds: oneMs.map((ms, i) => ({ oneProcessMs: Math.round(ms), twoProcessesMs: Math.round(twoMs[i] ?? 0) })), machineCeiling: ceiling },
  };
  console.error(
    [
      '',
      `runner, ${steps}-step DAG: ${result.dag.msPerStep.toFixed(1)} ms per step (${(result.dag.msTotal / 1000).toFixed(1)} s, ${dag.events} events)`,
      `runner, map of ${items} slow steps (median of ${repeats}): 1 process ${(one.ms / 1000).toFixed(1)} s · 2 processes ${(two.ms / 1000).toFixed(1)} s · ${result.map.speedup.toFixed(2)}× (goal ≥ 1.7×)`,
      `  rounds: ${result.map.rounds.map((r) => `${(r.oneProcessMs / 1000).toFixed(1)}/${(r.twoProcessesMs / 1000).toFixed(1)} s`).join(' · ')}`,
      `  this machine's ceiling for two scripts at once (2 threads vs 1, no runner): ${ceiling.speedup.toFixed(2)}×`,
    ].join('\n'),
  );
  console.log(JSON.stringify(result));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
