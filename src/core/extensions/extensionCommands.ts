import { z } from 'zod';

/** `file`: the extension file's text; `approve`: the person approved what it asks for. */
export const installExtensionSchema = z.strictObject({
  type: z.literal('installExtension'),
  file: z.string().max(1_000_000),
  approve: z.boolean(),
});
export const approveExtensionSchema = z.strictObject({
  type: z.literal('approveExtension'),
  extensionId: z.string().max(64),
});
export const setExtensionEnabledSchema = z.strictObject({
  type: z.literal('setExtensionEnabled'),
  extensionId: z.string().max(64),
  enabled: z.boolean(),
});
/** Without `confirm`, removing an extension that steps still use is refused, naming them. */
export const removeExtensionSchema = z.strictObject({
  type: z.literal('removeExtension'),
  extensionId: z.string().max(64),
  confirm: z.boolean().default(false),
});

export type ExtensionCommand =
  | z.output<typeof installExtensionSchema>
  | z.output<typeof approveExtensionSchema>
  | z.output<typeof setExtensionEnabledSchema>
  | z.output<typeof removeExtensionSchema>;
