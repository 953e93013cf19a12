import type { FlowId, ModelId, RunId, StepId } from '../ids';
import type { RunStatus } from '../run/runState';
import type { MetricsFold, RunFacts } from './metricsFold';
import { percentile, ratio } from './percentile';

export const DAY_MS = 86_400_000;

/** Which runs to count: one flow's (or all), started (or finished) in [from, to). */
export interface MetricsFilter {
  flowId?: FlowId;
  from?: number;
  to?: number;
  /** Which of a run's times falls in the window; `finished` leaves out runs still going. Default `started`. */
  by?: 'started' | 'finished';
}

/** One run, as the plots show it. */
export interface RunPoint {
  runId: RunId;
  flowId: FlowId;
  startedAt: number;
  finishedAt: number | undefined;
  status: RunStatus;
  /** Start to finish, once finished (not for an interrupted run). */
  durationMs: number | undefined;
  tokens: number;
  costUsd: number;
  wallMs: number;
  agentCalls: number;
  neededCalls: number;
}

export interface Quantiles {
  p50: number;
  p95: number;
}

/** One step over the runs of the window. A step is its flow's step: the same id in two flows is two steps. */
export interface StepSummary {
  flowId: FlowId;
  stepId: StepId;
  label: string;
  /** Runs in which it sent an agent. */
  runs: number;
  calls: number;
  failedCalls: number;
  /** Failed calls ÷ calls. */
  failureRate: number | null;
  /** From its first agent sent to its last one resolved, per run. */
  latencyMs: Quantiles | null;
  tokens: number;
  costUsd: number;
  wallMs: number;
  /** Its latency in each run, in the order the runs started: the sparkline. */
  series: Array<{ runId: RunId; at: number; latencyMs: number }>;
}

export interface ModelSummary {
  modelId: ModelId;
  calls: number;
  failedCalls: number;
  tokens: number;
  costUsd: number;
  wallMs: number;
}

/** One day (UTC) of the window. */
export interface DaySummary {
  /** The day's first millisecond. */
  day: number;
  started: number;
  succeeded: number;
  failed: number;
  tokens: number;
  costUsd: number;
}

export interface Metrics {
  /** The runs counted, in the order they started. */
  runs: RunPoint[];
  started: number;
  running: number;
  succeeded: number;
  failed: number;
  interrupted: number;
  /** Succeeded ÷ finished (succeeded or failed; interrupted runs have not finished). */
  completionRate: number | null;
  /** Failed ÷ finished. */
  errorRate: number | null;
  runsPerDay: number | null;
  durationMs: Quantiles | null;
  /** Needed agent calls ÷ agent calls made. */
  efficiency: { needed: number; calls: number; rate: number | null };
  /** Failures resolved by a retry, fallback, rebuild or skip ÷ failures (those of runs still going count once resolved). */
  recovery: { failures: number; recovered: number; rate: number | null };
  /** Gates approved on their first review ÷ gates reviewed. */
  gates: { reviewed: number; approvedFirst: number; rate: number | null };
  spend: { tokens: number; costUsd: number; wallMs: number };
  failedCalls: number;
  days: DaySummary[];
  steps: StepSummary[];
  models: ModelSummary[];
}

function inWindow(run: RunFacts, filter: MetricsFilter): boolean {
  if (filter.flowId !== undefined && run.flowId !== filter.flowId) return false;
  const at = filter.by === 'finished' ? run.finishedAt : run.startedAt;
  if (at === undefined) return false;
  return (filter.from === undefined || at >= filter.from) && (filter.to === undefined || at < filter.to);
}

/** The runs of the fold that the filter takes, in the order they started. */
export function runsOver(fold: MetricsFold, filter: MetricsFilter = {}): RunFacts[] {
  return fold.order.filter((run) => inWindow(run, filter));
}

/**
 * A step's name now (the flow as it is), so a renamed step reads by its new name in every figure;
 * `undefined` for a step no longer in its flow, which keeps the name its newest run knew.
 */
export type StepLabelNow = (flowId: FlowId, stepId: StepId) => string | undefined;

/** Every metric over the runs the filter takes. Costs time linear in the fold's runs, not its events. */
export function metricsOver(fold: MetricsFold, filter: MetricsFilter = {}, labelNow?: StepLabelNow): Metrics {
  const runs = runsOver(fold, filter);
  const counts = { running: 0, succeeded: 0, failed: 0, interrupted: 0 };
  const durations: number[] = [];
  const spend = { tokens: 0, costUsd: 0, wallMs: 0 };
  let needed = 0;
  let calls = 0;
  let failedCalls = 0;
  let failures = 0;
  let recovered = 0;
  let reviewed = 0;
  let approvedFirst = 0;
  const days = new Map<number, DaySummary>();
  const steps = new Map<FlowId, Map<StepId, StepSummary & { latencies: number[] }>>();
  const models = new Map<ModelId, ModelSummary>();
  const points: RunPoint[] = [];
  for (const run of runs) {
    counts[run.status]++;
    const durationMs =
      run.finishedAt !== undefined && run.status !== 'interrupted' ? run.finishedAt - run.startedAt : undefined;
    if (durationMs !== undefined) durations.push(durationMs);
    spend.tokens += run.tokens;
    spend.costUsd += run.costUsd;
    spend.wallMs += run.wallMs;
    needed += run.neededCalls;
    calls += run.agentCalls;
    failedCalls += run.failedCalls;
    // A failure of a run still going may yet be resolved: until it is, it is not counted either way.
    failures += run.status === 'running' ? run.recovered : run.failures;
    recovered += run.recovered;
    reviewed += run.gatesReviewed;
    approvedFirst += run.gatesApprovedFirst;
    const dayStart = Math.floor(run.startedAt / DAY_MS) * DAY_MS;
    let day = days.get(dayStart);
    if (!day) days.set(dayStart, (day = { day: dayStart, started: 0, succeeded: 0, failed: 0, tokens: 0, costUsd: 0 }));
    day.started++;
    if (run.status === 'succeeded') day.succeeded++;
    if (run.status === 'failed') day.failed++;
    day.tokens += run.tokens;
    day.costUsd += run.costUsd;
    let flowSteps = steps.get(run.flowId);
    if (!flowSteps) steps.set(run.flowId, (flowSteps = new Map<StepId, StepSummary & { latencies: number[] }>()));
    for (const step of run.steps.values()) {
      let summary = flowSteps.get(step.stepId);
      if (!summary) {
        summary = {
          flowId: run.flowId,
          stepId: step.stepId,
          label: step.label,
          runs: 0,
          calls: 0,
          failedCalls: 0,
          failureRate: null,
          latencyMs: null,
          tokens: 0,
          costUsd: 0,
          wallMs: 0,
          series: [],
          latencies: [],
        };
        flowSteps.set(step.stepId, summary);
      }
      // Runs come oldest first: the newest run's name wins, and the flow's name now over both.
      summary.label = labelNow?.(run.flowId, step.stepId) ?? step.label;
      summary.runs++;
      summary.calls += step.calls;
      summary.failedCalls += step.failedCalls;
      summary.tokens += step.tokens;
      summary.costUsd += step.costUsd;
      summary.wallMs += step.wallMs;
      if (step.firstSpawnAt !== null && step.lastResolvedAt !== null) {
        const latencyMs = step.lastResolvedAt - step.firstSpawnAt;
        summary.latencies.push(latencyMs);
        summary.series.push({ runId: run.runId, at: run.startedAt, latencyMs });
      }
    }
    for (const model of run.models.values()) {
      let summary = models.get(model.modelId);
      if (!summary)
        models.set(
          model.modelId,
          (summary = { modelId: model.modelId, calls: 0, failedCalls: 0, tokens: 0, costUsd: 0, wallMs: 0 }),
        );
      summary.calls += model.calls;
      summary.failedCalls += model.failedCalls;
      summary.tokens += model.tokens;
      summary.costUsd += model.costUsd;
      summary.wallMs += model.wallMs;
    }
    points.push({
      runId: run.runId,
      flowId: run.flowId,
      startedAt: run.startedAt,
      finishedAt: run.finishedAt,
      status: run.status,
      durationMs,
      tokens: run.tokens,
      costUsd: run.costUsd,
      wallMs: run.wallMs,
      agentCalls: run.agentCalls,
      neededCalls: run.neededCalls,
    });
  }
  const finished = counts.succeeded + counts.failed;
  return {
    runs: points,
    started: runs.length,
    ...counts,
    completionRate: ratio(counts.succeeded, finished),
    errorRate: ratio(counts.failed, finished),
    runsPerDay: runsPerDay(runs, filter),
    durationMs: quantiles(durations),
    efficiency: { needed, calls, rate: ratio(needed, calls) },
    recovery: { failures, recovered, rate: ratio(recovered, failures) },
    gates: { reviewed, approvedFirst, rate: ratio(approvedFirst, reviewed) },
    spend,
    failedCalls,
    days: [...days.values()].sort((a, b) => a.day - b.day),
    steps: [...steps.values()].flatMap((flowSteps) =>
      [...flowSteps.values()].map(({ latencies, ...s }) => ({
        ...s,
        failureRate: ratio(s.failedCalls, s.calls),
        latencyMs: quantiles(latencies),
      })),
    ),
    models: [...models.values()],
  };
}

function quantiles(values: number[]): Quantiles | null {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  return { p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95) };
}

/** Runs ÷ the days the window spans (the filter's bounds where given, else first to last run; at least one day). */
function runsPerDay(runs: RunFacts[], filter: MetricsFilter): number | null {
  if (runs.length === 0) return null;
  const first = filter.from ?? (runs[0] as RunFacts).startedAt;
  const last = filter.to ?? (runs[runs.length - 1] as RunFacts).startedAt;
  return runs.length / Math.max(1, (last - first) / DAY_MS);
}

/** Agent calls that ended in [from, to) (of one flow, or all): how many, how many failed, what they spent. */
export function callsOver(
  fold: MetricsFold,
  filter: Omit<MetricsFilter, 'by'> = {},
): { calls: number; failed: number; tokens: number; costUsd: number } {
  const out = { calls: 0, failed: 0, tokens: 0, costUsd: 0 };
  const { at, flowId, failed, tokens, costUsd } = fold.calls;
  // The log is in time order: start at the window's first call.
  let lo = 0;
  let hi = at.length;
  while (filter.from !== undefined && lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((at[mid] as number) < filter.from) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < at.length; i++) {
    if (filter.to !== undefined && (at[i] as number) >= filter.to) break;
    if (filter.flowId !== undefined && flowId[i] !== filter.flowId) continue;
    out.calls++;
    if (failed[i]) out.failed++;
    out.tokens += tokens[i] as number;
    out.costUsd += costUsd[i] as number;
  }
  return out;
}
