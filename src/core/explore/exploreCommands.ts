import { z } from 'zod';
import { runIdSchema } from '../events/primitives';
import { MAX_VARIANTS, MIN_VARIANTS, exploreBudgetSchema, exploreIdSchema, exploreScoreSchema, variantChangeSchema } from './exploreSchema';

/** The conductor's commands for explorations (joined into commandSchema). */
export const exploreCommandSchemas = [
  /** N forks of `runId` from event `atSeq`, one per variant, scored by `score` once all have finished. */
  z.strictObject({
    type: z.literal('startExplore'),
    runId: runIdSchema,
    atSeq: z.number().int().nonnegative(),
    variants: z
      .array(z.strictObject({ change: variantChangeSchema }))
      .min(MIN_VARIANTS, `an exploration needs at least ${MIN_VARIANTS} variants`)
      .max(MAX_VARIANTS, `an exploration takes at most ${MAX_VARIANTS} variants`),
    score: exploreScoreSchema,
    budget: exploreBudgetSchema.optional(),
  }),
  /** Scores and ranks an exploration whose variants have all finished (refused before that, or twice). */
  z.strictObject({ type: z.literal('scoreExplore'), exploreId: exploreIdSchema }),
  /** Makes a variant's change (the winner's when `runId` is absent) the flow's default: an undoable flow edit. */
  z.strictObject({ type: z.literal('promoteExplore'), exploreId: exploreIdSchema, runId: runIdSchema.optional() }),
] as const;
