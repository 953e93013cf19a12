import { z } from 'zod';
import { ERROR_CLASSES } from '../errors/errorClasses';
import { modelIdSchema, portNameSchema, stepIdSchema } from '../events/primitives';
import { policySchema } from '../policy/policy';

/** When a step with several inputs may start: all of them, any one, or a quorum of N. */
export const joinSchema = z.discriminatedUnion('policy', [
  z.strictObject({ policy: z.literal('all') }),
  z.strictObject({ policy: z.literal('any') }),
  z.strictObject({ policy: z.literal('quorum'), n: z.number().int().min(1).max(16) }),
]);
export type Join = z.infer<typeof joinSchema>;

export const retrySchema = z.strictObject({
  /** Attempts per model, the first included. */
  maxAttempts: z.number().int().min(1).max(10),
  backoff: z.enum(['fixed', 'linear', 'exponential']).default('exponential'),
  baseMs: z.number().int().min(0).max(600_000).default(1_000),
  maxMs: z.number().int().min(0).max(3_600_000).default(60_000),
  /** Failures worth another try; others go straight to the fallback chain. */
  on: z.array(z.enum(ERROR_CLASSES)).min(1).default(['timeout', 'rate-limit', 'server', 'network']),
});
export type Retry = z.infer<typeof retrySchema>;

/**
 * How one step of a flow runs, beyond its model: the step's own settings, frozen into each run's
 * plan. Every field is optional; an empty object is a plain step.
 */
export const stepSettingsSchema = z.strictObject({
  join: joinSchema.optional(),
  /** Fan out: run the model once per item of this input's list, at most `concurrency` at once, and gather the results in order. */
  map: z.strictObject({ port: portNameSchema, concurrency: z.number().int().min(1).max(32).default(4) }).optional(),
  retry: retrySchema.optional(),
  /** Models to try, in order, when the step's model has failed for good. Same ports required. */
  fallbacks: z.array(modelIdSchema).max(8).optional(),
  /** A non-critical step that fails is skipped, and the run goes on without it. */
  critical: z.boolean().optional(),
  /**
   * Reverse reconstruction: when this step's outputs are missing but the named downstream
   * artifacts exist, the conductor rebuilds them with `model`, whose inputs are named after `from`.
   */
  rebuild: z
    .strictObject({
      model: modelIdSchema,
      from: z
        .array(z.strictObject({ stepId: stepIdSchema, port: portNameSchema, as: portNameSchema }))
        .min(1)
        .max(16),
    })
    .optional(),
  policy: policySchema.optional(),
});
export type StepSettings = z.infer<typeof stepSettingsSchema>;
