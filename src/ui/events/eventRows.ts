import type { StoredEvent } from '../../core/events/storedEvent';
import { summariseProjectEvent } from '../../core/explain/eventSummary';
import { LogNames } from '../../core/explain/logNames';
import type { RunsState } from '../../core/run/runState';
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
  /** Lower-cased text the text filter searches. */
  haystack: string;
}

export interface EventFilter {
  type: string;
  runId: string;
  step: string;
  text: string;
}

export const NO_FILTER: EventFilter = { type: '', runId: '', step: '', text: '' };

/**
 * Rows for every event of the project, built once per event as the log grows (an event is never
 * described twice), so a view over 100k events only pays for what is new.
 */
export class EventRows {
  readonly rows: EventRow[] = [];
  private readonly names = new LogNames([]);
  readonly types = new Set<string>();
  readonly steps = new Set<string>();
  readonly runs = new Map<string, string>();

  /** Adds rows for the events after the ones already seen. */
  sync(events: readonly StoredEvent[], runs: RunsState): void {
    for (let i = this.rows.length; i < events.length; i++) {
      const event = events[i] as StoredEvent;
      this.names.note(event);
      this.rows.push(this.rowOf(event, i, runs));
    }
  }

  private rowOf(event: StoredEvent, index: number, runs: RunsState): EventRow {
    const runId = event.runId;
    const facts = this.names.run(runId);
    const run = facts ? `${facts.name} · ${this.names.flow(facts.flowId).slice(1, -1)}` : '';
    const rawStep = (event.data as { stepId?: unknown }).stepId;
    const stepId = typeof rawStep === 'string' ? rawStep : undefined;
    const step = stepId !== undefined ? this.names.stepLabel(runId, stepId) : '';
    const state = runId !== undefined ? runs.runs.get(runId) : undefined;
    const summary = runId !== undefined && state ? describeEvent(event, state) : summariseProjectEvent(event, this.names);
    this.types.add(event.type);
    if (step) this.steps.add(step);
    if (runId !== undefined && run) this.runs.set(runId, run);
    return { index, seq: event.seq, ts: event.ts, type: event.type, runId, run, stepId, step, summary, haystack: `${event.seq} ${event.type} ${run} ${step} ${summary}`.toLowerCase() };
  }
}

export function matches(row: EventRow, filter: EventFilter, needle: string): boolean {
  if (filter.type && row.type !== filter.type) return false;
  if (filter.runId && row.runId !== filter.runId) return false;
  if (filter.step && row.step !== filter.step) return false;
  return needle === '' || row.haystack.includes(needle);
}

/**
 * Filters incrementally: with the same filter and more rows than last time, only the new rows
 * are tested and appended to the last result; a changed filter filters once over everything.
 */
export class FilteredRows {
  private filter: EventFilter = NO_FILTER;
  private seen = 0;
  private result: EventRow[] = [];

  of(rows: readonly EventRow[], filter: EventFilter): EventRow[] {
    const same = filter.type === this.filter.type && filter.runId === this.filter.runId && filter.step === this.filter.step && filter.text === this.filter.text;
    if (!same || rows.length < this.seen) {
      this.filter = filter;
      this.seen = 0;
      this.result = [];
    }
    if (rows.length === this.seen) return this.result;
    const needle = filter.text.trim().toLowerCase();
    // A new array when rows were added, so React sees the change; the old rows are not tested again.
    const next = this.result.slice();
    for (let i = this.seen; i < rows.length; i++) {
      const row = rows[i] as EventRow;
      if (matches(row, filter, needle)) next.push(row);
    }
    this.seen = rows.length;
    this.result = next;
    return next;
  }
}
