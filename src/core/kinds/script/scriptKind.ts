import type { KindModule } from '../kindModule';
import { runInSandbox } from '../sandboxWork';
import type { StoredModel } from '../modelFields';
import { scriptModelSchema, type ScriptModel } from './scriptSchema';

/**
 * Script models: TypeScript a person writes, compiled when saved and run by an agent in a fresh
 * sandbox. A script may call the project's LLM models through ctx.llm (metered and budgeted by the
 * conductor) but has no network of its own.
 */
export const scriptKind: KindModule<ScriptModel> = {
  key: 'script',
  extensionId: 'built-in.script',
  label: 'Script',
  schema: scriptModelSchema,
  editor: 'code',
  role: () => 'agent',
  capabilities: { network: [], llm: true, secrets: [] },
  work: (model, ctx) => runInSandbox(ctx, model.outputs, { code: model.compiled }),
  badge: () => undefined,
  // Written in the code editor, not from a JSON template.
  templates: [],
  templateOf: () => 'script',
  docs: {},
  runsIntentAgents: true,
};

/** Narrows a model to a script model: the code editor edits only these. */
export const isScriptModel = (model: StoredModel | null): model is ScriptModel => model?.kind === 'script';
