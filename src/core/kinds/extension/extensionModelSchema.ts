import { z } from 'zod';
import { modelFields } from '../modelFields';

/** An extension's id or one of its kinds: a lowercase slug. */
export const extensionSlugSchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,62}$/, 'use lowercase letters, digits and -, starting with a letter');

/**
 * A model of a kind an installed extension provides. What the kind does lives in the extension
 * (its manifest and code, in the log); the model names it and carries the settings the kind's
 * schema checks when the model is saved.
 */
export const extensionModelSchema = z.strictObject({
  ...modelFields,
  kind: z.literal('extension'),
  extension: z.strictObject({ id: extensionSlugSchema, kind: extensionSlugSchema }),
  settings: z.record(z.string().max(100), z.json()).default({}),
});
export type ExtensionModel = z.infer<typeof extensionModelSchema>;
