import { useCallback, type MouseEvent } from 'react';
import type { FlowDefinition, ProjectDefinitions } from '../../core/project/projectState';
import { openFlow } from '../../app/uiStore';
import { kindsOf } from '../../app/kinds';

/**
 * Double-clicking a sub-flow step opens the flow it runs (with a way back). Listened for around
 * the canvas, by the step's `data-id`, so the canvas itself needs no knowledge of sub-flows.
 */
export function useSubflowOpener(flow: FlowDefinition | undefined, defs: ProjectDefinitions): (event: MouseEvent) => void {
  return useCallback(
    (event: MouseEvent) => {
      if (!flow || !(event.target instanceof Element)) return;
      const stepId = event.target.closest('.react-flow__node')?.getAttribute('data-id');
      const step = stepId ? flow.steps.get(stepId as never) : undefined;
      const model = step ? defs.models.get(step.modelId) : undefined;
      const inner = model ? kindsOf(defs).of(model)?.flowOf?.(model) : undefined;
      if (inner === undefined || !defs.flows.has(inner)) return;
      event.preventDefault();
      openFlow(inner, flow.flowId);
    },
    [flow, defs],
  );
}
