import { useMemo, useState } from 'react';
import type { StepSummary } from '../../core/metrics/metricsQuery';
import { formatDuration } from '../format';
import { formatCost, formatTokens } from '../runs/spendFormat';
import { formatRate } from './metricsFormat';
import { Sparkline } from './Sparkline';

type SortKey = 'label' | 'calls' | 'p50' | 'p95' | 'failureRate' | 'tokens' | 'costUsd' | 'wallMs';

const COLUMNS: ReadonlyArray<{ key: SortKey; title: string; numeric: boolean }> = [
  { key: 'label', title: 'Step', numeric: false },
  { key: 'calls', title: 'Calls', numeric: true },
  { key: 'p50', title: 'p50', numeric: true },
  { key: 'p95', title: 'p95', numeric: true },
  { key: 'failureRate', title: 'Failed', numeric: true },
  { key: 'tokens', title: 'Tokens', numeric: true },
  { key: 'costUsd', title: 'Cost', numeric: true },
  { key: 'wallMs', title: 'Agent time', numeric: true },
];

const valueOf = (s: StepSummary, key: SortKey): number | string => {
  if (key === 'label') return s.label.toLowerCase();
  if (key === 'p50' || key === 'p95') return s.latencyMs?.[key] ?? -1;
  if (key === 'failureRate') return s.failureRate ?? -1;
  return s[key];
};

/**
 * Each step over the window: calls, latency p50/p95 (first agent sent to last resolved), the share
 * of calls that failed, spend, and its latency run after run. Sorted by any column (click its head).
 */
export function StepTable({
  steps,
  flowNames,
}: {
  steps: readonly StepSummary[];
  flowNames: ReadonlyMap<string, string> | null;
}) {
  const [sort, setSort] = useState<{ key: SortKey; down: boolean }>({ key: 'p95', down: true });
  const rows = useMemo(() => {
    const list = steps.filter((s) => s.calls > 0);
    return list.sort((a, b) => {
      const x = valueOf(a, sort.key);
      const y = valueOf(b, sort.key);
      const order = x < y ? -1 : x > y ? 1 : 0;
      return sort.down ? -order : order;
    });
  }, [steps, sort]);
  if (rows.length === 0) return <p className="muted">No step sent an agent in this window.</p>;
  return (
    <div className="metrics-steps__scroll">
      <table className="metrics-steps">
        <caption className="metrics-section-title">Steps</caption>
        <thead>
          <tr>
            {COLUMNS.map((c) => (
              <th
                key={c.key}
                scope="col"
                className={c.numeric ? 'is-numeric' : undefined}
                aria-sort={sort.key === c.key ? (sort.down ? 'descending' : 'ascending') : 'none'}
              >
                <button
                  type="button"
                  className="metrics-steps__sort"
                  onClick={() => setSort((s) => ({ key: c.key, down: s.key === c.key ? !s.down : c.numeric }))}
                >
                  {c.title}
                  <span aria-hidden="true">{sort.key === c.key ? (sort.down ? ' ▾' : ' ▴') : ''}</span>
                </button>
              </th>
            ))}
            <th scope="col">Latency, run by run</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((s) => (
            <tr key={`${s.flowId}/${s.stepId}`}>
              <th scope="row">
                {s.label}
                {flowNames && (
                  <span className="muted metrics-steps__flow"> · {flowNames.get(s.flowId) ?? 'another flow'}</span>
                )}
              </th>
              <td className="is-numeric">{s.calls}</td>
              <td className="is-numeric">{s.latencyMs ? formatDuration(s.latencyMs.p50) : '—'}</td>
              <td className="is-numeric">{s.latencyMs ? formatDuration(s.latencyMs.p95) : '—'}</td>
              <td className={`is-numeric ${s.failedCalls > 0 ? 'metrics-bad' : ''}`}>{formatRate(s.failureRate)}</td>
              <td className="is-numeric">{formatTokens(s.tokens)}</td>
              <td className="is-numeric">{formatCost(s.costUsd)}</td>
              <td className="is-numeric">{formatDuration(s.wallMs)}</td>
              <td>
                <Sparkline series={s.series} label={`${s.label}: latency over ${s.series.length} runs`} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
