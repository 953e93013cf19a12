import type { ModelOfKind } from '../kinds/modelSchema';

/*
 * What a model is, as the log stores it: built in the kind registry's folder from its list of kinds
 * (kinds/modelSchema.ts), re-exported here for the studio's modules outside src/core/kinds. The
 * per-kind types are taken from that union, so this file imports no kind.
 */
export {
  DEFAULT_TIMEOUT_MS,
  MAX_MODEL_SOURCE_CHARS,
  modelSchema,
  type ModelDefinition,
  type ModelKind,
  type ModelOfKind,
} from '../kinds/modelSchema';
export type ScriptModel = ModelOfKind<'script'>;
export type LlmModel = ModelOfKind<'llm'>;
export type BranchModel = ModelOfKind<'branch'>;
export type GateModel = ModelOfKind<'gate'>;
export type QuestModel = ModelOfKind<'quest'>;
export type ExtensionModel = ModelOfKind<'extension'>;
