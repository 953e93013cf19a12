import { z } from 'zod';
import { stepSettingsSchema } from '../flow/stepSettings';
import { limitsSchema, policySchema } from '../policy/policy';
import { ERROR_CLASSES } from '../errors/errorClasses';
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
  runIdSchema,
  stepIdSchema,
} from '../events/primitives';

const endpointSchema = z.strictObject({ stepId: stepIdSchema, port: portNameSchema });

/** A step as it was frozen into a run when the run started, so replay never depends on later edits. */
const modelRefSchema = z.strictObject({ modelId: modelIdSchema, modelVersion: z.number().int().positive() });
export const planStepSchema = z.strictObject({
  stepId: stepIdSchema,
  label: labelSchema,
  modelId: modelIdSchema,
  modelVersion: z.number().int().positive(),
  inputs: z.array(portSchema),
  outputs: z.array(portSchema),
  /** The step's settings as written (join, map, retry, critical, rebuild…). */
  settings: stepSettingsSchema.optional(),
  /** Project, flow and step policies merged, frozen when the run started. */
  policy: policySchema.optional(),
  /** The fallback chain and the inverse model, pinned to the versions current at the start. */
  fallbacks: z.array(modelRefSchema).optional(),
  rebuildModel: modelRefSchema.optional(),
});
export const planEdgeSchema = z.strictObject({ edgeId: edgeIdSchema, source: endpointSchema, target: endpointSchema });
export const runPlanSchema = z.strictObject({ steps: z.array(planStepSchema), edges: z.array(planEdgeSchema) });

/** An output a fork takes from its parent instead of running the step again. */
export const reusedOutputSchema = z.strictObject({
  stepId: stepIdSchema,
  port: portNameSchema,
  artifact: artifactRefSchema,
});

/** A run's events: its start (with its plan frozen), its gaps, agents, artifacts, decisions, questions and end. */
export const runEventSchemas = {
  'run.started': z.strictObject({
    runId: runIdSchema,
    flowId: flowIdSchema,
    plan: runPlanSchema,
    input: artifactRefSchema,
    /** Set on a fork: the run it branches from, and the last of the parent's events it keeps. */
    parent: z.strictObject({ runId: runIdSchema, atSeq: z.number().int().nonnegative() }).optional(),
    /** Outputs a fork takes from its parent: their steps are done without an agent. */
    reused: z.array(reusedOutputSchema).optional(),
    /** Artifacts a person supplied at the start (say, code and tests they already have). */
    given: z.array(reusedOutputSchema).optional(),
    /** The run's budget: the project's and flow's policies merged. */
    budget: limitsSchema.optional(),
    /** Set on a sub-flow's run: the step of the outer run it works for. */
    parentStep: z.strictObject({ runId: runIdSchema, stepId: stepIdSchema, gapId: gapIdSchema }).optional(),
  }),
  /** An interrupted run goes on: steps whose agents died with the page are due again. */
  'run.resumed': z.strictObject({}),
  /**
   * A run that was going when the tab leading it went away goes on by itself in the next leader.
   * `after`: the leading tab closed while another one waited (`takeover`), or the studio was
   * opened again (`reopen`). `abandoned`: the agents that died with that page; their gaps are
   * closed as abandoned just before this event, and their steps (or map items) are due again.
   */
  'run.continued': z.strictObject({
    after: z.enum(['takeover', 'reopen']),
    abandoned: z.array(
      z.strictObject({ agentId: agentIdSchema, stepId: stepIdSchema, item: z.number().int().nonnegative().optional() }),
    ),
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
    /** The virtual time the agent sees from ctx.now(): taken when the conductor decided to send it. */
    now: z.number().finite().optional(),
    /** 1 for a model's first try, counted again from 1 for each fallback. */
    attempt: z.number().int().positive().optional(),
    /** For a map step: which item of the list this agent works on. */
    item: z.number().int().nonnegative().optional(),
    /** `reverse`: rebuilding the step's outputs from downstream artifacts with its inverse model. */
    mode: z.literal('reverse').optional(),
    /** The most tokens its model call may produce: the policy and the budgets left, whichever is least. */
    maxTokens: z.number().int().nonnegative().optional(),
  }),
  'artifact.produced': z.strictObject({
    stepId: stepIdSchema,
    port: portNameSchema,
    /** The agent that made it; absent when the conductor routed, gathered or adopted it, or a person gave it. */
    agentId: agentIdSchema.optional(),
    artifact: artifactRefSchema,
    /** For a map step: one item's result (the gathered list comes without `item`). */
    item: z.number().int().nonnegative().optional(),
    by: z.enum(['route', 'gather', 'person', 'subflow', 'listen']).optional(),
  }),
  /** A branch or gate decided: the input went to `taken` (or nowhere), and `skipped` outputs will never come. */
  'step.routed': z.strictObject({
    stepId: stepIdSchema,
    taken: portNameSchema.nullable(),
    skipped: z.array(portNameSchema),
    detail: z.string().max(2_000),
  }),
  /** The step will not run: a branch not taken upstream, or a non-critical step that failed. */
  'step.skipped': z.strictObject({ stepId: stepIdSchema, reason: z.string().max(2_000) }),
  /** A failed attempt will be tried again after `delayMs`, with the same model or the next fallback. */
  'step.retrying': z.strictObject({
    stepId: stepIdSchema,
    attempt: z.number().int().positive(),
    modelId: modelIdSchema,
    modelVersion: z.number().int().positive(),
    fallback: z.boolean(),
    delayMs: z.number().int().nonnegative(),
    atMs: z.number().finite(),
    errorClass: z.enum(ERROR_CLASSES),
  }),
  /** The conductor itself failed the step: a budget, a rule that did not evaluate, a person's rejection. */
  'step.failed': z.strictObject({
    stepId: stepIdSchema,
    reason: z.string().max(2_000),
    errorClass: z.enum(ERROR_CLASSES).optional(),
  }),
  /** A map step's list, split into one artifact per item. */
  'map.expanded': z.strictObject({ stepId: stepIdSchema, items: z.array(artifactRefSchema).max(10_000) }),
  /** The conductor asks a person: to approve, to supply a human model's outputs, to accept a low-confidence draft, or to allow spending. */
  'person.asked': z.strictObject({
    askId: gapIdSchema,
    stepId: stepIdSchema,
    kind: z.enum(['approval', 'input', 'confidence', 'budget']),
    question: z.string().max(5_000),
    /** For `input`: the outputs to supply. */
    ports: z.array(portSchema).optional(),
    /** What is being judged, by port: the gate's input, or the held draft. */
    subject: z.record(portNameSchema, artifactRefSchema).optional(),
    deadlineAt: z.number().finite().optional(),
    onTimeout: z.enum(['reject', 'approve', 'fail']).optional(),
  }),
  'person.answered': z.strictObject({
    askId: gapIdSchema,
    stepId: stepIdSchema,
    decision: z.enum(['approve', 'reject', 'provide']),
    notes: z.string().max(5_000).optional(),
    by: z.enum(['person', 'timeout']),
  }),
  /** A policy was broken: shown on the canvas; what follows (a failure, a question) is its own event. */
  'policy.violated': z.strictObject({
    stepId: stepIdSchema,
    rule: z.string().max(200),
    detail: z.string().max(2_000),
    agentId: agentIdSchema.optional(),
  }),
  'confidence.assessed': z.strictObject({
    stepId: stepIdSchema,
    agentId: agentIdSchema,
    value: z.number(),
    level: z.enum(['high', 'medium', 'low']),
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
    errorClass: z.enum(ERROR_CLASSES).optional(),
    /** A server's Retry-After, so a retry waits at least that long. */
    retryAfterMs: z.number().int().nonnegative().optional(),
    /** What the agent spent: tokens and dollars (LLM calls) beside its durationMs. */
    usage: z
      .strictObject({
        promptTokens: z.number().int().nonnegative(),
        completionTokens: z.number().int().nonnegative(),
        costUsd: z.number().nonnegative(),
      })
      .optional(),
    item: z.number().int().nonnegative().optional(),
  }),
  /** `abandoned`: its agent died with the page that ran it; resuming opens a new gap. */
  'gap.closed': z.strictObject({ gapId: gapIdSchema, resolution: z.enum(['filled', 'failed', 'abandoned']) }),
  'run.finished': z.strictObject({
    /** `interrupted`: the studio went away mid-run; finished steps keep their artifacts. */
    status: z.enum(['succeeded', 'failed', 'interrupted']),
    reason: z.string().max(2_000).optional(),
    /** Succeeded, but ended early: this gate did not pass, and nothing lay on the way it took. */
    stoppedAt: stepIdSchema.optional(),
  }),
  /**
   * The run's events before this one came from a runner (runner/), re-sealed into this log after
   * the remote log's hash chain and the runner's signature were checked. It keeps what vouches for
   * them: the remote project and head the signature covers, the signature itself and the key's
   * fingerprint. `events`: how many of this run's events came in with it (the ones just before).
   */
  'run.imported': z.strictObject({
    runner: z.string().max(2_000),
    remoteProject: z.string().max(200),
    remoteHead: z.strictObject({ seq: z.number().int().nonnegative(), hash: z.string().max(128) }),
    exportedAt: z.number().finite(),
    signature: z.strictObject({
      alg: z.string().max(64),
      publicKey: z.string().max(4_096),
      value: z.string().max(4_096),
    }),
    fingerprint: z.string().max(128),
    events: z.number().int().positive(),
  }),
} as const;

/** All of them belong to a run: they carry `runId`. */
export const RUN_EVENT_TYPES_OF_RUNS = [
  'run.started',
  'run.resumed',
  'run.continued',
  'gap.opened',
  'agent.spawned',
  'artifact.produced',
  'agent.resolved',
  'gap.closed',
  'run.finished',
  'run.imported',
  'step.routed',
  'step.skipped',
  'step.retrying',
  'step.failed',
  'map.expanded',
  'person.asked',
  'person.answered',
  'policy.violated',
  'confidence.assessed',
] as const;

type RunEventSchemas = typeof runEventSchemas;
declare module '../events/eventMap' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging: the runs' events join the one event map
  interface EventSchemas extends RunEventSchemas {}
}
