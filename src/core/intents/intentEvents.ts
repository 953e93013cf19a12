import { z } from 'zod';
import { agentIdSchema, gapIdSchema, modelIdSchema, runIdSchema, stepIdSchema } from '../events/primitives';
import { factNameSchema, intentIdSchema, intentsDocumentSchema } from './intentSchema';

export const gapKindSchema = z.enum(['reaction', 'consistency', 'intent', 'quality', 'temporal']);
export type GapKind = z.infer<typeof gapKindSchema>;

export const subjectSchema = z.string().max(120);
/** A fact's own fields: plain JSON, bounded so one fact cannot swamp the log. */
export const factDataSchema = z
  .record(z.string().max(80), z.json())
  .refine((d) => JSON.stringify(d).length <= 20_000, 'is larger than 20,000 characters');

/** Who recorded a fact: a person (a form), an agent closing a gap, or a step of a run. */
export const factSourceSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('person') }),
  z.strictObject({ kind: z.literal('agent'), agentId: agentIdSchema, gapId: gapIdSchema }),
  z.strictObject({ kind: z.literal('step'), runId: runIdSchema, stepId: stepIdSchema }),
]);

export const breakerNameSchema = z.enum(['max-depth', 'max-agents-per-gap', 'budget', 'no-model']);
export const strategySchema = z.strictObject({
  name: z.enum(['alone', 'serialised', 'optimistic']),
  why: z.string().max(500),
});

/**
 * Intent events. None belongs to a run. Each agent's life is recorded step by step:
 * spawned → worked (its draft) → promoted or rejected → resolved → died.
 */
export const intentEventSchemas = {
  /** A person saved the intents document: its text (for history) and what it parsed to. */
  'intents.saved': z.strictObject({ source: z.string().max(200_000), document: intentsDocumentSchema }),
  /** A domain fact, e.g. "a rep logged a call". `depth` counts the agents between it and a person. */
  'fact.recorded': z.strictObject({
    factId: z.string().min(1).max(80),
    fact: factNameSchema,
    subject: subjectSchema,
    data: factDataSchema,
    by: factSourceSchema,
    depth: z.number().int().nonnegative(),
  }),
  /** A person moved the virtual clock forward; `offsetMs` is the total since the project began. */
  'clock.advanced': z.strictObject({ byMs: z.number().int().positive(), offsetMs: z.number().int().nonnegative() }),
  'intentGap.opened': z.strictObject({
    gapId: gapIdSchema,
    kind: gapKindSchema,
    intentId: intentIdSchema,
    /** What the gap is about, stable across a replay: one open gap per key. */
    key: z.string().max(300),
    summary: z.string().max(500),
    causeSeqs: z.array(z.number().int().nonnegative()).max(200),
    depth: z.number().int().nonnegative(),
    /** What an agent closing it may write: `fact/subject` pairs, for conflict checks. */
    scope: z.array(z.string().max(300)).max(200),
    /** Steps whose facts caused it: marked on the canvas while it is open. */
    stepIds: z.array(stepIdSchema).max(50),
    /** The virtual time it opened at. */
    at: z.number().nonnegative(),
  }),
  'intentAgent.spawned': z.strictObject({
    agentId: agentIdSchema,
    gapId: gapIdSchema,
    intentId: intentIdSchema,
    modelId: modelIdSchema,
    modelVersion: z.number().int().positive(),
    goal: z.string().max(500),
    contextSeqs: z.array(z.number().int().nonnegative()).max(500),
    budget: z.strictObject({ deadlineMs: z.number().int().positive(), cost: z.number().nonnegative() }),
    constraints: z.array(z.string().max(300)).max(20),
    strategy: strategySchema,
    seed: z.number().int().nonnegative(),
    depth: z.number().int().nonnegative(),
    at: z.number().nonnegative(),
  }),
  /** The agent's work: the draft it submits (or its failure, or its call for a person). */
  'intentAgent.worked': z.strictObject({
    agentId: agentIdSchema,
    gapId: gapIdSchema,
    proposed: z.number().int().nonnegative(),
    durationMs: z.number().nonnegative(),
    logs: z.array(z.string().max(2_000)).max(200),
  }),
  /** The gate accepted drafts; the facts follow in the same append. Several drafts compose into one. */
  'draft.promoted': z.strictObject({
    agentIds: z.array(agentIdSchema).min(1),
    gapIds: z.array(gapIdSchema).min(1),
    strategy: z.enum(['alone', 'composed']),
    why: z.string().max(500),
  }),
  'draft.rejected': z.strictObject({
    agentId: agentIdSchema,
    gapId: gapIdSchema,
    /** `stale`: its gap closed while it worked (optimistic concurrency); `gate`: it broke an invariant or policy. */
    cause: z.enum(['gate', 'stale', 'conflict']),
    reason: z.string().max(2_000),
  }),
  'intentAgent.resolved': z.strictObject({
    agentId: agentIdSchema,
    gapId: gapIdSchema,
    outcome: z.enum(['promoted', 'rejected', 'stale', 'needs-person', 'failed']),
    reason: z.string().max(2_000).optional(),
  }),
  'intentAgent.died': z.strictObject({ agentId: agentIdSchema, gapId: gapIdSchema, at: z.number().nonnegative() }),
  /**
   * `healed`: an agent's facts closed it; `satisfied`: the log caught up by itself; `withdrawn`: its
   * intent changed; `dismissed` (v2): a person it was sent to closed it. `escalated`: it went to a
   * person, in logs written before v2 (since then a gap sent to a person stays open until answered).
   */
  'intentGap.closed': z.strictObject({
    gapId: gapIdSchema,
    resolution: z.enum(['healed', 'satisfied', 'escalated', 'withdrawn', 'dismissed']),
  }),
  'breaker.tripped': z.strictObject({
    breaker: breakerNameSchema,
    gapId: gapIdSchema,
    intentId: intentIdSchema,
    detail: z.string().max(500),
  }),
  'inbox.added': z.strictObject({
    itemId: z.string().min(1).max(80),
    gapId: gapIdSchema,
    intentId: intentIdSchema,
    source: z.enum(['agent', 'breaker']),
    reason: z.string().max(2_000),
  }),
  /**
   * A person answered a gap sent to them: `retry` sends agents to it again (their count starts
   * over), `dismiss` closes it as it is. (Recording the missing fact closes it too, by itself.)
   */
  'inbox.answered': z.strictObject({
    itemId: z.string().min(1).max(80),
    gapId: gapIdSchema,
    decision: z.enum(['retry', 'dismiss']),
    notes: z.string().max(5_000).optional(),
  }),
} as const;

type IntentEventSchemas = typeof intentEventSchemas;
declare module '../events/eventMap' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging: the intents' events join the one event map
  interface EventSchemas extends IntentEventSchemas {}
}
