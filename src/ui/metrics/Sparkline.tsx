import { memo, useMemo } from 'react';
import { downsample } from './metricsFormat';

const width = 96;
const height = 22;

/**
 * A step's latency run after run, as a line in the accent colour (so it reads in light and dark).
 * Memoised on its series: re-sorting the table does not draw it again.
 */
export const Sparkline = memo(function Sparkline({
  series,
  label,
}: {
  series: ReadonlyArray<{ latencyMs: number }>;
  label: string;
}) {
  const { points, path } = useMemo(() => {
    const points = downsample(
      series.map((p) => p.latencyMs),
      48,
    );
    const max = Math.max(...points, 1);
    const step = points.length > 1 ? width / (points.length - 1) : 0;
    return {
      points,
      path: points
        .map((v, i) => `${(i * step).toFixed(1)},${(height - 2 - (v / max) * (height - 4)).toFixed(1)}`)
        .join(' '),
    };
  }, [series]);
  if (points.length === 0) return <span className="muted">—</span>;
  return (
    <svg
      className="metrics-sparkline"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={label}
    >
      {points.length === 1 ? <circle cx={width / 2} cy={height / 2} r={2} /> : <polyline points={path} />}
    </svg>
  );
});
