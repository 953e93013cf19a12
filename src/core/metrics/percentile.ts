/** The nearest-rank percentile (0 < p ≤ 1) of values sorted ascending; the list must not be empty. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[rank - 1] as number;
}

/** part ÷ whole, or null when there is nothing to divide by (so "no runs" never reads as 0 %). */
export const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);
