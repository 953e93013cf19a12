import type { KindModule } from '../kindModule';
import { importedModelSchema, type ImportedModel } from './importedSchema';

/** The sentence a placeholder step fails with: what it was, why it was kept, what to do. */
export function placeholderRefusal(model: ImportedModel): string {
  return `“${model.name}” is a ${model.source.format} ${model.source.type} node kept as it was imported: ${model.reason} Replace it with a model of a real kind (inspector → Model), then run again.`;
}

/**
 * Placeholders from an import (Rivet, n8n): a node that did not map. The step keeps the node's
 * type, parameters and ports, shows “imported: needs you”, and its work refuses to run, so the
 * rest of the flow runs and the run says which step needs a person.
 */
export const importedKind: KindModule<ImportedModel> = {
  key: 'imported',
  extensionId: 'built-in.imported',
  label: 'Imported placeholder',
  schema: importedModelSchema,
  editor: 'definition',
  role: () => 'agent',
  work: (model) =>
    Promise.resolve({
      ok: false,
      reason: placeholderRefusal(model),
      errorClass: 'bad-request',
      logs: [],
      durationMs: 0,
    }),
  badge: () => 'imported: needs you',
  // Made only by an import, never from "New model ▾".
  templates: [],
  templateOf: () => 'imported',
  docs: {
    source: 'The node this placeholder was imported from: its tool, type, id and name.',
    parameters: 'The node’s parameters exactly as the imported file had them.',
    reason: 'Why the import kept this node as a placeholder.',
  },
};
