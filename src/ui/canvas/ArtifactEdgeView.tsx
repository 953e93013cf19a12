import { BaseEdge, getBezierPath, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import type { ArtifactEdge } from './canvasTypes';

/** Milliseconds an artifact takes to travel an edge: long enough to see, short enough not to wait for. */
export const TRAVEL_MS = 900;

/**
 * An edge that shows whether its artifact exists in the shown run, and animates a marker along
 * its path each time a new artifact sets off. The marker is SVG animateMotion: the browser runs
 * it off the React render path.
 */
function ArtifactEdgeViewImpl({ id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, selected }: EdgeProps<ArtifactEdge>) {
  const [path] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const carrying = data?.carrying ?? false;
  const inactive = data?.inactive ?? false;
  return (
    <>
      <BaseEdge id={id} path={path} className={`artifact-edge ${carrying ? 'is-carrying' : ''} ${inactive ? 'is-inactive' : ''} ${selected ? 'is-selected' : ''}`} />
      {data?.pulse != null && (
        <g key={data.pulse} className="artifact-marker" aria-label="artifact moving along edge" role="img">
          <circle r={6}>
            <animateMotion dur={`${TRAVEL_MS}ms`} repeatCount="1" fill="freeze" path={path} />
          </circle>
        </g>
      )}
    </>
  );
}

export const ArtifactEdgeView = memo(ArtifactEdgeViewImpl);
