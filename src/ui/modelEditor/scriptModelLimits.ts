import type { z } from 'zod';
import { scriptModelSchema } from '../../core/kinds/script/scriptSchema';

/** The largest length an array schema allows (its `.max(n)` check), or Infinity without one. */
function maxLength(schema: z.ZodType): number {
  const checks = schema.def.checks ?? [];
  const limits = checks
    .map((check) => check._zod.def)
    .flatMap((def) =>
      def.check === 'max_length' && 'maximum' in def && typeof def.maximum === 'number' ? [def.maximum] : [],
    );
  return Math.min(Infinity, ...limits);
}

const timeout = scriptModelSchema.shape.timeoutMs.unwrap();

/**
 * What the conductor accepts for a script model, read from the schema it validates with, so the
 * editor's own checks (early, as a person types) can never drift from the conductor's verdict.
 */
export const SCRIPT_MODEL_LIMITS = {
  timeoutMs: { min: timeout.minValue ?? 0, max: timeout.maxValue ?? Number.MAX_SAFE_INTEGER },
  ports: Math.min(maxLength(scriptModelSchema.shape.inputs), maxLength(scriptModelSchema.shape.outputs)),
} as const;

/** True when the timeout is one the conductor accepts for a script model. */
export const isAcceptedTimeout = (ms: number): boolean => timeout.safeParse(ms).success;
