import { useCallback, type MouseEvent } from 'react';
import type { FlowDefinition, ProjectDefinitions } from '../../core/project/projectState';
import type { RunId, StepId } from '../../core/ids';
import { newestRunOf, subflowRunOf } from '../../core/run/runTree';
import { openFlow, showRun, uiStore } from '../../app/uiStore';
import { useProjectView } from '../../app/useProjectSession';
import { kindsOf } from '../../app/kinds';

/**
 * Double-clicking a sub-flow step opens the flow it runs (with a way back), showing the run that
 * step started in the shown run, if it started one. Listened for around the canvas, by the step's
 * `data-id`, so the canvas itself needs no knowledge of sub-flows.
 */
export function useSubflowOpener(
  flow: FlowDefinition | undefined,
  defs: ProjectDefinitions,
): (event: MouseEvent) => void {
  const runs = useProjectView((v) => v.runs);
  return useCallback(
    (event: MouseEvent) => {
      if (!flow || !(event.target instanceof Element)) return;
      const stepId = event.target.closest('.react-flow__node')?.getAttribute('data-id');
      const step = stepId ? flow.steps.get(stepId as never) : undefined;
      const model = step ? defs.models.get(step.modelId) : undefined;
      const inner = model ? kindsOf(defs).of(model)?.flowOf?.(model) : undefined;
      if (inner === undefined || !defs.flows.has(inner)) return;
      event.preventDefault();
      const pinned = uiStore.getState().runId;
      const shown = pinned !== null ? runs.runs.get(pinned as RunId) : newestRunOf(runs, flow.flowId);
      const child = shown ? subflowRunOf(runs, shown.runId, stepId as StepId) : undefined;
      openFlow(inner, flow.flowId);
      if (child?.flowId === inner) showRun(child.runId);
    },
    [flow, defs, runs],
  );
}
