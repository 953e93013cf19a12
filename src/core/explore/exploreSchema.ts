import { z } from 'zod';
import { flowIdSchema, labelSchema, modelIdSchema, runIdSchema, stepIdSchema } from '../events/primitives';

/** An exploration's id: `explore_…`, made by the conductor when it starts. */
export const exploreIdSchema = z
  .string()
  .min(1)
  .max(80)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'use letters, digits, _ . : or -');

export const MIN_VARIANTS = 2;
export const MAX_VARIANTS = 5;

/**
 * What one variant changes, on one step, in its fork only:
 *  - `model`: the step runs another model (same ports);
 *  - `fallbacks`: the step's fallback chain is replaced (models tried in order after the step's own fails).
 */
export const variantChangeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('model'), stepId: stepIdSchema, modelId: modelIdSchema }),
  z.strictObject({ kind: z.literal('fallbacks'), stepId: stepIdSchema, fallbacks: z.array(modelIdSchema).max(8) }),
]);
export type VariantChange = z.infer<typeof variantChangeSchema>;

/**
 * How variants are scored once all have finished:
 *  - `tests`: how many of the flow's tests the variant's run passes (judged on its outputs);
 *  - `cel`: a CEL expression giving a number (or true/false, as 1/0) over `outputs` (by step
 *    label, then port), `status`, `costUsd` and `tokens`.
 */
export const exploreScoreSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('tests') }),
  z.strictObject({ kind: z.literal('cel'), expression: z.string().min(1).max(2_000) }),
]);
export type ExploreScore = z.infer<typeof exploreScoreSchema>;

/** The budget shared by all variants: each variant's run gets an equal share of it. */
export const exploreBudgetSchema = z.strictObject({
  costUsd: z.number().nonnegative().optional(),
  tokens: z.number().int().nonnegative().optional(),
});
export type ExploreBudget = z.infer<typeof exploreBudgetSchema>;

export const exploreVariantSchema = z.strictObject({
  /** What a person reads: "B: model Summariser (short)". */
  label: labelSchema,
  change: variantChangeSchema,
  /** The fork that tries it. */
  runId: runIdSchema,
});
export type ExploreVariant = z.infer<typeof exploreVariantSchema>;

/** One variant's verdict. `score` is null when it could not be scored (its run failed, its expression threw). */
export const variantResultSchema = z.strictObject({
  runId: runIdSchema,
  status: z.enum(['succeeded', 'failed', 'interrupted']),
  score: z.number().nullable(),
  costUsd: z.number().nonnegative(),
  tokens: z.number().int().nonnegative(),
  /** The score in words ("2 of 3 tests pass"), or why there is none. */
  detail: z.string().max(2_000),
});
export type VariantResult = z.infer<typeof variantResultSchema>;

/** Explorations' events. None belongs to a run: each names its runs in its data. */
export const exploreEventSchemas = {
  /** N forks of one run from one point, each with its variant's change, started in the same append. */
  'explore.started': z.strictObject({
    exploreId: exploreIdSchema,
    flowId: flowIdSchema,
    parent: z.strictObject({ runId: runIdSchema, atSeq: z.number().int().nonnegative() }),
    score: exploreScoreSchema,
    budget: exploreBudgetSchema.optional(),
    variants: z.array(exploreVariantSchema).min(MIN_VARIANTS).max(MAX_VARIANTS),
  }),
  /** Every variant had finished: each scored, ranked best first, the winner named (null when none could be scored). */
  'explore.scored': z.strictObject({
    exploreId: exploreIdSchema,
    results: z.array(variantResultSchema).max(MAX_VARIANTS),
    ranking: z.array(runIdSchema).max(MAX_VARIANTS),
    winner: runIdSchema.nullable(),
  }),
  /** A variant's change was made the flow's default (the flow edit is its own, undoable, event). */
  'explore.promoted': z.strictObject({ exploreId: exploreIdSchema, runId: runIdSchema }),
} as const;

type ExploreEventSchemas = typeof exploreEventSchemas;
declare module '../events/eventMap' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging: the explorations' events join the one event map
  interface EventSchemas extends ExploreEventSchemas {}
}
