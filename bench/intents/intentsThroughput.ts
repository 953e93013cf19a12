import type { StoredEvent } from '../../src/core/events/storedEvent';
import { IntentDetector } from '../../src/core/conductor/intentEngine/detectors/intentDetector';
import { parseIntents } from '../../src/core/intents/parseIntents';

/**
 * Gap detection throughput: a synthetic log of `events` facts against `intents` intents
 * (reactions with and without CEL conditions, deadlines, invariants, consistency checks),
 * fed to the conductor's intent detector the way the conductor feeds it: observe each event,
 * move the clock, settle every 1,000 events. Reports events per second overall and per tenth of
 * the log, to show the cost of an event does not grow with the log's length.
 */
/** `detect: false` runs the same loop and builds the same facts with no detector: the baseline. */
export function runIntentsThroughput(
  events = 1_000_000,
  intentCount = 1_000,
  kinds = 200,
  subjects = 5_000,
  detect = true,
) {
  const fact = (i: number) => `k${i}.happened`;
  const intents: unknown[] = [];
  for (let i = 0; i < intentCount; i++) {
    const a = fact(i % kinds);
    const b = fact((i * 7 + 3) % kinds);
    const bucket = i % 20;
    if (bucket < 12)
      intents.push({
        id: `r${i}`,
        kind: 'reaction',
        when: { fact: a, ...(i % 2 ? { if: 'data.v >= 50' } : {}) },
        expect: { fact: b },
      });
    else if (bucket < 16)
      intents.push({ id: `d${i}`, kind: 'deadline', after: { fact: a }, expect: { fact: b }, withinMs: 60_000 });
    else if (bucket < 19) intents.push({ id: `i${i}`, kind: 'invariant', over: { fact: a }, require: 'data.v < 99' });
    else
      intents.push({ id: `c${i}`, kind: 'consistency', projection: { fact: `p${i}.projected` }, counts: { fact: a } });
  }
  const source = JSON.stringify({ version: 1, intents });
  const parsed = parseIntents(source);
  if (!parsed.ok) throw new Error(`bench intents invalid: ${parsed.issues[0]?.message ?? ''}`);

  const detector = new IntentDetector();
  detector.observe(
    { seq: 0, ts: 0, type: 'intents.saved', data: { source, document: parsed.document } } as unknown as StoredEvent,
    0,
  );
  // A deterministic PRNG (xorshift32), so every run sees the same log.
  let x = 2463534242;
  const rnd = () => ((x ^= x << 13), (x ^= x >>> 17), (x ^= x << 5), (x >>> 0) / 4294967296);
  const tenth = Math.floor(events / 10);
  const perTenth: number[] = [];
  let now = 0;
  const start = performance.now();
  let mark = start;
  for (let seq = 1; seq <= events; seq++) {
    now += 10;
    const event = {
      seq,
      ts: now,
      type: 'fact.recorded',
      data: {
        factId: `f${seq}`,
        fact: fact(Math.floor(rnd() * kinds)),
        subject: `s${Math.floor(rnd() * subjects)}`,
        data: { v: Math.floor(rnd() * 100) },
        by: { kind: 'person' },
        depth: 0,
      },
    } as unknown as StoredEvent;
    if (!detect) {
      if (event.seq < 0) break; // keeps the event alive, as the detector would
      continue;
    }
    detector.observe(event, now);
    detector.advance(now);
    if (seq % 1_000 === 0) {
      detector.settle();
      detector.takeChanges();
    }
    if (seq % tenth === 0) {
      const t = performance.now();
      perTenth.push(Math.round(tenth / ((t - mark) / 1000)));
      mark = t;
    }
  }
  const seconds = (performance.now() - start) / 1000;
  return {
    events,
    intents: intentCount,
    seconds: Math.round(seconds * 100) / 100,
    eventsPerSecond: Math.round(events / seconds),
    perTenth,
    violatedAtEnd: detector.violatedKeys().length,
  };
}
