import { z } from 'zod';
import { branchModelSchema, type BranchModel } from './branch/branchSchema';
import { extensionModelSchema, type ExtensionModel } from './extension/extensionModelSchema';
import { gateModelSchema, type GateModel } from './gate/gateSchema';
import { humanModelSchema } from './human/humanSchema';
import { llmModelSchema, type LlmModel } from './llm/llmSchema';
import { questModelSchema, type QuestModel } from './quest/questSchema';
import { scriptModelSchema, type ScriptModel } from './script/scriptSchema';
import { subflowModelSchema } from './subflow/subflowSchema';

/*
 * What a model is, as the log stores it (`model.saved`). Each kind's schema lives in its folder
 * under src/core/kinds; what the kind *does* is registered there too (kindRegistry.ts). A kind an
 * extension provides is stored as `kind: "extension"` naming the extension and its kind, so the
 * log's schema never depends on which extensions are installed.
 */
export { DEFAULT_TIMEOUT_MS, MAX_MODEL_SOURCE_CHARS } from './modelFields';
export { scriptModelSchema, llmModelSchema, humanModelSchema, branchModelSchema, gateModelSchema, subflowModelSchema, extensionModelSchema, questModelSchema };
export type { BranchModel, ExtensionModel, GateModel, LlmModel, QuestModel, ScriptModel };

export const modelSchema = z.discriminatedUnion('kind', [scriptModelSchema, llmModelSchema, humanModelSchema, branchModelSchema, gateModelSchema, subflowModelSchema, extensionModelSchema, questModelSchema]);
export type ModelDefinition = z.infer<typeof modelSchema>;
export type ModelKind = ModelDefinition['kind'];
