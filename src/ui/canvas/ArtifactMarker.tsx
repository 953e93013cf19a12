import { useLayoutEffect, useRef } from 'react';
import {
  ARRIVAL_MS,
  HIGHLIGHT_OPACITY,
  arrivalKeyframes,
  prefersReducedMotion,
  travelKeyframes,
  travelMs,
  tripOpacity,
} from './markerTrip';

/**
 * One artifact on its way along an edge. The trip is a Web Animation started when the marker
 * mounts (keyed by the event that set it off), so each marker runs from its own start, many at
 * once, in the browser's animation clock: React renders it once and never per frame.
 */
export function ArtifactMarker({ path }: { path: string }) {
  const mover = useRef<SVGGElement>(null);
  const dot = useRef<SVGCircleElement>(null);
  useLayoutEffect(() => {
    if (!mover.current || !dot.current) return;
    const still = prefersReducedMotion();
    const duration = travelMs();
    const trip = mover.current.animate(still ? arrivalKeyframes(path) : travelKeyframes(path), {
      duration,
      easing: 'ease-in-out',
      fill: 'both',
    });
    const glow = dot.current.animate(still ? HIGHLIGHT_OPACITY : tripOpacity(duration / (duration + ARRIVAL_MS)), {
      duration: duration + ARRIVAL_MS,
      fill: 'both',
    });
    return () => {
      trip.cancel();
      glow.cancel();
    };
    // The trip follows the edge as it was when the artifact set off; a later re-render does not restart it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return (
    <g ref={mover} className="artifact-marker" aria-label="artifact moving along edge" role="img">
      <circle ref={dot} r={6} />
    </g>
  );
}
