import { z } from 'zod';
import { artifactKindSchema } from '../events/primitives';
import { learningPolicySchema, mergeLearning } from './learningPolicy';
import { flowTriggerSchema } from './flowTrigger';

/** Spend limits: tokens, US dollars and wall time. Any of them may be left out (no limit). */
export const limitsSchema = z.strictObject({
  tokens: z.number().int().nonnegative().optional(),
  costUsd: z.number().nonnegative().optional(),
  wallMs: z.number().int().nonnegative().optional(),
});
export type Limits = z.infer<typeof limitsSchema>;

/**
 * Rules for how steps may run. Written as code (JSON with comments) at three levels, project → flow
 * → step, merged with later levels overriding earlier ones key by key (see mergePolicies).
 */
export const policySchema = z.strictObject({
  /** Kinds of artifact a step may produce; anything else is a violation and fails the step. */
  allowedOutputKinds: z.array(artifactKindSchema).min(1).optional(),
  /** The most tokens one model call may produce. */
  maxTokens: z.number().int().positive().optional(),
  /** The longest one agent may work, in ms. */
  timeoutMs: z.number().int().min(100).max(86_400_000).optional(),
  /**
   * An output's `confidence` (0–1, a field of a JSON output) at or above `high` is promoted
   * autonomously; at or above `medium` promoted with a caution mark; below it, a person is asked.
   */
  confidence: z
    .strictObject({ high: z.number().min(0).max(1), medium: z.number().min(0).max(1) })
    .refine((c) => c.medium <= c.high, 'medium must not be above high')
    .optional(),
  budget: z
    .strictObject({
      run: limitsSchema.optional(),
      step: limitsSchema.optional(),
      agent: limitsSchema.optional(),
      /** When a step would overspend: stop the run there, or ask a person first. */
      onExceed: z.enum(['stop', 'ask']).optional(),
    })
    .optional(),
  /** How a step's candidate models are ordered: as written (`fixed`, the default) or learned (`thompson`). */
  learning: learningPolicySchema.optional(),
});
export type Policy = z.infer<typeof policySchema>;

/** A flow's policy, and what starts it without a person (a runner acts on `trigger`: see flowTrigger.ts). */
export const flowPolicySchema = policySchema.extend({ trigger: flowTriggerSchema.optional() });
export type FlowPolicy = z.infer<typeof flowPolicySchema>;

/** The project's and each flow's policy (flows by name, so the document reads as written). */
export const policiesDocumentSchema = z.strictObject({
  project: policySchema.default({}),
  flows: z.record(z.string().min(1).max(120), flowPolicySchema).default({}),
});
export type PoliciesDocument = z.infer<typeof policiesDocumentSchema>;

const mergeLimits = (a: Limits | undefined, b: Limits | undefined): Limits | undefined =>
  a || b ? { ...a, ...b } : undefined;

/**
 * Merges policies in order, later overriding earlier. Objects merge key by key (a step that sets
 * only `budget.step.tokens` keeps the flow's `budget.run`); lists and numbers replace.
 */
export function mergePolicies(...levels: ReadonlyArray<Policy | undefined>): Policy {
  let merged: Policy = {};
  for (const level of levels) {
    if (!level) continue;
    // A flow's trigger says what starts the flow, not how its steps run: it is not merged.
    const { budget, learning, trigger: _startedBy, ...rest } = level as FlowPolicy;
    merged = { ...merged, ...rest };
    if (learning) merged.learning = mergeLearning(merged.learning, learning);
    if (budget) {
      const was = merged.budget ?? {};
      const next: NonNullable<Policy['budget']> = { ...was };
      for (const key of ['run', 'step', 'agent'] as const) {
        const limits = mergeLimits(was[key], budget[key]);
        if (limits) next[key] = limits;
      }
      if (budget.onExceed) next.onExceed = budget.onExceed;
      merged.budget = next;
    }
  }
  return merged;
}

export type ConfidenceLevel = 'high' | 'medium' | 'low';

/** Where a confidence falls under a policy; without thresholds (or a value) nothing is gated. */
export function confidenceLevel(policy: Policy, confidence: number | undefined): ConfidenceLevel {
  if (!policy.confidence || confidence === undefined) return 'high';
  if (confidence >= policy.confidence.high) return 'high';
  return confidence >= policy.confidence.medium ? 'medium' : 'low';
}
