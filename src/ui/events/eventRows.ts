import type { StoredEvent } from '../../core/events/storedEvent';
import { summariseProjectEvent } from '../../core/explain/eventSummary';
import { LogNames } from '../../core/explain/logNames';
import { emptyRuns, type RunsState } from '../../core/run/runState';
import { describeEvent } from '../timeline/describeEvent';

/** One row of the Events view: what a person reads, with names instead of ids. */
export interface EventRow {
  index: number;
  seq: number;
  ts: number;
  type: string;
  runId: string | undefined;
  /** "Run 3 · Release checks", or '' for an event of no run. */
  run: string;
  stepId: string | undefined;
  step: string;
  summary: string;
}

export interface EventFilter {
  type: string;
  runId: string;
  step: string;
  text: string;
}

export const NO_FILTER: EventFilter = { type: '', runId: '', step: '', text: '' };

const stepIdOf = (event: StoredEvent): string | undefined => {
  const stepId = (event.data as { stepId?: unknown }).stepId;
  return typeof stepId === 'string' ? stepId : undefined;
};

/**
 * The Events view's rows over every event of the project. Taking in an event costs a few map
 * lookups (names, the filter menus); a row's sentence is written only when it is drawn or a text
 * filter reads it, then kept. So a log of 100k events opens without describing 100k events.
 */
export class EventRows {
  private events: readonly StoredEvent[] = [];
  private runsState: RunsState = emptyRuns;
  private readonly names = new LogNames([]);
  private readonly built: Array<EventRow | undefined> = [];
  private readonly haystacks: Array<string | undefined> = [];
  private readonly stepLabels: string[] = [];
  readonly types = new Set<string>();
  readonly steps = new Set<string>();
  /** Runs by id with their names, in the order they started. */
  readonly runs = new Map<string, string>();

  get length(): number {
    return this.stepLabels.length;
  }

  /** Takes in the events after the ones already seen (`events` only ever grows). */
  sync(events: readonly StoredEvent[], runs: RunsState): void {
    this.events = events;
    this.runsState = runs;
    for (let i = this.stepLabels.length; i < events.length; i++) {
      const event = events[i] as StoredEvent;
      this.names.note(event);
      this.types.add(event.type);
      if (event.type === 'run.started') this.runs.set(event.data.runId, this.runLabel(event.data.runId));
      const stepId = stepIdOf(event);
      const step = stepId !== undefined ? this.names.stepLabel(event.runId, stepId) : '';
      if (step) this.steps.add(step);
      this.stepLabels.push(step);
    }
  }

  event(index: number): StoredEvent {
    return this.events[index] as StoredEvent;
  }

  stepOf(index: number): string {
    return this.stepLabels[index] ?? '';
  }

  /** The row for the event at `index`, described on first use. */
  row(index: number): EventRow {
    const cached = this.built[index];
    if (cached) return cached;
    const event = this.event(index);
    const runId = event.runId;
    const state = runId !== undefined ? this.runsState.runs.get(runId) : undefined;
    const row: EventRow = {
      index,
      seq: event.seq,
      ts: event.ts,
      type: event.type,
      runId,
      run: runId !== undefined ? (this.runs.get(runId) ?? '') : '',
      stepId: stepIdOf(event),
      step: this.stepOf(index),
      summary: state ? describeEvent(event, state) : summariseProjectEvent(event, this.names),
    };
    this.built[index] = row;
    return row;
  }

  /** Lower-cased text the text filter searches. */
  haystack(index: number): string {
    let text = this.haystacks[index];
    if (text === undefined) {
      const r = this.row(index);
      text = `${r.seq} ${r.type} ${r.run} ${r.step} ${r.summary}`.toLowerCase();
      this.haystacks[index] = text;
    }
    return text;
  }

  private runLabel(runId: string): string {
    const facts = this.names.run(runId);
    return facts ? `${facts.name} · ${this.names.flow(facts.flowId).slice(1, -1)}` : '';
  }
}

export function matches(rows: EventRows, index: number, filter: EventFilter, needle: string): boolean {
  const event = rows.event(index);
  if (filter.type && event.type !== filter.type) return false;
  if (filter.runId && event.runId !== filter.runId) return false;
  if (filter.step && rows.stepOf(index) !== filter.step) return false;
  return needle === '' || rows.haystack(index).includes(needle);
}

/**
 * Filters incrementally: with the same filter and more events than last time, only the new ones
 * are tested and appended to the last result; a changed filter filters once over everything.
 * The result is the indices of the matching events.
 *
 * A fresh text filter over a long log describes every row once (~2 µs each), too long for one
 * frame at 100k events; so `of` takes a `shouldYield` and stops when it says so, leaving
 * `complete` false and `progress` below 1. Calling `of` again with the same filter goes on from
 * where it stopped.
 */
export class FilteredRows {
  private filter: EventFilter = NO_FILTER;
  private seen = 0;
  private result: number[] = [];
  private total = 0;

  /** Whether the last `of` tested every event. */
  get complete(): boolean {
    return this.seen >= this.total;
  }

  /** The share of events the last `of` has tested, 0–1. */
  get progress(): number {
    return this.total === 0 ? 1 : this.seen / this.total;
  }

  of(rows: EventRows, filter: EventFilter, shouldYield: () => boolean = () => false): number[] {
    const same =
      filter.type === this.filter.type &&
      filter.runId === this.filter.runId &&
      filter.step === this.filter.step &&
      filter.text === this.filter.text;
    if (!same || rows.length < this.seen) {
      this.filter = filter;
      this.seen = 0;
      this.result = [];
    }
    this.total = rows.length;
    if (rows.length === this.seen) return this.result;
    const needle = filter.text.trim().toLowerCase();
    // A new array when events were added, so React sees the change; old ones are not tested again.
    const next = this.result.slice();
    let i = this.seen;
    while (i < rows.length) {
      // Ask the clock once per chunk: asking it per row would cost more than the test.
      const end = Math.min(rows.length, i + 256);
      for (; i < end; i++) if (matches(rows, i, filter, needle)) next.push(i);
      if (i < rows.length && shouldYield()) break;
    }
    this.seen = i;
    this.result = next;
    return next;
  }
}
