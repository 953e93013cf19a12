export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Room kept around every step, so a new one never touches its neighbours. */
export const STEP_GAP = 24;
/** The search moves in steps of this many pixels, ring by ring around the preferred spot. */
const GRID = 24;
const MAX_RINGS = 60;

const overlaps = (a: Rect, b: Rect, gap: number): boolean =>
  a.x < b.x + b.width + gap && b.x < a.x + a.width + gap && a.y < b.y + b.height + gap && b.y < a.y + a.height + gap;

/**
 * The top-left corner nearest to `preferred` where a box of `size` fits without overlapping any
 * of `rects` (keeping `gap` around each). The preferred spot itself when it is free; otherwise the
 * candidates are tried ring by ring on a grid around it, nearest first, so a new step lands close
 * to where it was asked for. Pure: the same rects and spot always give the same answer.
 */
export function freeSpotNear(
  rects: readonly Rect[],
  size: { width: number; height: number },
  preferred: { x: number; y: number },
  gap = STEP_GAP,
): { x: number; y: number } {
  const fits = (x: number, y: number) => !rects.some((r) => overlaps({ x, y, ...size }, r, gap));
  const at = { x: Math.round(preferred.x), y: Math.round(preferred.y) };
  if (fits(at.x, at.y)) return at;
  for (let ring = 1; ring <= MAX_RINGS; ring++) {
    const candidates: Array<{ x: number; y: number; d: number }> = [];
    for (let i = -ring; i <= ring; i++) {
      for (const [dx, dy] of [
        [i, -ring],
        [i, ring],
        [-ring, i],
        [ring, i],
      ] as const) {
        const x = at.x + dx * GRID;
        const y = at.y + dy * GRID;
        candidates.push({ x, y, d: Math.hypot(dx, dy) });
      }
    }
    // Nearest first; among equals, rightwards then downwards (a flow reads left to right).
    candidates.sort((a, b) => a.d - b.d || b.x - a.x || b.y - a.y);
    const free = candidates.find((c) => fits(c.x, c.y));
    if (free) return { x: free.x, y: free.y };
  }
  // Nowhere near is free (an enormous, dense flow): go right of everything.
  return { x: Math.max(...rects.map((r) => r.x + r.width)) + gap, y: at.y };
}
