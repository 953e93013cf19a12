import type { EdgeId, FlowId, ModelId, StepId } from '../ids';
import type { PlanEdge } from '../events/eventMap';
import type { StepSettings } from '../flow/stepSettings';

/**
 * The shape of one flow as a person designed it. A module of its own so that the fold over the
 * log (projectState.ts) and the flow edits it applies (flowChanges.ts) can share it without
 * importing each other.
 */
export interface StepDefinition {
  stepId: StepId;
  modelId: ModelId;
  label: string;
  position: { x: number; y: number };
  settings?: StepSettings;
}
export type EdgeDefinition = PlanEdge;

export interface FlowDefinition {
  flowId: FlowId;
  name: string;
  steps: ReadonlyMap<StepId, StepDefinition>;
  edges: ReadonlyMap<EdgeId, EdgeDefinition>;
}
