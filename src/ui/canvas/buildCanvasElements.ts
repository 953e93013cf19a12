import type { FlowDefinition, ProjectDefinitions } from '../../core/project/projectState';
import type { RunState } from '../../core/run/runState';
import type { ArtifactEdge, StepNode } from './canvasTypes';
import { STEP_WIDTH, estimateStepHeight } from './levelOfDetail';

/**
 * Projects a flow (and the run being shown) into React Flow nodes. Positions come from the log,
 * except for nodes the person is dragging right now, which keep their live position.
 */
export function buildNodes(flow: FlowDefinition, defs: ProjectDefinitions, run: RunState | undefined, previous: readonly StepNode[]): StepNode[] {
  const before = new Map(previous.map((n) => [n.id, n]));
  const nodes: StepNode[] = [];
  for (const step of flow.steps.values()) {
    const model = defs.models.get(step.modelId);
    const planned = run?.plan.steps.find((s) => s.stepId === step.stepId);
    const state = planned ? run?.steps.get(step.stepId) : undefined;
    const old = before.get(step.stepId);
    nodes.push({
      id: step.stepId,
      type: 'step',
      position: old?.dragging ? old.position : step.position,
      // Until measured (steps out of view never are), fitView and the overview use this size.
      initialWidth: STEP_WIDTH,
      initialHeight: estimateStepHeight(Math.max(model?.inputs.length ?? 0, model?.outputs.length ?? 0)),
      selected: old?.selected ?? false,
      ...(old?.dragging ? { dragging: true } : {}),
      // React Flow measures a node once, when its element resizes; a rebuilt node object must keep
      // that measurement or its handles (and so its edges) vanish until the next resize.
      ...(old?.measured ? { measured: old.measured } : {}),
      data: {
        label: step.label,
        modelName: model?.name ?? '',
        inputs: model?.inputs ?? [],
        outputs: model?.outputs ?? [],
        missingModel: !model,
        ...(state ? { status: state.status } : {}),
        ...(state?.reused ? { reused: true } : {}),
        ...(state?.reason !== undefined ? { reason: state.reason } : {}),
      },
    });
  }
  return nodes;
}

export function buildEdges(flow: FlowDefinition, run: RunState | undefined, pulses: ReadonlyMap<string, number>, previous: readonly ArtifactEdge[]): ArtifactEdge[] {
  const selected = new Set(previous.filter((e) => e.selected).map((e) => e.id));
  return [...flow.edges.values()].map((edge) => ({
    id: edge.edgeId,
    type: 'artifact',
    source: edge.source.stepId,
    sourceHandle: edge.source.port,
    target: edge.target.stepId,
    targetHandle: edge.target.port,
    selected: selected.has(edge.edgeId),
    ariaLabel: `Edge from ${flow.steps.get(edge.source.stepId)?.label ?? '?'} ${edge.source.port} to ${flow.steps.get(edge.target.stepId)?.label ?? '?'} ${edge.target.port}`,
    data: {
      carrying: run?.steps.get(edge.source.stepId)?.outputs[edge.source.port] !== undefined,
      pulse: pulses.get(edge.edgeId) ?? null,
    },
  }));
}
