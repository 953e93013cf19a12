import { z } from 'zod';
import { modelSchema } from '../models/modelDefinition';
import {
  agentIdSchema,
  artifactHashSchema,
  artifactRefSchema,
  edgeIdSchema,
  flowIdSchema,
  gapIdSchema,
  labelSchema,
  modelIdSchema,
  portNameSchema,
  portSchema,
  positionSchema,
  projectIdSchema,
  runIdSchema,
  stepIdSchema,
} from './primitives';

const endpointSchema = z.strictObject({ stepId: stepIdSchema, port: portNameSchema });

/** A step as it was frozen into a run when the run started, so replay never depends on later edits. */
export const planStepSchema = z.strictObject({
  stepId: stepIdSchema,
  label: labelSchema,
  modelId: modelIdSchema,
  modelVersion: z.number().int().positive(),
  inputs: z.array(portSchema),
  outputs: z.array(portSchema),
});
export const planEdgeSchema = z.strictObject({ edgeId: edgeIdSchema, source: endpointSchema, target: endpointSchema });
export const runPlanSchema = z.strictObject({ steps: z.array(planStepSchema), edges: z.array(planEdgeSchema) });
export type RunPlan = z.infer<typeof runPlanSchema>;
export type PlanStep = z.infer<typeof planStepSchema>;
export type PlanEdge = z.infer<typeof planEdgeSchema>;

/**
 * The one map of event types to payload schemas. The event union, the stored-record validator and
 * (later) the JSON Schema are all derived from it: add an event here and nowhere else.
 */
export const eventDataSchemas = {
  'project.created': z.strictObject({ projectId: projectIdSchema, name: labelSchema }),
  'project.renamed': z.strictObject({ name: labelSchema }),
  'model.saved': z.strictObject({ model: modelSchema }),
  'flow.created': z.strictObject({ flowId: flowIdSchema, name: labelSchema }),
  'step.added': z.strictObject({
    flowId: flowIdSchema,
    stepId: stepIdSchema,
    modelId: modelIdSchema,
    label: labelSchema,
    position: positionSchema,
  }),
  /** One event per finished drag, however many steps moved together. */
  'steps.moved': z.strictObject({
    flowId: flowIdSchema,
    moves: z.array(z.strictObject({ stepId: stepIdSchema, position: positionSchema })).min(1),
  }),
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
  'run.started': z.strictObject({
    runId: runIdSchema,
    flowId: flowIdSchema,
    plan: runPlanSchema,
    input: artifactRefSchema,
  }),
  'gap.opened': z.strictObject({
    gapId: gapIdSchema,
    kind: z.literal('reaction'),
    stepId: stepIdSchema,
    /** The sequence numbers of the events whose arrival made the expectation due. */
    causeSeqs: z.array(z.number().int().nonnegative()),
  }),
  'agent.spawned': z.strictObject({
    agentId: agentIdSchema,
    gapId: gapIdSchema,
    stepId: stepIdSchema,
    modelId: modelIdSchema,
    modelVersion: z.number().int().positive(),
    goal: z.string().max(500),
    inputs: z.record(portNameSchema, artifactHashSchema),
    deadlineMs: z.number().int().positive(),
    seed: z.number().int().nonnegative(),
  }),
  'artifact.produced': z.strictObject({
    stepId: stepIdSchema,
    port: portNameSchema,
    agentId: agentIdSchema,
    artifact: artifactRefSchema,
  }),
  'agent.resolved': z.strictObject({
    agentId: agentIdSchema,
    gapId: gapIdSchema,
    stepId: stepIdSchema,
    outcome: z.enum(['succeeded', 'failed']),
    /** For a failure: a sentence for a person, saying what happened and what to do. */
    reason: z.string().max(2_000).optional(),
    durationMs: z.number().nonnegative(),
    logs: z.array(z.string().max(2_000)).max(200),
  }),
  'gap.closed': z.strictObject({ gapId: gapIdSchema, resolution: z.enum(['filled', 'failed']) }),
  'run.finished': z.strictObject({
    /** `interrupted`: the studio went away mid-run; finished steps keep their artifacts. */
    status: z.enum(['succeeded', 'failed', 'interrupted']),
    reason: z.string().max(2_000).optional(),
  }),
} as const;

export type EventType = keyof typeof eventDataSchemas;
export type EventData<T extends EventType> = z.infer<(typeof eventDataSchemas)[T]>;
export const EVENT_TYPES = Object.keys(eventDataSchemas) as EventType[];

/** Event types that belong to a run: they must carry `runId`, and the others must not. */
export const RUN_EVENT_TYPES: ReadonlySet<EventType> = new Set<EventType>([
  'run.started',
  'gap.opened',
  'agent.spawned',
  'artifact.produced',
  'agent.resolved',
  'gap.closed',
  'run.finished',
]);

/** What a writer proposes; the log adds seq, ts and the hash chain. */
export type EventDraft = { [T in EventType]: { type: T; runId?: string; data: EventData<T> } }[EventType];

