import { z } from 'zod';
import { modelFields } from '../modelFields';

/** The node an imported step came from: enough to show it, and for a later import to do better. */
export const importedSourceSchema = z.strictObject({
  format: z.enum(['rivet', 'n8n']),
  /** The node's type as the other tool names it (`chat`, `n8n-nodes-base.slack`). */
  type: z.string().min(1).max(200),
  /** The node's own id in the file, or its name when the file has none (old n8n files). */
  id: z.string().min(1).max(200),
  name: z.string().max(400),
});
export type ImportedSource = z.infer<typeof importedSourceSchema>;

/**
 * A placeholder for a node of another tool that the import could not turn into a step of a real
 * kind: it keeps the node's type, parameters and ports exactly, says why it was kept, and refuses
 * to run with that sentence until a person replaces it.
 */
export const importedModelSchema = z.strictObject({
  ...modelFields,
  kind: z.literal('imported'),
  source: importedSourceSchema,
  /** The node's parameters as the file had them (credentials are never among them). */
  parameters: z.json(),
  /** Why it is a placeholder, in a sentence, and what to do. */
  reason: z.string().min(1).max(2_000),
});
export type ImportedModel = z.infer<typeof importedModelSchema>;
