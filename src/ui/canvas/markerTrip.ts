import { uiStore } from '../../app/uiStore';

/** Milliseconds an artifact takes to travel an edge: long enough to follow by eye, short enough not to wait for. */
export const TRAVEL_MS = 800;
/** After arriving, the marker stays this long at the target port, fading, before it is taken away. */
export const ARRIVAL_MS = 150;
/** The quickest trip, whatever the playback speed: any faster and the eye sees a blink, not a trip. */
const QUICKEST_MS = 300;

/**
 * How long a trip setting off now takes. A run played back at a speed plays its trips at that
 * speed too (slow motion shows them slowly), never quicker than the eye can follow.
 */
export function travelMs(): number {
  const { playing, speed } = uiStore.getState();
  return playing && speed > 0 ? Math.max(QUICKEST_MS, TRAVEL_MS / speed) : TRAVEL_MS;
}

/** Points sampled along the edge: enough that the marker follows the curve, few enough to build at once. */
const SAMPLES = 24;

const SVG_NS = 'http://www.w3.org/2000/svg';
let ruler: SVGPathElement | null = null;

/**
 * Where the marker is at each moment of its trip, as translate keyframes evenly spaced along the
 * edge's path. A detached path element measures the curve: nothing is laid out or painted.
 */
export function travelKeyframes(path: string): Keyframe[] {
  return pointsAlong(path, SAMPLES).map(translate);
}

/** Where the edge ends: with reduced motion the marker does not travel, it lights up at the target. */
export function arrivalKeyframes(path: string): Keyframe[] {
  const end = translate(pointsAlong(path, 1)[1] as DOMPoint);
  // Two frames, both at the end: one alone would be animated from where the group was drawn.
  return [end, end];
}

/** `intervals + 1` points from the path's start to its end, evenly spaced by length. */
function pointsAlong(path: string, intervals: number): DOMPoint[] {
  const measure = (ruler ??= document.createElementNS(SVG_NS, 'path'));
  measure.setAttribute('d', path);
  const length = measure.getTotalLength();
  return Array.from({ length: intervals + 1 }, (_, i) => measure.getPointAtLength((length * i) / intervals));
}

const translate = (point: DOMPoint): Keyframe => ({ transform: `translate(${point.x}px, ${point.y}px)` });

/** Fades in as it leaves, stays visible on the way, fades once it has arrived (after `travel` of the whole). */
export function tripOpacity(travel: number): Keyframe[] {
  return [{ opacity: 0 }, { opacity: 1, offset: 0.05 }, { opacity: 1, offset: travel }, { opacity: 0 }];
}

/** With reduced motion: a brief glow at the target port instead of a trip. */
export const HIGHLIGHT_OPACITY: Keyframe[] = [
  { opacity: 0, transform: 'scale(0.6)' },
  { opacity: 1, transform: 'scale(1.4)', offset: 0.3 },
  { opacity: 1, transform: 'scale(1)', offset: 0.7 },
  { opacity: 0 },
];

export function prefersReducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}
