import { z } from 'zod';
import { runIdSchema, stepIdSchema } from '../events/primitives';
import {
  MAX_VARIANTS,
  MIN_VARIANTS,
  exploreBudgetSchema,
  exploreIdSchema,
  exploreScoreSchema,
  variantChangeSchema,
} from './exploreSchema';

/**
 * A variant as a person asks for it: the recorded changes, or another prompt for an LLM step. A
 * prompt variant becomes a model of its own (a copy of the step's model with that prompt, saved
 * with the exploration), so its fork runs it, and promoting it is a change of the step's model.
 */
export const requestedChangeSchema = z.discriminatedUnion('kind', [
  ...variantChangeSchema.options,
  z.strictObject({
    kind: z.literal('prompt'),
    stepId: stepIdSchema,
    prompt: z.string().trim().min(1, 'cannot be empty').max(50_000),
  }),
]);

/** N forks of `runId` from event `atSeq`, one per variant, scored by `score` once all have finished. */
export const startExploreSchema = z.strictObject({
  type: z.literal('startExplore'),
  runId: runIdSchema,
  atSeq: z.number().int().nonnegative(),
  variants: z
    .array(z.strictObject({ change: requestedChangeSchema }))
    .min(MIN_VARIANTS, `an exploration needs at least ${MIN_VARIANTS} variants`)
    .max(MAX_VARIANTS, `an exploration takes at most ${MAX_VARIANTS} variants`),
  score: exploreScoreSchema,
  budget: exploreBudgetSchema.optional(),
});
/** Scores and ranks an exploration whose variants have all finished (refused before that, or twice). */
export const scoreExploreSchema = z.strictObject({ type: z.literal('scoreExplore'), exploreId: exploreIdSchema });
/** Makes a variant's change (the winner's when `runId` is absent) the flow's default: an undoable flow edit. */
export const promoteExploreSchema = z.strictObject({
  type: z.literal('promoteExplore'),
  exploreId: exploreIdSchema,
  runId: runIdSchema.optional(),
});

export type ExploreCommand =
  z.output<typeof startExploreSchema> | z.output<typeof scoreExploreSchema> | z.output<typeof promoteExploreSchema>;
