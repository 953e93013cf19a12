import { useMemo, useState } from 'react';
import type { FlowId, RunId } from '../../core/ids';
import type { MetricsFold } from '../../core/metrics/metricsFold';
import { metricsOver, type Metrics, type MetricsFilter, type StepLabelNow } from '../../core/metrics/metricsQuery';
import { formatDuration } from '../format';
import { formatCost, formatTokens } from '../runs/spendFormat';
import { formatPerDay, formatRate } from './metricsFormat';
import { StepTable } from './StepTable';
import { UPlotChart, type ChartSeries } from './UPlotChart';
import './metrics.css';

const WINDOWS = [
  { id: 'all', name: 'All time', ms: null },
  { id: '1h', name: 'Last hour', ms: 3_600_000 },
  { id: '24h', name: 'Last 24 hours', ms: 86_400_000 },
  { id: '7d', name: 'Last 7 days', ms: 7 * 86_400_000 },
  { id: '30d', name: 'Last 30 days', ms: 30 * 86_400_000 },
] as const;
type WindowId = (typeof WINDOWS)[number]['id'];

const SPEND = {
  costUsd: { name: 'Cost', unit: 'dollars', format: formatCost },
  tokens: { name: 'Tokens', unit: 'tokens', format: (n: number) => `${formatTokens(n)} tok` },
  wallMs: { name: 'Agent time', unit: 'agent time', format: formatDuration },
} as const;
type SpendKey = keyof typeof SPEND;

export interface MetricsViewProps {
  fold: MetricsFold;
  /** The fold's version: a new one means new facts. */
  version: number;
  flows: ReadonlyArray<{ flowId: FlowId; name: string }>;
  /** A step's name in its flow now, so a renamed step reads by its new name. */
  stepLabel?: StepLabelNow;
  /** The flow on the canvas: what the view shows first, and what the empty state's button runs. */
  flow: { flowId: FlowId; name: string };
  modelName: (modelId: string) => string;
  /** The time now, for windows like "last hour". */
  now: number;
  onOpenRun: (run: { runId: RunId; flowId: FlowId }) => void;
  onRunFlow: () => void;
}

/** How each run reads in a sentence: "Run 3 of Release checks". Numbered per flow, as the Runs list does. */
function runNumbers(fold: MetricsFold): Map<RunId, number> {
  const perFlow = new Map<string, number>();
  const out = new Map<RunId, number>();
  for (const run of fold.order) {
    const n = (perFlow.get(run.flowId) ?? 0) + 1;
    perFlow.set(run.flowId, n);
    out.set(run.runId, n);
  }
  return out;
}

/**
 * The metrics of the runs in a window, of one flow or all: headline figures, plots of runs over
 * time (click a point to open its run), spend by model, and a sortable table of steps.
 */
export function MetricsView({
  fold,
  version,
  flows,
  stepLabel,
  flow,
  modelName,
  now,
  onOpenRun,
  onRunFlow,
}: MetricsViewProps) {
  const [flowChoice, setFlowChoice] = useState<string>(flow.flowId);
  const [windowId, setWindowId] = useState<WindowId>('all');
  const [spendKey, setSpendKey] = useState<SpendKey>('wallMs');
  const span = WINDOWS.find((w) => w.id === windowId)?.ms ?? null;
  const filter = useMemo<MetricsFilter>(
    () => ({
      ...(flowChoice !== '' ? { flowId: flowChoice as FlowId } : {}),
      ...(span !== null ? { from: now - span } : {}),
    }),
    [flowChoice, span, now],
  );
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the fold changes in place; its version says when
  const metrics = useMemo(() => metricsOver(fold, filter, stepLabel), [fold, version, filter, stepLabel]);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const numbers = useMemo(() => runNumbers(fold), [fold, version]);
  const flowNames = useMemo(() => new Map<string, string>(flows.map((f) => [f.flowId, f.name])), [flows]);
  const runName = (runId: RunId, flowId: FlowId) =>
    `Run ${numbers.get(runId) ?? '?'}${flowChoice === '' ? ` of ${flowNames.get(flowId) ?? 'another flow'}` : ''}`;

  return (
    <div className="metrics">
      <div className="metrics__filters">
        <label>
          Flow{' '}
          <select value={flowChoice} onChange={(e) => setFlowChoice(e.target.value)}>
            {flows.map((f) => (
              <option key={f.flowId} value={f.flowId}>
                {f.name}
              </option>
            ))}
            <option value="">All flows</option>
          </select>
        </label>
        <label>
          Window{' '}
          <select value={windowId} onChange={(e) => setWindowId(e.target.value as WindowId)}>
            {WINDOWS.map((w) => (
              <option key={w.id} value={w.id}>
                {w.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      {metrics.started === 0 ? (
        <div className="metrics__empty">
          <p>Run a flow to see its metrics</p>
          {fold.order.length > 0 && (
            <p className="muted">
              No runs of this choice in the window: pick a wider window or another flow, or run this one.
            </p>
          )}
          <button type="button" className="button primary" onClick={onRunFlow}>
            Run {flow.name}
          </button>
        </div>
      ) : (
        <>
          <Figures metrics={metrics} />
          <RunCharts metrics={metrics} runName={runName} onOpenRun={onOpenRun} spendKey={spendKey} />
          <div className="metrics__spend-choice">
            <span className="metrics-section-title">Spend</span>
            <div role="group" aria-label="Spend measure" className="metrics__toggle">
              {(Object.keys(SPEND) as SpendKey[]).map((key) => (
                <button
                  key={key}
                  type="button"
                  className="button small ghost"
                  aria-pressed={spendKey === key}
                  onClick={() => setSpendKey(key)}
                >
                  {SPEND[key].name}
                </button>
              ))}
            </div>
          </div>
          <SpendCharts
            metrics={metrics}
            runName={runName}
            onOpenRun={onOpenRun}
            spendKey={spendKey}
            modelName={modelName}
          />
          <StepTable steps={metrics.steps} flowNames={flowChoice === '' ? flowNames : null} />
        </>
      )}
    </div>
  );
}

function Figure({ name, value, detail }: { name: string; value: string; detail: string }) {
  return (
    <div className="metrics-figure" role="group" aria-label={name}>
      <span className="metrics-figure__name">{name}</span>
      <span className="metrics-figure__value">{value}</span>
      <span className="metrics-figure__detail muted">{detail}</span>
    </div>
  );
}

function Figures({ metrics: m }: { metrics: Metrics }) {
  const finished = m.succeeded + m.failed;
  return (
    <div className="metrics-figures">
      <Figure
        name="Completion rate"
        value={formatRate(m.completionRate)}
        detail={`${m.succeeded} of ${finished} finished succeeded${m.running > 0 ? ` · ${m.running} running` : ''}`}
      />
      <Figure
        name="Runs"
        value={formatPerDay(m.runsPerDay)}
        detail={`${m.started} run${m.started === 1 ? '' : 's'} in the window`}
      />
      <Figure
        name="Run duration"
        value={m.durationMs ? `${formatDuration(m.durationMs.p50)}` : '—'}
        detail={m.durationMs ? `p50 · p95 ${formatDuration(m.durationMs.p95)}` : 'no run finished'}
      />
      <Figure
        name="Efficiency"
        value={formatRate(m.efficiency.rate)}
        detail={`${m.efficiency.needed} needed of ${m.efficiency.calls} agent calls`}
      />
      <Figure
        name="Recovery rate"
        value={formatRate(m.recovery.rate)}
        detail={
          m.recovery.failures === 0
            ? 'no failures'
            : `${m.recovery.recovered} of ${m.recovery.failures} failures resolved`
        }
      />
      <Figure
        name="Gate approval"
        value={formatRate(m.gates.rate)}
        detail={
          m.gates.reviewed === 0
            ? 'no gate reviewed'
            : `${m.gates.approvedFirst} of ${m.gates.reviewed} on first review`
        }
      />
      <Figure
        name="Spend"
        value={formatCost(m.spend.costUsd)}
        detail={`${formatTokens(m.spend.tokens)} tokens · ${formatDuration(m.spend.wallMs)} agent time`}
      />
    </div>
  );
}

interface ChartsProps {
  metrics: Metrics;
  runName: (runId: RunId, flowId: FlowId) => string;
  onOpenRun: MetricsViewProps['onOpenRun'];
  spendKey: SpendKey;
}

const clock = (ms: number) =>
  new Date(ms).toLocaleString(undefined, {
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });

function RunCharts({ metrics, runName, onOpenRun }: ChartsProps) {
  const durations = useMemo(() => {
    const xs = metrics.runs.map((r) => r.startedAt);
    const ok = metrics.runs.map((r) => (r.status === 'succeeded' ? (r.durationMs ?? null) : null));
    const bad = metrics.runs.map((r) => (r.status === 'failed' ? (r.durationMs ?? null) : null));
    return [xs, ok, bad] as [number[], (number | null)[], (number | null)[]];
  }, [metrics]);
  // Days as named bars: a time axis would squeeze one day's bar against its edge.
  const days = useMemo(
    () =>
      [metrics.days.map((_d, i) => i), metrics.days.map((d) => d.succeeded), metrics.days.map((d) => d.failed)] as [
        number[],
        number[],
        number[],
      ],
    [metrics],
  );
  const dayNames = useMemo(
    () =>
      metrics.days.map((d) =>
        new Date(d.day).toLocaleDateString(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' }),
      ),
    [metrics],
  );
  const durationSeries: ChartSeries[] = [
    { label: 'Succeeded', color: '--ok', format: formatDuration, kind: 'points' },
    { label: 'Failed', color: '--danger', format: formatDuration, kind: 'points' },
  ];
  const daySeries: ChartSeries[] = [
    { label: 'Succeeded', color: '--ok', format: (n) => `${Math.round(n)} runs`, kind: 'bars', align: -1 },
    { label: 'Failed', color: '--danger', format: (n) => `${Math.round(n)} runs`, kind: 'bars', align: 1 },
  ];
  const describeRun = (i: number) => {
    const r = metrics.runs[i];
    if (!r) return '';
    return `${runName(r.runId, r.flowId)} · ${r.status} · ${r.durationMs !== undefined ? formatDuration(r.durationMs) : 'still going'} · started ${clock(r.startedAt)}`;
  };
  const pick = (i: number) => {
    const r = metrics.runs[i];
    if (r) onOpenRun(r);
  };
  return (
    <div className="metrics-charts">
      <UPlotChart
        title="Run duration, run by run"
        data={durations}
        series={durationSeries}
        x={{ time: true }}
        describe={describeRun}
        onPick={pick}
      />
      <UPlotChart
        title="Runs per day (UTC)"
        data={days}
        series={daySeries}
        x={{ categories: dayNames }}
        describe={(i) =>
          metrics.days[i]
            ? `${dayNames[i]} · ${metrics.days[i].started} started, ${metrics.days[i].succeeded} succeeded, ${metrics.days[i].failed} failed`
            : ''
        }
      />
    </div>
  );
}

function SpendCharts({
  metrics,
  runName,
  onOpenRun,
  spendKey,
  modelName,
}: ChartsProps & { modelName: (id: string) => string }) {
  const measure = SPEND[spendKey];
  const perRun = useMemo(
    () => [metrics.runs.map((r) => r.startedAt), metrics.runs.map((r) => r[spendKey])] as [number[], number[]],
    [metrics, spendKey],
  );
  const models = useMemo(
    () => [...metrics.models].sort((a, b) => b[spendKey] - a[spendKey]).slice(0, 12),
    [metrics, spendKey],
  );
  const perModel = useMemo(
    () => [models.map((_m, i) => i), models.map((m) => m[spendKey])] as [number[], number[]],
    [models, spendKey],
  );
  const names = useMemo(() => models.map((m) => modelName(m.modelId)), [models, modelName]);
  return (
    <div className="metrics-charts">
      <UPlotChart
        title={`${measure.name} per run`}
        data={perRun}
        series={[{ label: measure.name, color: '--accent', format: measure.format, kind: 'line' }]}
        x={{ time: true }}
        describe={(i) =>
          metrics.runs[i]
            ? `${runName(metrics.runs[i].runId, metrics.runs[i].flowId)} · ${measure.format(metrics.runs[i][spendKey])} · started ${clock(metrics.runs[i].startedAt)}`
            : ''
        }
        onPick={(i) => metrics.runs[i] && onOpenRun(metrics.runs[i])}
      />
      <UPlotChart
        title={`${measure.name} by model`}
        data={perModel}
        series={[{ label: measure.name, color: '--reverse', format: measure.format, kind: 'bars' }]}
        x={{ categories: names }}
        describe={(i) =>
          models[i]
            ? `${names[i]} · ${measure.format(models[i][spendKey])} · ${models[i].calls} calls, ${models[i].failedCalls} failed`
            : ''
        }
      />
    </div>
  );
}
