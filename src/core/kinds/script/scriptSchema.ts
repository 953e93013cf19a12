import { z } from 'zod';
import { DEFAULT_TIMEOUT_MS, MAX_MODEL_SOURCE_CHARS, modelFields } from '../modelFields';

/**
 * A script model: user TypeScript run in a sandbox. `source` is what the person wrote; `compiled`
 * is the JavaScript the conductor derived from it when it was saved, so a run never compiles.
 */
export const scriptModelSchema = z.strictObject({
  ...modelFields,
  kind: z.literal('script'),
  source: z.string().max(MAX_MODEL_SOURCE_CHARS),
  compiled: z.string().max(MAX_MODEL_SOURCE_CHARS * 2),
  timeoutMs: z.number().int().min(100).max(600_000).default(DEFAULT_TIMEOUT_MS),
});
export type ScriptModel = z.infer<typeof scriptModelSchema>;
