import { runIntentsThroughput } from '../intents/intentsThroughput';

export interface IntentsBenchResult {
  events: number;
  intents: number;
  subjects: number;
  detectorEventsPerSec: number[];
  bareEventsPerSec: number[];
  violatedAtEnd: number;
}

/**
 * The intent detector over a synthetic log of facts (reactions, deadlines, invariants and
 * consistency checks over 200 fact kinds), beside the same loop building the same facts with no
 * detector, alternated so both see the same machine.
 */
export function benchIntents(opts: {
  events: number;
  intents: number;
  subjects: number;
  repeats: number;
}): IntentsBenchResult {
  const result: IntentsBenchResult = {
    events: opts.events,
    intents: opts.intents,
    subjects: opts.subjects,
    detectorEventsPerSec: [],
    bareEventsPerSec: [],
    violatedAtEnd: 0,
  };
  for (let i = 0; i < opts.repeats; i++) {
    result.bareEventsPerSec.push(
      runIntentsThroughput(opts.events, opts.intents, 200, opts.subjects, false).eventsPerSecond,
    );
    const run = runIntentsThroughput(opts.events, opts.intents, 200, opts.subjects, true);
    result.detectorEventsPerSec.push(run.eventsPerSecond);
    result.violatedAtEnd = run.violatedAtEnd;
  }
  return result;
}
