import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useTheme } from '../../app/theme';

export interface ChartSeries {
  label: string;
  /** A theme variable (`--ok`), read when the chart is drawn, so it follows light and dark. */
  color: string;
  /** How a value reads on hover and on the axis, with its unit. */
  format: (value: number) => string;
  /** Points (one per run), a line through them, or bars. */
  kind: 'points' | 'line' | 'bars';
  /** Which y axis: 0 on the left, 1 on the right. */
  axis?: 0 | 1;
  /** For bars side by side: left of the tick, on it, right of it. */
  align?: -1 | 0 | 1;
}

export interface ChartProps {
  /** Names the chart for people who cannot see it. */
  title: string;
  /** `[xs, ...one array per series]`, xs ascending. */
  data: uPlot.AlignedData;
  series: ChartSeries[];
  /** Times (ms) on x, or the names of bars. */
  x: { time: true } | { categories: readonly string[] };
  height?: number;
  /** A sentence about the point under the cursor (its run, its values). */
  describe?: (index: number) => string;
  /** Clicking the plot picks the point nearest the cursor. */
  onPick?: (index: number) => void;
}

const cssVar = (name: string) => getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888';
const bars = (align: -1 | 0 | 1): uPlot.Series.PathBuilder | null =>
  uPlot.paths.bars?.({ size: align === 0 ? [0.6, 48] : [0.3, 24], align }) ?? null;
const noPath = () => null;
const short = (name: string) => (name.length > 14 ? `${name.slice(0, 13)}…` : name);

/**
 * A uPlot chart on a canvas: hover shows each series' value with its unit in the legend and a
 * sentence under the plot; a click picks the nearest point. Colours come from the theme's
 * variables and the chart is drawn again when the theme flips; it follows its box's width.
 */
export function UPlotChart({ title, data, series, x, height = 160, describe, onPick }: ChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const theme = useTheme();
  const [hovered, setHovered] = useState<number | null>(null);
  // Handlers change with every render; the chart reads the latest through refs instead of being rebuilt.
  const latest = useRef({ describe, onPick, data });
  useLayoutEffect(() => {
    latest.current = { describe, onPick, data };
  });
  const categories = 'categories' in x ? x.categories : null;
  const shape = `${theme}|${series.map((s) => `${s.label}:${s.kind}:${s.axis ?? 0}`).join(',')}|${categories?.join('\u0000') ?? 'time'}|${height}`;

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const text = cssVar('--muted');
    const grid = cssVar('--border');
    const axisFormat = (axis: 0 | 1) => series.find((s) => (s.axis ?? 0) === axis)?.format ?? String;
    const yAxis = (axis: 0 | 1): uPlot.Axis => ({
      scale: axis === 0 ? 'y' : 'y2',
      side: axis === 0 ? 3 : 1,
      stroke: text,
      grid: { show: axis === 0, stroke: grid, width: 1 },
      ticks: { stroke: grid, width: 1 },
      values: (_u, splits) => splits.map((v) => axisFormat(axis)(v)),
      size: 64,
    });
    const opts: uPlot.Options = {
      width: Math.max(120, el.clientWidth),
      height,
      ms: 1,
      scales: {
        x: categories ? { time: false, auto: false, range: () => [-0.5, categories.length - 0.5] } : { time: true },
        y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] },
        y2: { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] },
      },
      axes: [
        {
          stroke: text,
          grid: { show: false },
          ticks: { stroke: grid, width: 1 },
          // Names of bars lean, so that long ones do not run into each other.
          ...(categories
            ? {
                values: (_u: uPlot, splits: number[]) =>
                  splits.map((v) => (Number.isInteger(v) ? short(categories[v] ?? '') : '')),
                splits: () => categories.map((_c, i) => i),
                rotate: -35,
                size: 64,
              }
            : {}),
        },
        yAxis(0),
        ...(series.some((s) => s.axis === 1) ? [yAxis(1)] : []),
      ],
      series: [
        categories
          ? { label: 'item', value: (_u, v) => (v == null ? '—' : (categories[v] ?? '')) }
          : { label: 'time', value: '{YYYY}-{MM}-{DD} {HH}:{mm}:{ss}' },
        ...series.map((s): uPlot.Series => {
          const color = cssVar(s.color);
          return {
            label: s.label,
            scale: s.axis === 1 ? 'y2' : 'y',
            stroke: color,
            width: s.kind === 'points' ? 0 : 1.5,
            ...(s.kind === 'bars' ? { fill: color, paths: bars(s.align ?? 0) ?? noPath } : {}),
            ...(s.kind === 'points'
              ? { paths: noPath, points: { show: true, size: 6, fill: color, stroke: color } }
              : { points: { show: false } }),
            value: (_u, v) => (v == null ? '—' : s.format(v)),
          };
        }),
      ],
      // No series focus: focusing one dims the others, which redraws every point on each move.
      cursor: { points: { size: 9 } },
      legend: { live: true },
      hooks: {
        setCursor: [(u) => setHovered(u.cursor.idx ?? null)],
      },
    };
    const chart = new uPlot(opts, latest.current.data, el);
    plot.current = chart;
    const click = () => {
      const idx = chart.cursor.idx;
      if (idx !== null && idx !== undefined) latest.current.onPick?.(idx);
    };
    chart.over.addEventListener('click', click);
    const resize = new ResizeObserver(() => chart.setSize({ width: Math.max(120, el.clientWidth), height }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      chart.destroy();
      plot.current = null;
    };
    // Rebuilt only when its shape or the theme changes; new data goes through setData below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shape]);

  useEffect(() => {
    plot.current?.setData(data);
  }, [data]);

  const caption = hovered !== null && describe ? describe(hovered) : null;
  return (
    <figure className={`metrics-chart ${onPick ? 'is-pickable' : ''}`}>
      <figcaption className="metrics-chart__title">{title}</figcaption>
      <div ref={box} className="metrics-chart__plot" role="img" aria-label={title} />
      <p className="metrics-chart__hover muted" aria-live="off">
        {caption ?? (onPick ? 'Hover a point to read it; click it to open that run.' : 'Hover to read the values.')}
      </p>
    </figure>
  );
}
