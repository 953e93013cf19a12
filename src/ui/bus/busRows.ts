import type { BusMessageRow } from '../../core/bus/busView';
import { runNumbers } from '../../core/run/runTree';
import type { RunsState } from '../../core/run/runState';

/** What the Message bus panel filters by; empty strings match everything. */
export interface BusFilter {
  topic: string;
  agent: string;
  runId: string;
}
export const NO_BUS_FILTER: BusFilter = { topic: '', agent: '', runId: '' };

/** "Main flow · Run 2": a run named as the runs list names it (numbered within its flow). */
export function busRunNames(runs: RunsState, flowName: (flowId: string) => string | undefined): Map<string, string> {
  const numbers = runNumbers(runs);
  const names = new Map<string, string>();
  for (const [runId, run] of runs.runs) {
    const flow = flowName(run.flowId) ?? 'Flow';
    names.set(runId, `${flow} · Run ${numbers.get(runId) ?? '?'}`);
  }
  return names;
}

/** The messages a filter keeps, in log order. */
export function filterBusRows(rows: readonly BusMessageRow[], filter: BusFilter): BusMessageRow[] {
  return rows.filter(
    (m) =>
      (filter.topic === '' || m.topic === filter.topic) &&
      (filter.agent === '' || m.from.name === filter.agent) &&
      (filter.runId === '' || m.runId === filter.runId),
  );
}

/** The distinct values the filters offer (topics, senders, runs), each sorted. */
export function busFilterChoices(rows: readonly BusMessageRow[]): {
  topics: string[];
  agents: string[];
  runIds: string[];
} {
  const topics = new Set<string>();
  const agents = new Set<string>();
  const runIds = new Set<string>();
  for (const m of rows) {
    topics.add(m.topic);
    agents.add(m.from.name);
    runIds.add(m.runId);
  }
  return { topics: [...topics].sort(), agents: [...agents].sort(), runIds: [...runIds] };
}

/** A time of day to the millisecond, as the Events panel shows it. */
export function busTime(ts: number): string {
  const d = new Date(ts);
  return `${d.toLocaleTimeString([], { hour12: false })}.${String(d.getMilliseconds()).padStart(3, '0')}`;
}
