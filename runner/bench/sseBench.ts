import '../src/polyfill';
import type { EventRecord } from '../../src/core/events/storedEvent';
import type { StartedRun } from '../../src/protocol/publicApi';
import { STUDIO_VERSION } from '../../src/core/extensions/studioVersion';
import { STUDIO_VERSION_HEADER } from '../../src/protocol/runnerApi';
import { startCluster, type Cluster } from '../test/support/cluster';
import { chainDrafts, definitionsExport } from '../test/support/definitions';
import { call, follow, printedToken } from '../test/support/publicClient';

/**
 * The public API's event stream (npm run bench -- --only=sse): how long after an event is written
 * an SSE client following the run has it. A run of a 30-step chain is started through the API and
 * followed with a real EventSource from its start; each event that lands while the stream is open
 * counts, from its `ts` (the driver's clock as it seals the event, just before it sends it to the
 * project's object: so the figure includes the append itself) to the client's clock as the
 * message is dispatched (one machine, one clock). Beside it, from the same runs, the studio's own
 * way to follow a remote log: its long poll, which answers at most every 250 ms by design
 * (runner/src/answerPacer.ts). Prints a table and, last, one line of JSON. Never fails on a timing.
 */
const quick = process.argv.includes('--quick');
const runs = quick ? 3 : 10;
const steps = 30;
const log = (...a: unknown[]) => console.error(`[sse bench ${new Date().toISOString().slice(11, 19)}]`, ...a);

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};
const summary = (values: number[]) => ({
  samples: values.length,
  p50Ms: percentile(values, 50),
  p95Ms: percentile(values, 95),
  p99Ms: percentile(values, 99),
  maxMs: Math.max(...values),
});

/** The studio's long poll over the same remote log, timing each of the run's events as it is answered. */
async function longPoll(cluster: Cluster, key: string, runId: string, latencies: number[]): Promise<void> {
  let since = 0;
  for (;;) {
    const response = await fetch(`${cluster.api}/v1/projects/${key}/events?since=${since}&wait=20000`, {
      headers: { [STUDIO_VERSION_HEADER]: STUDIO_VERSION },
    });
    const page = (await response.json()) as { records: EventRecord[] };
    const at = Date.now();
    for (const record of page.records) {
      since = record.seq + 1;
      if (record.runId !== runId) continue;
      latencies.push(at - record.ts);
      if (record.type === 'run.finished') return;
    }
  }
}

async function main(): Promise<void> {
  const cluster = await startCluster({ processes: 1, offset: 6 });
  try {
    const token = printedToken(cluster);
    const defs = await definitionsExport(chainDrafts(steps));
    const published = await call(cluster, 'PUT', `/projects/${defs.projectId}`, {
      token,
      text: defs.text,
      headers: { 'content-type': 'application/json' },
    });
    if (published.status !== 200) throw new Error(`publish: ${JSON.stringify(published.body)}`);
    const catalog = (await fetch(`${cluster.ingress}/catalog/${defs.projectId}/get`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: 'null',
    }).then((r) => r.json())) as { remoteKey: string };
    const sse: number[] = [];
    const poll: number[] = [];
    // One run first, untimed: a runner that has been up a while, not one whose code V8 has yet to compile.
    for (let round = -1; round < runs; round++) {
      const started = await call<StartedRun>(cluster, 'POST', `/projects/${defs.projectId}/flows/Chain/runs`, {
        token,
        json: { input: `round ${round}` },
      });
      if (started.status !== 201) throw new Error(`start: ${JSON.stringify(started.body)}`);
      const runId = started.body.runId;
      const polled: number[] = [];
      let openedAt = Infinity;
      const streamed: number[] = [];
      await Promise.all([
        follow(cluster, token, runId, {
          onEvent: (event) => {
            const now = Date.now();
            // Events written before the stream was open are a catch-up, not a live delivery.
            if (openedAt === Infinity) openedAt = now;
            else if (event.ts >= openedAt) streamed.push(now - event.ts);
          },
        }),
        longPoll(cluster, catalog.remoteKey, runId, polled),
      ]);
      if (round >= 0) {
        sse.push(...streamed);
        poll.push(...polled);
        log(`round ${round + 1}/${runs}: ${streamed.length} live events, SSE p95 ${percentile(streamed, 95)} ms`);
      }
    }
    const figures = {
      runs,
      stepsPerRun: steps,
      sse: summary(sse),
      studioLongPoll: summary(poll),
      goalP95Ms: 50,
    };
    console.error(
      [
        `SSE, append → client:          p50 ${figures.sse.p50Ms} ms · p95 ${figures.sse.p95Ms} ms · p99 ${figures.sse.p99Ms} ms · max ${figures.sse.maxMs} ms (${figures.sse.samples} events; goal p95 ≤ 50 ms)`,
        `studio long poll, same runs:   p50 ${figures.studioLongPoll.p50Ms} ms · p95 ${figures.studioLongPoll.p95Ms} ms (${figures.studioLongPoll.samples} events; paced at 250 ms by design)`,
      ].join('\n'),
    );
    console.log(JSON.stringify(figures));
  } finally {
    await cluster.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
