import { BaseEdge, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import type { ReverseEdge } from './canvasTypes';

/**
 * A reverse (rebuild) edge: a dashed arc over the steps from the downstream artifact back to the
 * step it can rebuild, arrow at the rebuildable step, labelled "rebuild". Both ends are the hidden
 * handles on top of the nodes, so it never crosses the forward edges at the ports.
 */
function ReverseEdgeViewImpl({ id, sourceX, sourceY, targetX, targetY, data, markerEnd }: EdgeProps<ReverseEdge>) {
  const lift = Math.max(48, Math.abs(targetX - sourceX) * 0.22);
  const path = `M ${sourceX},${sourceY} C ${sourceX},${sourceY - lift} ${targetX},${targetY - lift} ${targetX},${targetY}`;
  // The cubic's midpoint (t = 0.5).
  const labelX = (sourceX + targetX) / 2;
  const labelY = (sourceY + targetY) / 2 - 0.75 * lift;
  const used = data?.used ?? false;
  return (
    <g data-testid="reverse-edge" data-used={used ? 'true' : undefined}>
      <BaseEdge
        id={id}
        path={path}
        className={`reverse-edge__path ${used ? 'is-used' : ''}`}
        {...(markerEnd ? { markerEnd } : {})}
        interactionWidth={0}
      />
      <text className="reverse-edge__label" x={labelX} y={labelY - 4} textAnchor="middle">
        rebuild
      </text>
      {data && <title>{`Rebuilt from output ${data.port}, given to the inverse model as ${data.as}`}</title>}
    </g>
  );
}

export const ReverseEdgeView = memo(ReverseEdgeViewImpl);
