import { z } from 'zod';

/**
 * The `learning` key of a policy: how a step's candidate models (its own and its fallback chain)
 * are ordered. `fixed` (the default) keeps the chain as written; `thompson` orders it at the start
 * of each run by Thompson sampling over the step's recorded outcomes, weighing success, cost and
 * latency by `weights`. No import from the policy module: the policy embeds this schema.
 */
export const learningPolicySchema = z.strictObject({
  fallbackOrder: z.enum(['fixed', 'thompson']).optional(),
  weights: z
    .strictObject({
      success: z.number().min(0).max(10).optional(),
      cost: z.number().min(0).max(10).optional(),
      latency: z.number().min(0).max(10).optional(),
    })
    .optional(),
});
export type LearningPolicy = z.infer<typeof learningPolicySchema>;

/** Merges two levels key by key (a step that sets only `weights.cost` keeps the flow's `fallbackOrder`). */
export function mergeLearning(was: LearningPolicy | undefined, next: LearningPolicy): LearningPolicy {
  const weights = was?.weights || next.weights ? { ...was?.weights, ...next.weights } : undefined;
  return { ...was, ...next, ...(weights ? { weights } : {}) };
}
