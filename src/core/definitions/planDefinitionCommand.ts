import { StudioError } from '../errors/studioError';
import { wouldCreateCycle } from '../project/graphChecks';
import type { EdgeId, FlowId, StepId } from '../ids';
import type { FlowDefinition, ProjectDefinitions } from '../project/projectState';
import type { PortType } from '../events/primitives';
import type { AnyDefinitionCommand } from './definitionCommands';
import type { PlannedCommand } from '../feature/feature';

type DefinitionCommand = Extract<
  AnyDefinitionCommand,
  { type: 'renameProject' | 'createFlow' | 'addStep' | 'moveSteps' | 'renameStep' | 'connect' | 'removeElements' }
>;

function flowOf(defs: ProjectDefinitions, flowId: FlowId): FlowDefinition {
  const flow = defs.flows.get(flowId);
  if (!flow) throw new StudioError('not-found', 'That flow no longer exists.', 'Pick a flow from the list.');
  return flow;
}

function portOf(
  defs: ProjectDefinitions,
  flow: FlowDefinition,
  stepId: StepId,
  port: string,
  side: 'inputs' | 'outputs',
): PortType {
  const step = flow.steps.get(stepId);
  if (!step) throw new StudioError('not-found', 'That step no longer exists.');
  const model = defs.models.get(step.modelId);
  const found = model?.[side].find((p) => p.name === port);
  if (!found)
    throw new StudioError(
      'not-found',
      `Step “${step.label}” has no ${side === 'inputs' ? 'input' : 'output'} called “${port}”.`,
      'Connect to one of the ports shown on the step.',
    );
  return found.type;
}

const compatible = (from: PortType, to: PortType): boolean =>
  from === to || from === 'any' || to === 'any' || (from === 'table' && to === 'json');

function planConnect(
  defs: ProjectDefinitions,
  cmd: Extract<DefinitionCommand, { type: 'connect' }>,
  newId: (p: string) => string,
): PlannedCommand {
  const flow = flowOf(defs, cmd.flowId);
  const from = portOf(defs, flow, cmd.source.stepId, cmd.source.port, 'outputs');
  const to = portOf(defs, flow, cmd.target.stepId, cmd.target.port, 'inputs');
  if (!compatible(from, to)) {
    throw new StudioError(
      'port-mismatch',
      `A ${from} output can't feed a ${to} input.`,
      'Connect ports of the same type, or change a port to “any” in the model.',
    );
  }
  for (const edge of flow.edges.values()) {
    if (edge.target.stepId === cmd.target.stepId && edge.target.port === cmd.target.port) {
      throw new StudioError(
        'port-mismatch',
        `Input “${cmd.target.port}” is already connected.`,
        'Remove the existing edge first.',
      );
    }
  }
  if (wouldCreateCycle(flow.edges.values(), cmd.source.stepId, cmd.target.stepId)) {
    throw new StudioError(
      'cycle',
      'That edge would make a loop, and a flow runs each step once.',
      'Connect to a step further along the flow.',
    );
  }
  const edgeId = newId('edge') as EdgeId;
  return {
    drafts: [{ type: 'edge.added', data: { flowId: cmd.flowId, edgeId, source: cmd.source, target: cmd.target } }],
    createdId: edgeId,
  };
}

function planRemove(
  defs: ProjectDefinitions,
  cmd: Extract<DefinitionCommand, { type: 'removeElements' }>,
): PlannedCommand {
  const flow = flowOf(defs, cmd.flowId);
  const stepIds = cmd.stepIds.filter((id) => flow.steps.has(id));
  const doomed = new Set(stepIds);
  const edgeIds = new Set<EdgeId>(cmd.edgeIds.filter((id) => flow.edges.has(id)));
  // Edges hanging off a removed step go with it, in the same event, so one undo brings all back.
  for (const edge of flow.edges.values()) {
    if (doomed.has(edge.source.stepId) || doomed.has(edge.target.stepId)) edgeIds.add(edge.edgeId);
  }
  if (stepIds.length === 0 && edgeIds.size === 0) return { drafts: [] };
  return { drafts: [{ type: 'elements.removed', data: { flowId: cmd.flowId, stepIds, edgeIds: [...edgeIds] } }] };
}

/** Checks a design command against the current definitions and turns it into events. Pure. */
export function planDefinitionCommand(
  defs: ProjectDefinitions,
  cmd: DefinitionCommand,
  newId: (p: string) => string,
): PlannedCommand {
  switch (cmd.type) {
    case 'renameProject':
      return { drafts: [{ type: 'project.renamed', data: { name: cmd.name } }] };
    case 'createFlow': {
      const flowId = newId('flow') as FlowId;
      return { drafts: [{ type: 'flow.created', data: { flowId, name: cmd.name } }], createdId: flowId };
    }
    case 'addStep': {
      flowOf(defs, cmd.flowId);
      const model = defs.models.get(cmd.modelId);
      if (!model) throw new StudioError('not-found', 'That model no longer exists.', 'Pick a model from the palette.');
      const stepId = newId('step') as StepId;
      const label = cmd.label ?? model.name;
      return {
        drafts: [
          {
            type: 'step.added',
            data: { flowId: cmd.flowId, stepId, modelId: cmd.modelId, label, position: cmd.position },
          },
        ],
        createdId: stepId,
      };
    }
    case 'moveSteps': {
      const flow = flowOf(defs, cmd.flowId);
      const moves = cmd.moves.filter((m) => flow.steps.has(m.stepId));
      return { drafts: moves.length > 0 ? [{ type: 'steps.moved', data: { flowId: cmd.flowId, moves } }] : [] };
    }
    case 'renameStep': {
      const flow = flowOf(defs, cmd.flowId);
      if (!flow.steps.has(cmd.stepId)) throw new StudioError('not-found', 'That step no longer exists.');
      return { drafts: [{ type: 'step.renamed', data: { flowId: cmd.flowId, stepId: cmd.stepId, label: cmd.label } }] };
    }
    case 'connect':
      return planConnect(defs, cmd, newId);
    case 'removeElements':
      return planRemove(defs, cmd);
  }
}
