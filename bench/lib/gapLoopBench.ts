import { GapLoop } from '../../src/core/conductor/flowEngine/gapLoop';
import type { StoredEvent } from '../../src/core/events/storedEvent';
import { gapLoopLog } from './syntheticLog';
import { pause } from './stats';

export interface GapLoopResult {
  events: number;
  expectations: number;
  touching: number;
  /** Events per second through GapLoop.observe (+ takeDecisions every 128 events), one per repeat. */
  loopEventsPerSec: number[];
  /** Events per second of a bare loop that reads each event's type and runId. */
  bareEventsPerSec: number[];
  decisions: number;
}

/** A bare pass over the events: the floor any fold over them pays. */
function bareLoop(events: readonly StoredEvent[]): number {
  let acc = 0;
  for (let i = 0; i < events.length; i++) {
    const e = events[i] as StoredEvent;
    if (e.runId !== undefined && e.type === 'artifact.produced') acc += 1;
  }
  return acc;
}

/** The gap loop as the conductor drives it: every event observed, decisions taken after each group commit. */
function gapLoopPass(events: readonly StoredEvent[]): number {
  const loop = new GapLoop();
  let decisions = 0;
  for (let i = 0; i < events.length; i++) {
    loop.observe(events[i] as StoredEvent);
    if ((i & 127) === 127) decisions += loop.takeDecisions(20).length;
  }
  return decisions + loop.takeDecisions(Infinity).length;
}

export async function benchGapLoop(opts: { total: number; repeats: number }): Promise<GapLoopResult> {
  // 10 runs × a 100-step DAG (10 wide): 1,000 expectations live at once.
  const log = gapLoopLog(opts.total, 10, { steps: 100, width: 10 });
  const result: GapLoopResult = {
    events: log.events.length,
    expectations: log.expectations,
    touching: log.touching,
    loopEventsPerSec: [],
    bareEventsPerSec: [],
    decisions: 0,
  };
  // Warm both up once, so the figures compare optimised code with optimised code.
  bareLoop(log.events);
  gapLoopPass(log.events);
  for (let r = 0; r < opts.repeats; r++) {
    await pause(10);
    const order = r % 2 === 0 ? ['bare', 'loop'] : ['loop', 'bare'];
    for (const which of order) {
      const t0 = performance.now();
      if (which === 'bare') bareLoop(log.events);
      else result.decisions = gapLoopPass(log.events);
      const seconds = (performance.now() - t0) / 1000;
      (which === 'bare' ? result.bareEventsPerSec : result.loopEventsPerSec).push(log.events.length / seconds);
    }
  }
  return result;
}
