import type { StoredEvent } from '../events/storedEvent';
import type { FlowChange } from '../events/eventMap';
import { applyFlowChange } from './flowChanges';
import type { EdgeId, FlowId, ModelId, ProjectId, StepId } from '../ids';
import type { ModelDefinition } from '../models/modelDefinition';
import type { PlanEdge } from '../events/eventMap';

export interface StepDefinition {
  stepId: StepId;
  modelId: ModelId;
  label: string;
  position: { x: number; y: number };
}
export type EdgeDefinition = PlanEdge;

export interface FlowDefinition {
  flowId: FlowId;
  name: string;
  steps: ReadonlyMap<StepId, StepDefinition>;
  edges: ReadonlyMap<EdgeId, EdgeDefinition>;
}

/**
 * Everything a person designs: the project's name, models and flows. A pure, immutable fold over
 * the log: unchanged parts keep their identity, so React can skip them.
 */
export interface ProjectDefinitions {
  projectId: ProjectId | null;
  name: string;
  models: ReadonlyMap<ModelId, ModelDefinition>;
  flows: ReadonlyMap<FlowId, FlowDefinition>;
  /** seq of the last event folded in; -1 before any. */
  headSeq: number;
}

export const emptyDefinitions: ProjectDefinitions = {
  projectId: null,
  name: '',
  models: new Map(),
  flows: new Map(),
  headSeq: -1,
};

function withFlow(state: ProjectDefinitions, flowId: FlowId, update: (flow: FlowDefinition) => FlowDefinition): ProjectDefinitions {
  const flow = state.flows.get(flowId);
  if (!flow) return state;
  return { ...state, flows: new Map(state.flows).set(flowId, update(flow)) };
}

/** Folds one event into the definitions. Run events leave them unchanged. */
export function foldDefinitions(state: ProjectDefinitions, event: StoredEvent): ProjectDefinitions {
  const next = applyDefinitionEvent(state, event);
  return { ...next, headSeq: event.seq };
}

function applyDefinitionEvent(state: ProjectDefinitions, event: StoredEvent): ProjectDefinitions {
  switch (event.type) {
    case 'project.created':
      return { ...state, projectId: event.data.projectId, name: event.data.name };
    case 'project.renamed':
      return { ...state, name: event.data.name };
    case 'model.saved':
      return { ...state, models: new Map(state.models).set(event.data.model.modelId, event.data.model) };
    case 'flow.created':
      return {
        ...state,
        flows: new Map(state.flows).set(event.data.flowId, { flowId: event.data.flowId, name: event.data.name, steps: new Map(), edges: new Map() }),
      };
    case 'step.added':
    case 'steps.moved':
    case 'step.renamed':
    case 'edge.added':
    case 'elements.removed': {
      const change = { type: event.type, ...event.data } as FlowChange;
      return withFlow(state, change.flowId, (f) => applyFlowChange(f, change));
    }
    case 'flow.changed':
      return withFlow(state, event.data.flowId, (f) => event.data.changes.reduce(applyFlowChange, f));
    default:
      return state;
  }
}

export function foldAllDefinitions(events: Iterable<StoredEvent>, from: ProjectDefinitions = emptyDefinitions): ProjectDefinitions {
  let state = from;
  for (const event of events) state = foldDefinitions(state, event);
  return state;
}
