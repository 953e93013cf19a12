import { Position, type NodeHandle } from '@xyflow/react';
import { REBUILD_FROM_HANDLE, REBUILD_TO_HANDLE, type StepNode, type StepNodeData } from './canvasTypes';
import { STEP_WIDTH } from './levelOfDetail';

/**
 * Where a step's handles will be once it is drawn (StepNodeView's layout in stepNode.css and
 * app.css: the first port row's handle 57 px down, then one row every 22 px; a row of settings
 * badges pushes them 18 px lower), for a step React Flow has not measured yet.
 *
 * Why: React Flow draws every node whose handles it has never measured, wherever it is, to
 * measure it. A big flow leaving the overview would mount and measure all its steps at once (and
 * then unmount those out of view), several seconds of work at 5,000 steps. With these estimates
 * only the steps in view are drawn; each is measured when it scrolls into view, and the estimate
 * is dropped then (dropMeasuredEstimates), so the edges meet the handles where they really are.
 */
export function estimatedHandles(data: StepNodeData): NodeHandle[] {
  const top = 57 + (data.badges.length > 0 ? 18 : 0);
  const size = 10;
  const handles: NodeHandle[] = [
    ...data.inputs.map((p, i): NodeHandle => ({
      id: p.name,
      type: 'target',
      position: Position.Left,
      x: -11,
      y: top + i * 22,
      width: size,
      height: size,
    })),
    ...data.outputs.map((p, i): NodeHandle => ({
      id: p.name,
      type: 'source',
      position: Position.Right,
      x: STEP_WIDTH + 1,
      y: top + i * 22,
      width: size,
      height: size,
    })),
  ];
  if (data.rebuildTo)
    handles.push({
      id: REBUILD_TO_HANDLE,
      type: 'target',
      position: Position.Top,
      x: STEP_WIDTH * 0.35 - 3,
      y: -3,
      width: 6,
      height: 6,
    });
  if (data.rebuildFrom)
    handles.push({
      id: REBUILD_FROM_HANDLE,
      type: 'source',
      position: Position.Top,
      x: STEP_WIDTH * 0.65 - 3,
      y: -3,
      width: 6,
      height: 6,
    });
  return handles;
}

/**
 * React Flow prefers a node's given handles over the ones it measured; once a step has been
 * measured its estimate goes, so its measured handles count. Returns `nodes` itself when no
 * measured step still carries an estimate.
 */
export function dropMeasuredEstimates(nodes: StepNode[]): StepNode[] {
  if (!nodes.some((n) => n.handles && n.measured)) return nodes;
  return nodes.map((n) => {
    if (!n.handles || !n.measured) return n;
    const { handles: _estimate, ...measured } = n;
    return measured;
  });
}
