/** 87 %, 99.5 %, or a dash when there was nothing to count. */
export function formatRate(rate: number | null): string {
  if (rate === null) return '—';
  const pct = rate * 100;
  return `${pct === 100 || pct === 0 || pct >= 10 ? Math.round(pct) : pct.toFixed(1)} %`;
}

/** 3.2 a day, 140 a day. */
export function formatPerDay(n: number | null): string {
  if (n === null) return '—';
  return `${n >= 10 ? Math.round(n) : n.toFixed(1)} a day`;
}

/** Reduces a series to at most `buckets` points (the mean of each bucket): a sparkline of 10,000 runs stays cheap. */
export function downsample(values: readonly number[], buckets: number): number[] {
  if (values.length <= buckets) return [...values];
  const out: number[] = [];
  for (let b = 0; b < buckets; b++) {
    const from = Math.floor((b * values.length) / buckets);
    const to = Math.floor(((b + 1) * values.length) / buckets);
    let sum = 0;
    for (let i = from; i < to; i++) sum += values[i] as number;
    out.push(sum / Math.max(1, to - from));
  }
  return out;
}
