import type { FlowChange } from '../events/eventMap';
import type { EdgeId, StepId } from '../ids';
import type { FlowDefinition, StepDefinition } from './flowDefinition';
import type { StepSettings } from '../flow/stepSettings';

/** A flow whose maps the caller owns, so changes can be written in place. */
export type MutableFlow = Omit<FlowDefinition, 'steps' | 'edges'> & {
  steps: Map<StepId, StepDefinition>;
  edges: Map<EdgeId, FlowDefinition['edges'] extends ReadonlyMap<EdgeId, infer E> ? E : never>;
};

/** Writes one atomic change into a flow the caller owns. Changes to missing elements are no-ops. */
export function applyFlowChangeInPlace(flow: MutableFlow, change: FlowChange): void {
  switch (change.type) {
    case 'step.added': {
      const { stepId, modelId, label, position } = change;
      flow.steps.set(stepId, { stepId, modelId, label, position });
      return;
    }
    case 'steps.moved':
      for (const { stepId, position } of change.moves) {
        const step = flow.steps.get(stepId);
        if (step) flow.steps.set(stepId, { ...step, position });
      }
      return;
    case 'step.renamed': {
      const step = flow.steps.get(change.stepId);
      if (step) flow.steps.set(change.stepId, { ...step, label: change.label });
      return;
    }
    case 'edge.added': {
      const { edgeId, source, target } = change;
      flow.edges.set(edgeId, { edgeId, source, target });
      return;
    }
    case 'elements.removed':
      for (const id of change.stepIds) flow.steps.delete(id);
      for (const id of change.edgeIds) flow.edges.delete(id);
      return;
    case 'step.configured': {
      const step = flow.steps.get(change.stepId);
      if (!step) return;
      const { settings: _old, ...rest } = step;
      flow.steps.set(change.stepId, hasSettings(change.settings) ? { ...rest, settings: change.settings } : rest);
      return;
    }
    case 'step.modelChanged': {
      const step = flow.steps.get(change.stepId);
      if (step) flow.steps.set(change.stepId, { ...step, modelId: change.modelId });
      return;
    }
  }
}

const hasSettings = (settings: StepSettings): boolean => Object.keys(settings).length > 0;
const sameSettings = (a: StepSettings | undefined, b: StepSettings | undefined): boolean =>
  JSON.stringify(a ?? {}) === JSON.stringify(b ?? {});

/** A copy of the flow whose maps the caller owns. Step and edge objects are shared: never changed, only replaced. */
export function ownFlow(flow: FlowDefinition): MutableFlow {
  return { ...flow, steps: new Map(flow.steps), edges: new Map(flow.edges) };
}

/** Applies one atomic change to a flow, immutably. */
export function applyFlowChange(flow: FlowDefinition, change: FlowChange): FlowDefinition {
  const next = ownFlow(flow);
  applyFlowChangeInPlace(next, change);
  return next;
}

/** The changes that bring a step back as it was: added, then configured if it had settings. */
const addStep = (flow: FlowDefinition, step: StepDefinition): FlowChange[] => {
  const { settings, ...placed } = step;
  const added: FlowChange = { type: 'step.added', flowId: flow.flowId, ...placed };
  return settings ? [added, { type: 'step.configured', flowId: flow.flowId, stepId: step.stepId, settings }] : [added];
};

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
        return step ? addStep(flow, step) : [];
      });
      const edges = change.edgeIds.flatMap((id) => {
        const edge = flow.edges.get(id);
        return edge ? [{ type: 'edge.added' as const, flowId, ...edge }] : [];
      });
      return [...steps, ...edges];
    }
    case 'step.configured': {
      const step = flow.steps.get(change.stepId);
      return step ? [{ type: 'step.configured', flowId, stepId: step.stepId, settings: step.settings ?? {} }] : [];
    }
    case 'step.modelChanged': {
      const step = flow.steps.get(change.stepId);
      return step ? [{ type: 'step.modelChanged', flowId, stepId: step.stepId, modelId: step.modelId }] : [];
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
    return (
      !was ||
      goneSteps.includes(current.edges.get(id)?.source.stepId as StepId) ||
      goneSteps.includes(current.edges.get(id)?.target.stepId as StepId)
    );
  });
  const changes: FlowChange[] = [];
  if (goneSteps.length > 0 || goneEdges.length > 0)
    changes.push({ type: 'elements.removed', flowId, stepIds: goneSteps, edgeIds: goneEdges });
  const moves: Array<{ stepId: StepId; position: { x: number; y: number } }> = [];
  for (const step of target.steps.values()) {
    const now = current.steps.get(step.stepId);
    if (!now) changes.push(...addStep(target, step));
    else {
      if (now.modelId !== step.modelId)
        changes.push({ type: 'step.modelChanged', flowId, stepId: step.stepId, modelId: step.modelId });
      if (!sameSettings(now.settings, step.settings))
        changes.push({ type: 'step.configured', flowId, stepId: step.stepId, settings: step.settings ?? {} });
      if (now.label !== step.label)
        changes.push({ type: 'step.renamed', flowId, stepId: step.stepId, label: step.label });
      if (now.position.x !== step.position.x || now.position.y !== step.position.y)
        moves.push({ stepId: step.stepId, position: step.position });
    }
  }
  if (moves.length > 0) changes.push({ type: 'steps.moved', flowId, moves });
  for (const edge of target.edges.values()) {
    if (!current.edges.has(edge.edgeId) || goneEdges.includes(edge.edgeId))
      changes.push({ type: 'edge.added', flowId, ...edge });
  }
  return changes;
}
