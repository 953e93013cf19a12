import { z } from 'zod';
import { modelFields } from '../modelFields';

export const qualityCheckSchema = z.strictObject({
  type: z.literal('quality'),
  rule: z.string().trim().min(1).max(2_000),
});
export const approvalCheckSchema = z.strictObject({
  type: z.literal('approval'),
  question: z.string().max(2_000).default('Approve this?'),
  /** How long a person has to answer; without it, the run waits for as long as it takes. */
  answerWithinMs: z.number().int().min(100).max(31_536_000_000).optional(),
  /** What happens when nobody answers in time. */
  onTimeout: z.enum(['reject', 'approve', 'fail']).default('reject'),
});
export const budgetCheckSchema = z.strictObject({
  type: z.literal('budget'),
  /** What the rest of the run needs: the gate passes only if the run's budget has this left. */
  reserve: z.strictObject({
    tokens: z.number().nonnegative().optional(),
    costUsd: z.number().nonnegative().optional(),
  }),
});

/**
 * A gate passes its input on `pass` (or `approved`) or stops it. `quality` checks a CEL rule on the
 * artifact; `approval` asks a person; `budget` checks what the run has left.
 */
export const gateModelSchema = z.strictObject({
  ...modelFields,
  kind: z.literal('gate'),
  check: z.discriminatedUnion('type', [qualityCheckSchema, approvalCheckSchema, budgetCheckSchema]),
});
export type GateModel = z.infer<typeof gateModelSchema>;
