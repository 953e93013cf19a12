import { z } from 'zod';
import { modelIdSchema } from '../../core/events/primitives';
import { branchModelSchema, gateModelSchema, humanModelSchema, llmModelSchema, subflowModelSchema, type ModelDefinition } from '../../core/models/modelDefinition';

/** The kinds a person writes as a JSON definition (every model kind but script), gates by their check. */
export type DefinitionKind = 'llm' | 'human' | 'branch' | 'gate-quality' | 'gate-approval' | 'gate-budget' | 'subflow';

/** In the order the "New model" menu lists them, with the words it uses. */
export const DEFINITION_KINDS: ReadonlyArray<{ kind: DefinitionKind; label: string }> = [
  { kind: 'llm', label: 'LLM' },
  { kind: 'human', label: 'Human' },
  { kind: 'branch', label: 'Branch' },
  { kind: 'gate-quality', label: 'Gate — quality' },
  { kind: 'gate-approval', label: 'Gate — approval' },
  { kind: 'gate-budget', label: 'Gate — budget' },
  { kind: 'subflow', label: 'Sub-flow' },
];

let opened = 0;

/**
 * What uiStore.editingModel holds for a model not made yet: `new` (a script) or
 * `new:<kind>:<n>`, unique per opening, so a second new model never inherits the first one's editor.
 */
export const newModelKey = (kind: DefinitionKind | 'script'): string => (kind === 'script' ? 'new' : `new:${kind}:${++opened}`);

/** The kind in a `new:<kind>:<n>` key, or null for anything else. */
export function kindOfNewKey(key: string): DefinitionKind | null {
  const [prefix, kind] = key.split(':');
  return prefix === 'new' && kind !== undefined && isDefinitionKind(kind) ? kind : null;
}

export const isDefinitionKind = (value: string): value is DefinitionKind => DEFINITION_KINDS.some((k) => k.kind === value);

export function definitionKindOf(model: ModelDefinition): DefinitionKind | null {
  if (model.kind === 'script') return null;
  return model.kind === 'gate' ? `gate-${model.check.type}` : model.kind;
}

/** How the palette and titles name a model's kind: "Script", "LLM", "Gate — approval". */
export function kindLabel(model: ModelDefinition): string {
  const kind = definitionKindOf(model);
  return kind === null ? 'Script' : (DEFINITION_KINDS.find((k) => k.kind === kind)?.label ?? kind);
}

const [qualityCheck, approvalCheck, budgetCheck] = gateModelSchema.shape.check.options;

/** What a definition document may hold: the model's schema without `version`, and `modelId` only to name the model it updates. */
function documentSchema(kind: DefinitionKind) {
  const editable = { version: true, modelId: true } as const;
  const withId = { modelId: modelIdSchema.optional() };
  switch (kind) {
    case 'llm':
      return llmModelSchema.omit(editable).extend(withId);
    case 'human':
      return humanModelSchema.omit(editable).extend(withId);
    case 'branch':
      return branchModelSchema.omit(editable).extend(withId);
    case 'subflow':
      return subflowModelSchema.omit(editable).extend(withId);
    case 'gate-quality':
      return gateModelSchema.omit(editable).extend({ ...withId, check: qualityCheck });
    case 'gate-approval':
      return gateModelSchema.omit(editable).extend({ ...withId, check: approvalCheck });
    case 'gate-budget':
      return gateModelSchema.omit(editable).extend({ ...withId, check: budgetCheck });
  }
}

/** The zod schema a definition of `kind` is checked with while typing (the conductor checks again on save). */
export const definitionSchema = (kind: DefinitionKind): z.ZodType => documentSchema(kind);
