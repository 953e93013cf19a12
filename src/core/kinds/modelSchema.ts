import { z } from 'zod';
import { BUILT_IN_KIND_LIST } from './builtinKindList';
import { extensionModelSchema, type ExtensionModel } from './extension/extensionModelSchema';
import type { KindModule } from './kindModule';

/*
 * What a model is, as the log stores it (`model.saved`): the union of the stored forms of the kinds
 * in the kind registry's list (builtinKindList.ts), each declared by its kind in its folder. A kind
 * an extension provides is stored as `kind: "extension"` naming the extension and its kind, so the
 * log's schema never depends on which extensions are installed.
 */
export { DEFAULT_TIMEOUT_MS, MAX_MODEL_SOURCE_CHARS } from './modelFields';

type BuiltInKind = (typeof BUILT_IN_KIND_LIST)[number];
type StoredFormOf<K> = K extends KindModule<infer M> ? M : never;

/** Every model, of whichever kind: derived from the kinds' own schemas, so it is exactly their union. */
export type ModelDefinition = StoredFormOf<BuiltInKind> | ExtensionModel;
export type ModelKind = ModelDefinition['kind'];
/** A model of one kind (`ModelOfKind<'llm'>`). */
export type ModelOfKind<K extends ModelKind> = Extract<ModelDefinition, { kind: K }>;

const storedForms = BUILT_IN_KIND_LIST.map((kind) => {
  if (!kind.schema) throw new Error(`The built-in kind ${kind.key} declares no stored form (schema).`);
  return kind.schema;
});

/** Parses a model as stored; a model of a kind no built-in or extension declares is refused, naming its path. */
export const modelSchema: z.ZodType<ModelDefinition> = z.discriminatedUnion('kind', [
  ...storedForms,
  extensionModelSchema,
] as unknown as [typeof extensionModelSchema]);
