import { canonicalJson } from '../../core/events/canonicalJson';
import type { KindRegistry } from '../../core/kinds/kindRegistry';
import type { ModelDefinition } from '../../core/models/modelDefinition';
import { parseJsonc } from '../jsonc/jsoncCheck';
import { definitionKindOf, definitionSchema } from './definitionKinds';

export { declaredKind } from './definitionKinds';

/** An existing model as the document a person edits: its JSON without `version` (the conductor assigns it). */
export function textFromModel(model: ModelDefinition): string {
  const { version, ...rest } = model;
  return `// Version ${version} of this model. Saving makes version ${version + 1}; Ctrl+Space completes, hover explains.\n${JSON.stringify(rest, null, 2)}\n`;
}

const comparable = (value: unknown): string | null => {
  if (!value || typeof value !== 'object') return null;
  const { modelId: _id, version: _version, ...rest } = value as Record<string, unknown>;
  return canonicalJson(rest);
};

/**
 * True when the document says what `model` already is (defaults applied, ids and version aside):
 * the model that arrived is this document's own save coming back, so the text, comments and all, stays.
 */
export function documentMatchesModel(kinds: KindRegistry, text: string, model: ModelDefinition): boolean {
  const kind = definitionKindOf(kinds, model);
  const schema = kind === null ? undefined : definitionSchema(kinds, kind);
  const parsed = parseJsonc(text);
  if (!schema || !parsed.ok) return false;
  const checked = schema.safeParse(parsed.value);
  return checked.success && comparable(checked.data) === comparable(model);
}
