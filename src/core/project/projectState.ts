import type { StoredEvent } from '../events/storedEvent';
import type { EventData, FlowChange } from '../events/eventMap';
import { applyFlowChangeInPlace, ownFlow, type MutableFlow } from './flowChanges';
import type { FlowId, ModelId, ProjectId } from '../ids';
import type { ModelDefinition } from '../models/modelDefinition';
import type { PoliciesDocument } from '../policy/policy';
import { installedFromEvent, type InstalledExtension } from '../kinds/extension/installedExtension';
import type { FlowDefinition } from './flowDefinition';

// Re-exported: most readers of a flow reach it through the project's definitions.
export type { EdgeDefinition, FlowDefinition, StepDefinition } from './flowDefinition';

/** How the project behaves, as last saved (`settings.saved`). */
export interface ProjectSettings {
  /** Runs cut off by a closing tab go on by themselves in the next leader; off: they wait for Resume. */
  autoContinue: boolean;
}
export const defaultSettings: ProjectSettings = { autoContinue: true };

/**
 * Everything a person designs: the project's name, models and flows. A pure, immutable fold over
 * the log: unchanged parts keep their identity, so React can skip them.
 */
export interface ProjectDefinitions {
  projectId: ProjectId | null;
  name: string;
  models: ReadonlyMap<ModelId, ModelDefinition>;
  flows: ReadonlyMap<FlowId, FlowDefinition>;
  /** The project's and flows' policies, as last saved. */
  policies: { source: string; document: PoliciesDocument } | null;
  /** The project's alert rules, as last saved (absent until a first save). */
  alerts?: { source: string; document: EventData<'alerts.saved'>['document'] };
  settings: ProjectSettings;
  /** The project's extensions by id, enabled or not (a removed one is gone). */
  extensions: ReadonlyMap<string, InstalledExtension>;
  /** seq of the last event folded in; -1 before any. */
  headSeq: number;
}

export const emptyDefinitions: ProjectDefinitions = {
  projectId: null,
  name: '',
  models: new Map(),
  flows: new Map(),
  policies: null,
  settings: defaultSettings,
  extensions: new Map(),
  headSeq: -1,
};

type MutableDefinitions = Omit<ProjectDefinitions, 'models' | 'flows'> & {
  models: Map<ModelId, ModelDefinition>;
  flows: Map<FlowId, FlowDefinition>;
};

/**
 * Folds a batch of events into the definitions, copying each structure at most once per batch
 * (the models map, the flows map, and each flow it changes). Folding a long history is then
 * linear in its length, not in length × flow size. The input state is never changed.
 */
export function foldDefinitionsBatch(from: ProjectDefinitions, events: Iterable<StoredEvent>): ProjectDefinitions {
  let state = from as MutableDefinitions;
  let ownsModels = false;
  let ownsFlows = false;
  const owned = new Map<FlowId, MutableFlow>();
  const flowForWrite = (flowId: FlowId): MutableFlow | undefined => {
    const ownedFlow = owned.get(flowId);
    if (ownedFlow) return ownedFlow;
    const flow = state.flows.get(flowId);
    if (!flow) return undefined;
    if (!ownsFlows) {
      state = { ...state, flows: new Map(state.flows) };
      ownsFlows = true;
    }
    const copy = ownFlow(flow);
    state.flows.set(flowId, copy);
    owned.set(flowId, copy);
    return copy;
  };
  for (const event of events) {
    switch (event.type) {
      case 'project.created':
        state = { ...state, projectId: event.data.projectId, name: event.data.name };
        break;
      case 'project.renamed':
        state = { ...state, name: event.data.name };
        break;
      case 'model.saved':
        if (!ownsModels) {
          state = { ...state, models: new Map(state.models) };
          ownsModels = true;
        }
        state.models.set(event.data.model.modelId, event.data.model);
        break;
      case 'flow.created':
        if (!ownsFlows) {
          state = { ...state, flows: new Map(state.flows) };
          ownsFlows = true;
        }
        owned.set(event.data.flowId, {
          flowId: event.data.flowId,
          name: event.data.name,
          steps: new Map(),
          edges: new Map(),
        });
        state.flows.set(event.data.flowId, owned.get(event.data.flowId) as MutableFlow);
        break;
      case 'step.added':
      case 'steps.moved':
      case 'step.renamed':
      case 'edge.added':
      case 'elements.removed':
      case 'step.configured':
      case 'step.modelChanged': {
        const change = { type: event.type, ...event.data } as FlowChange;
        const flow = flowForWrite(change.flowId);
        if (flow) applyFlowChangeInPlace(flow, change);
        break;
      }
      case 'policies.saved':
        state = { ...state, policies: { source: event.data.source, document: event.data.document } };
        break;
      case 'alerts.saved':
        state = { ...state, alerts: { source: event.data.source, document: event.data.document } };
        break;
      case 'settings.saved':
        state = { ...state, settings: { autoContinue: event.data.autoContinue } };
        break;
      case 'flow.changed': {
        const flow = flowForWrite(event.data.flowId);
        if (flow) for (const change of event.data.changes) applyFlowChangeInPlace(flow, change);
        break;
      }
      case 'extension.registered': {
        const installed = installedFromEvent(event.data);
        if (installed)
          state = { ...state, extensions: new Map(state.extensions).set(installed.extensionId, installed) };
        break;
      }
      case 'extension.enabled':
      case 'extension.disabled': {
        const extension = state.extensions.get(event.data.extensionId);
        if (extension)
          state = {
            ...state,
            extensions: new Map(state.extensions).set(extension.extensionId, {
              ...extension,
              enabled: event.type === 'extension.enabled',
            }),
          };
        break;
      }
      case 'extension.removed': {
        const extensions = new Map(state.extensions);
        extensions.delete(event.data.extensionId);
        state = { ...state, extensions };
        break;
      }
      default:
        break;
    }
    state = state === from ? { ...state, headSeq: event.seq } : ((state.headSeq = event.seq), state);
  }
  return state;
}

/** Folds one event into the definitions. Run events leave them unchanged but for headSeq. */
export function foldDefinitions(state: ProjectDefinitions, event: StoredEvent): ProjectDefinitions {
  return foldDefinitionsBatch(state, [event]);
}

export function foldAllDefinitions(
  events: Iterable<StoredEvent>,
  from: ProjectDefinitions = emptyDefinitions,
): ProjectDefinitions {
  return foldDefinitionsBatch(from, events);
}
