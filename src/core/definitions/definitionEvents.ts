import { z } from 'zod';
import { modelSchema } from '../models/modelDefinition';
import { stepSettingsSchema } from '../flow/stepSettings';
import { policiesDocumentSchema } from '../policy/policy';
import {
  edgeIdSchema,
  flowIdSchema,
  labelSchema,
  modelIdSchema,
  portNameSchema,
  positionSchema,
  projectIdSchema,
  stepIdSchema,
} from '../events/primitives';

const endpointSchema = z.strictObject({ stepId: stepIdSchema, port: portNameSchema });

const positionedStep = z.strictObject({
  flowId: flowIdSchema,
  stepId: stepIdSchema,
  modelId: modelIdSchema,
  label: labelSchema,
  position: positionSchema,
});
const stepMoves = z.array(z.strictObject({ stepId: stepIdSchema, position: positionSchema })).min(1);

/**
 * The atomic changes to a flow. Each is also an event of its own; `flow.changed` carries several
 * at once (an undo, a redo, a restore) so they land, and undo, as one.
 */
export const flowChangeSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('step.added'), ...positionedStep.shape }),
  z.strictObject({ type: z.literal('steps.moved'), flowId: flowIdSchema, moves: stepMoves }),
  z.strictObject({ type: z.literal('step.renamed'), flowId: flowIdSchema, stepId: stepIdSchema, label: labelSchema }),
  z.strictObject({
    type: z.literal('edge.added'),
    flowId: flowIdSchema,
    edgeId: edgeIdSchema,
    source: endpointSchema,
    target: endpointSchema,
  }),
  z.strictObject({
    type: z.literal('elements.removed'),
    flowId: flowIdSchema,
    stepIds: z.array(stepIdSchema),
    edgeIds: z.array(edgeIdSchema),
  }),
  z.strictObject({
    type: z.literal('step.configured'),
    flowId: flowIdSchema,
    stepId: stepIdSchema,
    settings: stepSettingsSchema,
  }),
  z.strictObject({
    type: z.literal('step.modelChanged'),
    flowId: flowIdSchema,
    stepId: stepIdSchema,
    modelId: modelIdSchema,
  }),
]);

/** The project's own events: its name, its models, its flows and their edits, its policies and settings. */
export const definitionEventSchemas = {
  'project.created': z.strictObject({ projectId: projectIdSchema, name: labelSchema }),
  'project.renamed': z.strictObject({ name: labelSchema }),
  'model.saved': z.strictObject({ model: modelSchema }),
  'flow.created': z.strictObject({ flowId: flowIdSchema, name: labelSchema }),
  'step.added': positionedStep,
  /** One event per finished drag, however many steps moved together. */
  'steps.moved': z.strictObject({ flowId: flowIdSchema, moves: stepMoves }),
  'step.renamed': z.strictObject({ flowId: flowIdSchema, stepId: stepIdSchema, label: labelSchema }),
  'edge.added': z.strictObject({
    flowId: flowIdSchema,
    edgeId: edgeIdSchema,
    source: endpointSchema,
    target: endpointSchema,
  }),
  /** One delete action, however many steps and edges it took with it, so it undoes as one. */
  'elements.removed': z.strictObject({
    flowId: flowIdSchema,
    stepIds: z.array(stepIdSchema),
    edgeIds: z.array(edgeIdSchema),
  }),
  /** A step's settings replaced as a whole (join, map, retry, fallbacks, policy…). */
  'step.configured': z.strictObject({ flowId: flowIdSchema, stepId: stepIdSchema, settings: stepSettingsSchema }),
  /** A step now runs another model with the same ports (an exploration's winner promoted, say). */
  'step.modelChanged': z.strictObject({ flowId: flowIdSchema, stepId: stepIdSchema, modelId: modelIdSchema }),
  /** The project's and flows' policies, as written (JSON with comments) and as parsed. */
  'policies.saved': z.strictObject({ source: z.string().max(200_000), document: policiesDocumentSchema }),
  /** The project's settings, saved as a whole. `autoContinue`: runs cut off by a closing tab go on by themselves. */
  'settings.saved': z.strictObject({ autoContinue: z.boolean() }),
  /**
   * Several flow changes as one: `undo` and `redo` name the edit they undo or redo; `restore`
   * brings back an earlier version (and is itself undoable); `model-ports` drops edges to ports a
   * model no longer has (not undoable on its own: undo the model change instead).
   */
  'flow.changed': z.strictObject({
    flowId: flowIdSchema,
    cause: z.enum(['undo', 'redo', 'restore', 'model-ports']),
    /** The edit undone or redone, or the event whose version was restored. */
    targetSeq: z.number().int().nonnegative().optional(),
    changes: z.array(flowChangeSchema),
  }),
} as const;

type DefinitionEventSchemas = typeof definitionEventSchemas;
declare module '../events/eventMap' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging: the project's events join the one event map
  interface EventSchemas extends DefinitionEventSchemas {}
}
