import { z } from 'zod';
import { modelSchema } from '../models/modelDefinition';
import { intentEventSchemas } from '../intents/intentEvents';
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

/** An output a fork takes from its parent instead of running the step again. */
export const reusedOutputSchema = z.strictObject({ stepId: stepIdSchema, port: portNameSchema, artifact: artifactRefSchema });

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
  z.strictObject({ type: z.literal('edge.added'), flowId: flowIdSchema, edgeId: edgeIdSchema, source: endpointSchema, target: endpointSchema }),
  z.strictObject({ type: z.literal('elements.removed'), flowId: flowIdSchema, stepIds: z.array(stepIdSchema), edgeIds: z.array(edgeIdSchema) }),
]);
export type FlowChange = z.infer<typeof flowChangeSchema>;
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
  'run.started': z.strictObject({
    runId: runIdSchema,
    flowId: flowIdSchema,
    plan: runPlanSchema,
    input: artifactRefSchema,
    /** Set on a fork: the run it branches from, and the last of the parent's events it keeps. */
    parent: z.strictObject({ runId: runIdSchema, atSeq: z.number().int().nonnegative() }).optional(),
    /** Outputs a fork takes from its parent: their steps are done without an agent. */
    reused: z.array(reusedOutputSchema).optional(),
  }),
  /** An interrupted run goes on: steps whose agents died with the page are due again. */
  'run.resumed': z.strictObject({}),
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
    /** The virtual time the agent sees from ctx.now(): taken when the conductor decided to send it. */
    now: z.number().finite().optional(),
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
  /** `abandoned`: its agent died with the page that ran it; resuming opens a new gap. */
  'gap.closed': z.strictObject({ gapId: gapIdSchema, resolution: z.enum(['filled', 'failed', 'abandoned']) }),
  'run.finished': z.strictObject({
    /** `interrupted`: the studio went away mid-run; finished steps keep their artifacts. */
    status: z.enum(['succeeded', 'failed', 'interrupted']),
    reason: z.string().max(2_000).optional(),
  }),
  /** Intents, domain facts, the virtual clock, intent gaps, their agents, breakers and the inbox. */
  ...intentEventSchemas,
} as const;

export type EventType = keyof typeof eventDataSchemas;
export type EventData<T extends EventType> = z.infer<(typeof eventDataSchemas)[T]>;
export const EVENT_TYPES = Object.keys(eventDataSchemas) as EventType[];

/** Event types that belong to a run: they must carry `runId`, and the others must not. */
export const RUN_EVENT_TYPES: ReadonlySet<EventType> = new Set<EventType>([
  'run.started',
  'run.resumed',
  'gap.opened',
  'agent.spawned',
  'artifact.produced',
  'agent.resolved',
  'gap.closed',
  'run.finished',
]);

/** What a writer proposes; the log adds seq, ts and the hash chain. */
export type EventDraft = { [T in EventType]: { type: T; runId?: string; data: EventData<T> } }[EventType];

