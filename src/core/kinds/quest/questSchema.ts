import { z } from 'zod';
import { modelFields } from '../modelFields';

/**
 * A Function Quest function as a model: `level` names the level (its id) and `fn` the function.
 * Its inputs are the function's parameters and its one output is what it returns, so a person
 * wires calls into a flow the way they wire any steps.
 */
export const questModelSchema = z.strictObject({
  ...modelFields,
  kind: z.literal('quest'),
  level: z.string().regex(/^[a-z0-9-]{1,60}$/),
  fn: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/),
});
export type QuestModel = z.infer<typeof questModelSchema>;
