import { z } from 'zod';
import {
  edgeIdSchema,
  flowIdSchema,
  labelSchema,
  modelIdSchema,
  portNameSchema,
  portSchema,
  positionSchema,
  stepIdSchema,
} from '../events/primitives';
import { MAX_MODEL_SOURCE_CHARS } from '../models/modelDefinition';

const endpoint = z.strictObject({ stepId: stepIdSchema, port: portNameSchema });

export const renameProjectSchema = z.strictObject({ type: z.literal('renameProject'), name: labelSchema });
export const saveModelSchema = z.strictObject({
  type: z.literal('saveModel'),
  modelId: modelIdSchema.optional(),
  name: labelSchema,
  description: z.string().max(2_000).default(''),
  inputs: z.array(portSchema).max(16),
  outputs: z.array(portSchema).min(1, 'a model needs at least one output').max(16),
  source: z.string().max(MAX_MODEL_SOURCE_CHARS),
  timeoutMs: z.number().int().min(100).max(600_000).default(10_000),
});
export const createFlowSchema = z.strictObject({ type: z.literal('createFlow'), name: labelSchema });
export const addStepSchema = z.strictObject({
  type: z.literal('addStep'),
  flowId: flowIdSchema,
  modelId: modelIdSchema,
  label: labelSchema.optional(),
  position: positionSchema,
});
export const moveStepsSchema = z.strictObject({
  type: z.literal('moveSteps'),
  flowId: flowIdSchema,
  moves: z.array(z.strictObject({ stepId: stepIdSchema, position: positionSchema })).min(1),
});
export const renameStepSchema = z.strictObject({
  type: z.literal('renameStep'),
  flowId: flowIdSchema,
  stepId: stepIdSchema,
  label: labelSchema,
});
export const connectSchema = z.strictObject({
  type: z.literal('connect'),
  flowId: flowIdSchema,
  source: endpoint,
  target: endpoint,
});
export const removeElementsSchema = z.strictObject({
  type: z.literal('removeElements'),
  flowId: flowIdSchema,
  stepIds: z.array(stepIdSchema),
  edgeIds: z.array(edgeIdSchema),
});
/** Replaces a step's settings (join, map, retry, fallbacks, critical, rebuild, policy). Undoable. */
export const configureStepSchema = z.strictObject({
  type: z.literal('configureStep'),
  flowId: flowIdSchema,
  stepId: stepIdSchema,
  settings: z.unknown(),
});
/**
 * Saves a model of any kind but script (llm, human, branch, gate, subflow) from its definition
 * as JSON: new when `modelId` is absent, else a new version. Checked against the model schema.
 */
export const saveModelDefinitionSchema = z.strictObject({
  type: z.literal('saveModelDefinition'),
  definition: z.record(z.string(), z.unknown()),
});
/** The project's and flows' policies as text (JSON with comments); refused with path and line if broken. */
export const savePoliciesSchema = z.strictObject({ type: z.literal('savePolicies'), source: z.string().max(200_000) });
/** The project's settings, as a whole (Project ▾ → Settings…). */
export const saveSettingsSchema = z.strictObject({ type: z.literal('saveSettings'), autoContinue: z.boolean() });
export const undoSchema = z.strictObject({ type: z.literal('undo'), flowId: flowIdSchema });
export const redoSchema = z.strictObject({ type: z.literal('redo'), flowId: flowIdSchema });
/** Brings the flow back to how it was right after event `atSeq`. */
export const restoreFlowSchema = z.strictObject({
  type: z.literal('restoreFlow'),
  flowId: flowIdSchema,
  atSeq: z.number().int().nonnegative(),
});

/** Any command of the project's definitions, as parsed. */
export type AnyDefinitionCommand =
  | z.output<typeof renameProjectSchema>
  | z.output<typeof saveModelSchema>
  | z.output<typeof createFlowSchema>
  | z.output<typeof addStepSchema>
  | z.output<typeof moveStepsSchema>
  | z.output<typeof renameStepSchema>
  | z.output<typeof connectSchema>
  | z.output<typeof removeElementsSchema>
  | z.output<typeof configureStepSchema>
  | z.output<typeof saveModelDefinitionSchema>
  | z.output<typeof savePoliciesSchema>
  | z.output<typeof saveSettingsSchema>
  | z.output<typeof undoSchema>
  | z.output<typeof redoSchema>
  | z.output<typeof restoreFlowSchema>;
