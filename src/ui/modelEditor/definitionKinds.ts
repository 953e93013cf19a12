import type { z } from 'zod';
import type { KindRegistry } from '../../core/kinds/kindRegistry';
import { kindKeyOf } from '../../core/kinds/kindRegistry';
import { modelFieldDocs } from '../../core/kinds/modelFields';
import type { ModelDefinition } from '../../core/models/modelDefinition';

/**
 * What "New model ▾" and the definition editor call a kind of document: a template key from the
 * kind registry (`llm`, `gate-approval`, `csv-tools/parse-csv`). Every model kind but script is
 * written this way.
 */
export type DefinitionKind = string;

let opened = 0;

/**
 * What uiStore.editingModel holds for a model not made yet: `new` (a script) or
 * `new:<template>:<n>`, unique per opening, so a second new model never inherits the first one's editor.
 */
/** `script` is the code editor's own key. */
export const newModelKey = (kind: DefinitionKind): string => (kind === 'script' ? 'new' : `new:${kind}:${++opened}`);

/** The template in a `new:<template>:<n>` key, or null for anything else. */
export function kindOfNewKey(key: string): DefinitionKind | null {
  const match = /^new:(.+):\d+$/.exec(key);
  return match?.[1] ?? null;
}

/** The template an existing model's document is checked with; null for a model written as code (or of a kind not installed). */
export function definitionKindOf(kinds: KindRegistry, model: ModelDefinition): DefinitionKind | null {
  const kind = kinds.of(model);
  return kind && kind.editor === 'definition' ? kind.templateOf(model) : null;
}

/** How the palette and titles name a model's kind: "Script", "LLM", "Gate — approval", an extension kind's label. */
export function kindLabel(kinds: KindRegistry, model: ModelDefinition): string {
  const kind = kinds.of(model);
  if (!kind) return 'kind not installed';
  return kinds.template(kind.templateOf(model))?.label ?? kind.label;
}

/** The zod schema a definition of `key` is checked with while typing (the conductor checks again on save). */
export const definitionSchema = (kinds: KindRegistry, key: DefinitionKind): z.ZodType | undefined =>
  kinds.template(key)?.document;

/** Hover text for every field of a definition: the common fields and each kind's own. */
export function definitionDocs(kinds: KindRegistry): Record<string, string> {
  return Object.assign({}, modelFieldDocs, ...kinds.all().map((k) => k.docs)) as Record<string, string>;
}

/** The template a document declares (its `kind`, and what the kind reads of it), if the registry has it. */
export function declaredKind(kinds: KindRegistry, value: unknown): DefinitionKind | null {
  if (!value || typeof value !== 'object') return null;
  const kind = kinds.get(kindKeyOf(value as never));
  if (!kind || kind.editor !== 'definition') return null;
  try {
    const key = kind.templateOf(value as never);
    return kinds.template(key) ? key : null;
  } catch {
    return null;
  }
}
