import { z } from 'zod';
import { modelIdSchema, stepIdSchema } from '../events/primitives';

const candidateSchema = z.strictObject({
  modelId: modelIdSchema,
  modelVersion: z.number().int().positive(),
  /** The step's recorded attempts with this model before the run, and how many succeeded. */
  runs: z.number().int().nonnegative(),
  successes: z.number().int().nonnegative(),
  meanCostUsd: z.number().nonnegative(),
  meanLatencyMs: z.number().nonnegative(),
  /** The success rate drawn from its Beta posterior, and the weighted score the chain was sorted by. */
  draw: z.number().min(0).max(1),
  score: z.number().finite(),
});

/**
 * Learning's events. `model.chosen`: at the start of a run, a step whose policy says
 * `learning.fallbackOrder: "thompson"` had its candidate models ordered by Thompson sampling over
 * the step's recorded outcomes. The run's plan already holds the chain in this order; the event
 * says why, with the seed the draws came from and the weights, so the choice can be checked
 * again from the log alone (see replayChoices).
 */
export const learningEventSchemas = {
  'model.chosen': z.strictObject({
    stepId: stepIdSchema,
    /** The chain as it will be tried, first choice first. */
    order: z.array(modelIdSchema).min(1).max(9),
    seed: z.number().int().nonnegative(),
    weights: z.strictObject({ success: z.number(), cost: z.number(), latency: z.number() }),
    candidates: z.array(candidateSchema).max(9),
    /** For a person: “chose Backup: 14 of 15 succeeded, $0.002 a call”. */
    reason: z.string().max(500),
  }),
} as const;

export const LEARNING_RUN_EVENT_TYPES = ['model.chosen'] as const;

type LearningEventSchemas = typeof learningEventSchemas;
declare module '../events/eventMap' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging: the learning's choices events join the one event map
  interface EventSchemas extends LearningEventSchemas {}
}
