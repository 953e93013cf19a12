import { downsample } from './metricsFormat';

/** A step's latency run after run, as a line in the text's colour (so it reads in light and dark). */
export function Sparkline({ values, label }: { values: readonly number[]; label: string }) {
  const width = 96;
  const height = 22;
  if (values.length === 0) return <span className="muted">—</span>;
  const points = downsample(values, 48);
  const max = Math.max(...points, 1);
  const step = points.length > 1 ? width / (points.length - 1) : 0;
  const path = points.map((v, i) => `${(i * step).toFixed(1)},${(height - 2 - (v / max) * (height - 4)).toFixed(1)}`).join(' ');
  return (
    <svg className="metrics-sparkline" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label}>
      {points.length === 1 ? <circle cx={width / 2} cy={height / 2} r={2} /> : <polyline points={path} />}
    </svg>
  );
}
