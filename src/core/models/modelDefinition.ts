import { z } from 'zod';
import { labelSchema, modelIdSchema, portSchema } from '../events/primitives';

export const MAX_MODEL_SOURCE_CHARS = 200_000;
export const DEFAULT_TIMEOUT_MS = 10_000;

const uniquePorts = (ports: { name: string }[]) => new Set(ports.map((p) => p.name)).size === ports.length;

/**
 * A script model: user TypeScript run in a sandbox. `source` is what the person wrote; `compiled`
 * is the JavaScript the conductor derived from it when it was saved, so a run never compiles.
 */
export const scriptModelSchema = z.strictObject({
  modelId: modelIdSchema,
  kind: z.literal('script'),
  name: labelSchema,
  description: z.string().max(2_000).default(''),
  version: z.number().int().positive(),
  inputs: z.array(portSchema).max(16).refine(uniquePorts, 'port names must be unique'),
  outputs: z.array(portSchema).min(1, 'a model needs at least one output').max(16).refine(uniquePorts, 'port names must be unique'),
  source: z.string().max(MAX_MODEL_SOURCE_CHARS),
  compiled: z.string().max(MAX_MODEL_SOURCE_CHARS * 2),
  timeoutMs: z.number().int().min(100).max(600_000).default(DEFAULT_TIMEOUT_MS),
});
export type ScriptModel = z.infer<typeof scriptModelSchema>;

/** Later model kinds (llm, human) join this union. */
export const modelSchema = z.discriminatedUnion('kind', [scriptModelSchema]);
export type ModelDefinition = z.infer<typeof modelSchema>;
