import type { z } from 'zod';
import { modelIdSchema } from '../events/primitives';

type ModelObject = z.ZodObject<{ version: z.ZodNumber; modelId: typeof modelIdSchema } & z.ZodRawShape>;

/** What a definition document may hold: the model's schema without `version`, and `modelId` only to name the model it updates. */
export const documentSchemaOf = (schema: ModelObject, extend: z.ZodRawShape = {}): z.ZodType =>
  schema.omit({ version: true, modelId: true }).extend({ modelId: modelIdSchema.optional(), ...extend });
