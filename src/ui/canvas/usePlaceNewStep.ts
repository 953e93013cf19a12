import { useReactFlow } from '@xyflow/react';
import { useCallback, useRef } from 'react';
import type { FlowDefinition, ProjectDefinitions } from '../../core/project/projectState';
import { uiStore } from '../../app/uiStore';
import { useCommand } from '../useCommand';
import type { CanvasEdge, StepNode } from './canvasTypes';
import { stepRect } from './canvasGeometry';
import { freeSpotNear, type Rect } from './freeSpot';
import { STEP_WIDTH, estimateStepHeight } from './levelOfDetail';

/** How far right of the selected step a new one is asked for: the space between two layers. */
const NEXT_TO = 90;

/**
 * Adds a step of a model in free space, never on top of another step: where it was dropped, or
 * right of the selected step, or at the centre of the view, moved to the nearest free spot.
 * Steps this hook placed whose event has not come back yet count too, so quick adds never stack.
 */
export function usePlaceNewStep(
  flow: FlowDefinition,
  defs: ProjectDefinitions,
): (modelId: string, droppedAt?: { x: number; y: number }) => Promise<void> {
  const { getNodes, getNode, screenToFlowPosition } = useReactFlow<StepNode, CanvasEdge>();
  const execute = useCommand();
  const pending = useRef<Array<{ flowId: string; rect: Rect; stepId?: string }>>([]);
  return useCallback(
    async (modelId: string, droppedAt?: { x: number; y: number }) => {
      const model = defs.models.get(modelId as never);
      const size = {
        width: STEP_WIDTH,
        height: estimateStepHeight(Math.max(model?.inputs.length ?? 0, model?.outputs.length ?? 0)),
      };
      const nodes = getNodes();
      const drawn = new Set(nodes.map((n) => n.id));
      pending.current = pending.current.filter((p) => p.stepId === undefined || !drawn.has(p.stepId));
      const waiting = pending.current.filter((p) => p.flowId === flow.flowId);
      const rects = [...nodes.map(stepRect), ...waiting.map((p) => p.rect)];
      const spot = freeSpotNear(rects, size, droppedAt ?? preferredSpot());
      const placed: { flowId: string; rect: Rect; stepId?: string } = {
        flowId: flow.flowId,
        rect: { ...spot, ...size },
      };
      pending.current.push(placed);
      const result = await execute({ type: 'addStep', flowId: flow.flowId, modelId, position: spot });
      if (result.ok && typeof result.createdId === 'string') placed.stepId = result.createdId;
      else pending.current = pending.current.filter((p) => p !== placed);

      function preferredSpot(): { x: number; y: number } {
        const selection = uiStore.getState().selection;
        const selected = selection?.kind === 'step' ? getNode(selection.id) : undefined;
        if (selected) {
          const r = stepRect(selected);
          return { x: r.x + r.width + NEXT_TO, y: r.y };
        }
        const pane = document.querySelector('.canvas')?.getBoundingClientRect();
        const centre = pane
          ? screenToFlowPosition({ x: pane.left + pane.width / 2, y: pane.top + pane.height / 2 })
          : { x: 0, y: 0 };
        return { x: centre.x - size.width / 2, y: centre.y - size.height / 2 };
      }
    },
    [defs.models, execute, flow.flowId, getNode, getNodes, screenToFlowPosition],
  );
}
