import type { StoredEvent } from '../../src/core/events/storedEvent';
import { MetricsFold } from '../../src/core/metrics/metricsFold';
import { metricsOver } from '../../src/core/metrics/metricsQuery';
import { syntheticRuns } from '../../src/core/testing/syntheticRuns';
import { pause } from './stats';

export interface MetricsFoldResult {
  events: number;
  runs: number;
  /** Events per second through MetricsFold.observe, one per repeat. */
  foldEventsPerSec: number[];
  /** Events per second of a bare loop that reads each event's type and runId. */
  bareEventsPerSec: number[];
  /** metricsOver the whole fold, and over its last day, in ms. */
  queryAllMs: number[];
  queryDayMs: number[];
}

/** The same bare pass the gap-loop figure uses: the floor any fold over the events pays. */
function bareLoop(events: readonly StoredEvent[]): number {
  let acc = 0;
  for (let i = 0; i < events.length; i++) {
    const e = events[i] as StoredEvent;
    if (e.runId !== undefined && e.type === 'agent.resolved') acc += 1;
  }
  return acc;
}

function foldPass(events: readonly StoredEvent[]): MetricsFold {
  const fold = new MetricsFold();
  for (let i = 0; i < events.length; i++) fold.observe(events[i] as StoredEvent);
  return fold;
}

/** ~28 events per synthetic run (six steps, retries, fallbacks, rebuilds, a map, a gate). */
const EVENTS_PER_RUN = 28;

export async function benchMetricsFold(opts: { events: number; repeats: number }): Promise<MetricsFoldResult> {
  const events = syntheticRuns({ runs: Math.ceil(opts.events / EVENTS_PER_RUN), seed: 7, flows: 4, everyMs: 60_000 });
  const result: MetricsFoldResult = {
    events: events.length,
    runs: 0,
    foldEventsPerSec: [],
    bareEventsPerSec: [],
    queryAllMs: [],
    queryDayMs: [],
  };
  // Warm both up once, so the figures compare optimised code with optimised code.
  bareLoop(events);
  result.runs = foldPass(events).order.length;
  for (let r = 0; r < opts.repeats; r++) {
    await pause(10);
    for (const which of r % 2 === 0 ? ['bare', 'fold'] : ['fold', 'bare']) {
      const t0 = performance.now();
      if (which === 'bare') bareLoop(events);
      else {
        const fold = foldPass(events);
        const seconds = (performance.now() - t0) / 1000;
        result.foldEventsPerSec.push(events.length / seconds);
        const q0 = performance.now();
        metricsOver(fold);
        result.queryAllMs.push(performance.now() - q0);
        const last = (events.at(-1) as StoredEvent).ts;
        const d0 = performance.now();
        metricsOver(fold, { from: last - 86_400_000 });
        result.queryDayMs.push(performance.now() - d0);
        continue;
      }
      result.bareEventsPerSec.push(events.length / ((performance.now() - t0) / 1000));
    }
  }
  return result;
}
