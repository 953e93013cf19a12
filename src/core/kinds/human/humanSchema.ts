import { z } from 'zod';
import { modelFields } from '../modelFields';

/** A model backed by a person: when its step is due, the inbox asks them to type or upload each output. */
export const humanModelSchema = z.strictObject({
  ...modelFields,
  kind: z.literal('human'),
  instructions: z.string().max(5_000).default(''),
});
export type HumanModel = z.infer<typeof humanModelSchema>;
