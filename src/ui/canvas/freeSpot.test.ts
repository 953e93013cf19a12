import { describe, expect, it } from 'vitest';
import { STEP_GAP, freeSpotNear, type Rect } from './freeSpot';

const size = { width: 200, height: 86 };
const clear = (a: Rect, b: Rect) =>
  a.x + a.width + STEP_GAP <= b.x ||
  b.x + b.width + STEP_GAP <= a.x ||
  a.y + a.height + STEP_GAP <= b.y ||
  b.y + b.height + STEP_GAP <= a.y;

describe('freeSpotNear', () => {
  it('takes the preferred spot when nothing is there', () => {
    expect(freeSpotNear([{ x: 0, y: 0, width: 200, height: 86 }], size, { x: 400.4, y: 10 })).toEqual({
      x: 400,
      y: 10,
    });
  });

  it('moves off a step that is in the way, to a spot close by', () => {
    const rects = [{ x: 0, y: 0, width: 200, height: 86 }];
    const spot = freeSpotNear(rects, size, { x: 10, y: 10 });
    expect(clear({ ...spot, ...size }, rects[0] as Rect)).toBe(true);
    expect(Math.hypot(spot.x - 10, spot.y - 10)).toBeLessThan(260);
  });

  it('six adds at the same spot, each seeing the ones before, overlap nothing', () => {
    const rects: Rect[] = [];
    for (let i = 0; i < 6; i++) rects.push({ ...freeSpotNear(rects, size, { x: 100, y: 100 }), ...size });
    for (const [i, a] of rects.entries()) for (const b of rects.slice(i + 1)) expect(clear(a, b)).toBe(true);
  });

  it('is deterministic', () => {
    const rects = [{ x: 0, y: 0, width: 300, height: 300 }];
    expect(freeSpotNear(rects, size, { x: 50, y: 50 })).toEqual(freeSpotNear(rects, size, { x: 50, y: 50 }));
  });
});
