import { z } from 'zod';
import { modelFields } from '../modelFields';
import { levelSchema } from '../../quest/levelSchema';

/**
 * A Function Quest function as a model: `level` names the level (its id) and `fn` the function.
 * Its inputs are the function's parameters and its one output is what it returns, so a person
 * wires calls into a flow the way they wire any steps. A level that is not built in (one a person
 * wrote) travels inside its models as `world`, so a project shares it like any other definition.
 */
export const questModelSchema = z.strictObject({
  ...modelFields,
  kind: z.literal('quest'),
  level: z.string().regex(/^[a-z0-9-]{1,60}$/),
  fn: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/),
  world: levelSchema.optional(),
});
export type QuestModel = z.infer<typeof questModelSchema>;
