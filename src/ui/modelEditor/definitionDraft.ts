import { canonicalJson } from '../../core/events/canonicalJson';
import type { KindRegistry } from '../../core/kinds/kindRegistry';
import type { ProjectDefinitions } from '../../core/project/projectState';
import type { ModelDefinition } from '../../core/models/modelDefinition';
import { parseJsonc } from '../jsonc/jsoncCheck';
import { definitionKindOf, definitionSchema } from './definitionKinds';

export { declaredKind } from './definitionKinds';

/**
 * An existing model as the document a person edits: its JSON without `version` (the conductor
 * assigns it), with the ids it stores shown by today's names (a sub-flow's flow).
 */
export function textFromModel(model: ModelDefinition, kinds: KindRegistry, defs: ProjectDefinitions): string {
  const { version, ...stored } = model;
  const kind = kinds.of(model);
  const rest = kind?.showNames ? kind.showNames(stored, defs) : stored;
  return `// Version ${version} of this model. Saving makes version ${version + 1}; Ctrl+Space completes, hover explains.\n${JSON.stringify(rest, null, 2)}\n`;
}

/** The document with the names it gives resolved to ids, as the conductor would store it; as written when a name matches nothing. */
function withIds(kinds: KindRegistry, model: ModelDefinition, value: unknown, defs: ProjectDefinitions): unknown {
  const kind = kinds.of(model);
  if (!kind?.resolveNames || !value || typeof value !== 'object' || Array.isArray(value)) return value;
  try {
    return kind.resolveNames(value as Record<string, unknown>, defs);
  } catch {
    return value;
  }
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
export function documentMatchesModel(
  kinds: KindRegistry,
  text: string,
  model: ModelDefinition,
  defs: ProjectDefinitions,
): boolean {
  const kind = definitionKindOf(kinds, model);
  const schema = kind === null ? undefined : definitionSchema(kinds, kind);
  const parsed = parseJsonc(text);
  if (!schema || !parsed.ok) return false;
  const checked = schema.safeParse(withIds(kinds, model, parsed.value, defs));
  return checked.success && comparable(checked.data) === comparable(model);
}
