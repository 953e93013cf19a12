import { z } from 'zod';
import {
  edgeIdSchema,
  flowIdSchema,
  labelSchema,
  modelIdSchema,
  portNameSchema,
  portSchema,
  positionSchema,
  runIdSchema,
  stepIdSchema,
} from '../events/primitives';
import { MAX_MODEL_SOURCE_CHARS } from '../models/modelDefinition';
import type { SerializedStudioError } from '../errors/studioError';
import { artifactRecordSchema } from '../artifacts/artifactRecord';
import { coreEventSchemas } from '../events/eventMap';
import { featureCommandSchemas } from '../catalogue/studioCatalogue';

const endpoint = z.strictObject({ stepId: stepIdSchema, port: portNameSchema });

/** Everything the UI may ask of the conductor. Validated on arrival: the worker trusts no caller. */
export const commandSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('renameProject'), name: labelSchema }),
  z.strictObject({
    type: z.literal('saveModel'),
    modelId: modelIdSchema.optional(),
    name: labelSchema,
    description: z.string().max(2_000).default(''),
    inputs: z.array(portSchema).max(16),
    outputs: z.array(portSchema).min(1, 'a model needs at least one output').max(16),
    source: z.string().max(MAX_MODEL_SOURCE_CHARS),
    timeoutMs: z.number().int().min(100).max(600_000).default(10_000),
  }),
  z.strictObject({ type: z.literal('createFlow'), name: labelSchema }),
  z.strictObject({
    type: z.literal('addStep'),
    flowId: flowIdSchema,
    modelId: modelIdSchema,
    label: labelSchema.optional(),
    position: positionSchema,
  }),
  z.strictObject({
    type: z.literal('moveSteps'),
    flowId: flowIdSchema,
    moves: z.array(z.strictObject({ stepId: stepIdSchema, position: positionSchema })).min(1),
  }),
  z.strictObject({ type: z.literal('renameStep'), flowId: flowIdSchema, stepId: stepIdSchema, label: labelSchema }),
  z.strictObject({ type: z.literal('connect'), flowId: flowIdSchema, source: endpoint, target: endpoint }),
  z.strictObject({
    type: z.literal('removeElements'),
    flowId: flowIdSchema,
    stepIds: z.array(stepIdSchema),
    edgeIds: z.array(edgeIdSchema),
  }),
  z.strictObject({
    type: z.literal('startRun'),
    flowId: flowIdSchema,
    input: z.string().max(100_000),
    /** Artifacts a person already has, as text (JSON text for json/table ports): their steps count as done. */
    given: z.array(z.strictObject({ stepId: stepIdSchema, port: portNameSchema, text: z.string().max(1_000_000) })).max(64).optional(),
  }),
  /** Replaces a step's settings (join, map, retry, fallbacks, critical, rebuild, policy). Undoable. */
  z.strictObject({ type: z.literal('configureStep'), flowId: flowIdSchema, stepId: stepIdSchema, settings: z.unknown() }),
  /**
   * Saves a model of any kind but script (llm, human, branch, gate, subflow) from its definition
   * as JSON: new when `modelId` is absent, else a new version. Checked against the model schema.
   */
  z.strictObject({ type: z.literal('saveModelDefinition'), definition: z.record(z.string(), z.unknown()) }),
  /** The project's and flows' policies as text (JSON with comments); refused with path and line if broken. */
  z.strictObject({ type: z.literal('savePolicies'), source: z.string().max(200_000) }),
  /**
   * A person answers a question in the inbox: approve or reject (with notes), or provide a human
   * model's outputs as text by port.
   */
  z.strictObject({
    type: z.literal('answerAsk'),
    runId: runIdSchema,
    askId: z.string().min(1).max(80),
    decision: z.enum(['approve', 'reject', 'provide']),
    notes: z.string().max(5_000).optional(),
    outputs: z.record(portNameSchema, z.string().max(1_000_000)).optional(),
  }),
  /** A new run from the current flow and models that reuses what `runId` had done by `atSeq`. */
  z.strictObject({ type: z.literal('forkRun'), runId: runIdSchema, atSeq: z.number().int().nonnegative() }),
  /**
   * A runner's run whose remote log's chain and signature the page checked: its events (remote seq,
   * time, type, data as decoded), the artifacts they use, and what vouched for them. See planRemoteImport.
   */
  z.strictObject({
    type: z.literal('importRemoteRun'),
    runId: runIdSchema,
    events: z.array(z.strictObject({ seq: z.number().int().nonnegative(), ts: z.number().finite().nonnegative(), type: z.string().max(80), data: z.unknown() })).min(1).max(200_000),
    artifacts: z.array(artifactRecordSchema).max(100_000),
    source: coreEventSchemas['run.imported'].omit({ events: true }),
  }),
  z.strictObject({ type: z.literal('resumeRun'), runId: runIdSchema }),
  /** Stops a run that is going: it is interrupted (finished steps keep their artifacts) and can be resumed. */
  z.strictObject({ type: z.literal('stopRun'), runId: runIdSchema }),
  /** The project's settings, as a whole (Project ▾ → Settings…). */
  z.strictObject({ type: z.literal('saveSettings'), autoContinue: z.boolean() }),
  z.strictObject({ type: z.literal('undo'), flowId: flowIdSchema }),
  z.strictObject({ type: z.literal('redo'), flowId: flowIdSchema }),
  /** Brings the flow back to how it was right after event `atSeq`. */
  z.strictObject({ type: z.literal('restoreFlow'), flowId: flowIdSchema, atSeq: z.number().int().nonnegative() }),
  /** Every feature's commands, from the catalogue. */
  ...featureCommandSchemas,
]);
export type Command = z.input<typeof commandSchema>;
export type ParsedCommand = z.output<typeof commandSchema>;

export type CommandResult =
  | { ok: true; seq: number; createdId?: string }
  | { ok: false; error: SerializedStudioError };
