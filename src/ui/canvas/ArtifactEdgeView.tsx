import { BaseEdge, getBezierPath, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import { ArtifactMarker } from './ArtifactMarker';
import type { ArtifactEdge } from './canvasTypes';

/**
 * An edge that shows whether its artifact exists in the shown run, and animates a marker along
 * its path each time a new artifact sets off (a new marker per artifact, so each starts its own trip).
 */
function ArtifactEdgeViewImpl({
  id,
  sourceX,
  sourceY,
  targetX,
  targetY,
  sourcePosition,
  targetPosition,
  data,
  selected,
}: EdgeProps<ArtifactEdge>) {
  const [path] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const carrying = data?.carrying ?? false;
  const inactive = data?.inactive ?? false;
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        className={`artifact-edge ${carrying ? 'is-carrying' : ''} ${inactive ? 'is-inactive' : ''} ${selected ? 'is-selected' : ''}`}
      />
      {data?.pulse != null && <ArtifactMarker key={data.pulse} path={path} />}
    </>
  );
}

export const ArtifactEdgeView = memo(ArtifactEdgeViewImpl);
