import '../src/polyfill';
import { DAG_FLOW, dagDrafts } from '../../bench/lib/dagFixture';
import { compileModel } from '../../src/runtime/compileModel';
import type { StartRunResponse } from '../../src/protocol/runnerApi';
import { api, startCluster, waitForRun } from '../test/support/cluster';
import { definitionsExport, slowMapDrafts } from '../test/support/definitions';

/**
 * The runner's figures (npm run bench -- --only=runner): per-step overhead of the bench's
 * 1,000-step DAG (bench/lib/dagFixture.ts, the same graph as the in-browser `execution` figure),
 * and a map of 64 CPU-bound steps with one and then two runner processes. Prints a table and, last,
 * one line of JSON for bench/run.mjs. Never fails on a timing.
 */
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const log = (...a: unknown[]) => console.error(`[runner bench ${new Date().toISOString().slice(11, 19)}]`, ...a);

async function timeRun(processes: number, offset: number, drafts: Parameters<typeof definitionsExport>[0], flowId?: string): Promise<{ ms: number; events: number }> {
  const cluster = await startCluster({ processes, offset });
  try {
    const defs = await definitionsExport(drafts);
    const t0 = performance.now();
    const started = await api<StartRunResponse>(cluster, '/v1/runs', { method: 'POST', body: { studioProjectId: defs.projectId, definitions: defs.text, flowId: flowId ?? defs.flowId, input: 'bench' } });
    const records = await waitForRun(cluster, started.projectKey, started.runId, 900_000);
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
  const iterations = Number(process.env['RUNNER_BENCH_ITERATIONS'] ?? (quick ? 1_500_000 : 3_000_000));
  log(`${steps}-step DAG (width 10) on 1 runner process…`);
  const dag = await timeRun(1, 10, dagDrafts({ steps, width: 10 }, compileModel), DAG_FLOW);
  log(`map of ${items} slow steps (${iterations} loop iterations each in QuickJS) on 1 process…`);
  const one = await timeRun(1, 11, slowMapDrafts(items, iterations, 32));
  log('…and on 2 processes');
  const two = await timeRun(2, 12, slowMapDrafts(items, iterations, 32));
  const result = {
    dag: { steps, msTotal: Math.round(dag.ms), msPerStep: dag.ms / steps, events: dag.events },
    map: { items, iterations, oneProcessMs: Math.round(one.ms), twoProcessesMs: Math.round(two.ms), speedup: one.ms / two.ms },
  };
  console.error(
    [
      '',
      `runner, ${steps}-step DAG: ${result.dag.msPerStep.toFixed(1)} ms per step (${(result.dag.msTotal / 1000).toFixed(1)} s, ${dag.events} events)`,
      `runner, map of ${items} slow steps: 1 process ${(one.ms / 1000).toFixed(1)} s · 2 processes ${(two.ms / 1000).toFixed(1)} s · ${result.map.speedup.toFixed(2)}× (goal ≥ 1.7×)`,
    ].join('\n'),
  );
  console.log(JSON.stringify(result));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
