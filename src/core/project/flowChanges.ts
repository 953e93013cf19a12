import type { FlowChange } from '../events/eventMap';
import type { EdgeId, StepId } from '../ids';
import type { FlowDefinition, StepDefinition } from './projectState';

/** Applies one atomic change to a flow, immutably. Changes to missing elements are no-ops. */
export function applyFlowChange(flow: FlowDefinition, change: FlowChange): FlowDefinition {
  switch (change.type) {
    case 'step.added': {
      const { stepId, modelId, label, position } = change;
      return { ...flow, steps: new Map(flow.steps).set(stepId, { stepId, modelId, label, position }) };
    }
    case 'steps.moved': {
      const steps = new Map(flow.steps);
      for (const { stepId, position } of change.moves) {
        const step = steps.get(stepId);
        if (step) steps.set(stepId, { ...step, position });
      }
      return { ...flow, steps };
    }
    case 'step.renamed': {
      const step = flow.steps.get(change.stepId);
      return step ? { ...flow, steps: new Map(flow.steps).set(change.stepId, { ...step, label: change.label }) } : flow;
    }
    case 'edge.added': {
      const { edgeId, source, target } = change;
      return { ...flow, edges: new Map(flow.edges).set(edgeId, { edgeId, source, target }) };
    }
    case 'elements.removed': {
      const steps = new Map(flow.steps);
      for (const id of change.stepIds) steps.delete(id);
      const edges = new Map(flow.edges);
      for (const id of change.edgeIds) edges.delete(id);
      return { ...flow, steps, edges };
    }
  }
}

const addStep = (flow: FlowDefinition, step: StepDefinition): FlowChange => ({ type: 'step.added', flowId: flow.flowId, ...step });

/** The changes that take `flow` (the state right before `change`) back from `change`. */
export function invertFlowChange(flow: FlowDefinition, change: FlowChange): FlowChange[] {
  const flowId = flow.flowId;
  switch (change.type) {
    case 'step.added':
      return [{ type: 'elements.removed', flowId, stepIds: [change.stepId], edgeIds: [] }];
    case 'edge.added':
      return [{ type: 'elements.removed', flowId, stepIds: [], edgeIds: [change.edgeId] }];
    case 'steps.moved': {
      const moves = change.moves.flatMap(({ stepId }) => {
        const step = flow.steps.get(stepId);
        return step ? [{ stepId, position: step.position }] : [];
      });
      return moves.length > 0 ? [{ type: 'steps.moved', flowId, moves }] : [];
    }
    case 'step.renamed': {
      const step = flow.steps.get(change.stepId);
      return step ? [{ type: 'step.renamed', flowId, stepId: step.stepId, label: step.label }] : [];
    }
    case 'elements.removed': {
      // Steps come back before the edges that hang off them.
      const steps = change.stepIds.flatMap((id) => {
        const step = flow.steps.get(id);
        return step ? [addStep(flow, step)] : [];
      });
      const edges = change.edgeIds.flatMap((id) => {
        const edge = flow.edges.get(id);
        return edge ? [{ type: 'edge.added' as const, flowId, ...edge }] : [];
      });
      return [...steps, ...edges];
    }
  }
}

/** The inverse of a sequence of changes applied to `flow`: their inverses, last first. */
export function invertFlowChanges(flow: FlowDefinition, changes: readonly FlowChange[]): FlowChange[] {
  const inverses: FlowChange[][] = [];
  let at = flow;
  for (const change of changes) {
    inverses.push(invertFlowChange(at, change));
    at = applyFlowChange(at, change);
  }
  return inverses.reverse().flat();
}

/** The changes that turn `current` into `target` (same flow, two versions): for restoring one. */
export function diffFlows(current: FlowDefinition, target: FlowDefinition): FlowChange[] {
  const flowId = current.flowId;
  const goneSteps: StepId[] = [...current.steps.keys()].filter((id) => !target.steps.has(id));
  const goneEdges: EdgeId[] = [...current.edges.keys()].filter((id) => {
    const was = target.edges.get(id);
    return !was || goneSteps.includes(current.edges.get(id)?.source.stepId as StepId) || goneSteps.includes(current.edges.get(id)?.target.stepId as StepId);
  });
  const changes: FlowChange[] = [];
  if (goneSteps.length > 0 || goneEdges.length > 0) changes.push({ type: 'elements.removed', flowId, stepIds: goneSteps, edgeIds: goneEdges });
  const moves: Array<{ stepId: StepId; position: { x: number; y: number } }> = [];
  for (const step of target.steps.values()) {
    const now = current.steps.get(step.stepId);
    if (!now) changes.push(addStep(target, step));
    else {
      if (now.label !== step.label) changes.push({ type: 'step.renamed', flowId, stepId: step.stepId, label: step.label });
      if (now.position.x !== step.position.x || now.position.y !== step.position.y) moves.push({ stepId: step.stepId, position: step.position });
    }
  }
  if (moves.length > 0) changes.push({ type: 'steps.moved', flowId, moves });
  for (const edge of target.edges.values()) {
    if (!current.edges.has(edge.edgeId) || goneEdges.includes(edge.edgeId)) changes.push({ type: 'edge.added', flowId, ...edge });
  }
  return changes;
}
