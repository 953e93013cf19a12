import type { StoredModel } from '../modelFields';
import type { KindModule } from '../kindModule';
import { documentSchemaOf } from '../documentSchema';
import { TEMPLATE_HEADER } from '../modelFields';
import { llmModelSchema, type LlmModel } from './llmSchema';
import { runLlmModel } from './runLlmModel';

const TEMPLATE = `${TEMPLATE_HEADER}
// An LLM model calls an OpenAI-compatible chat-completions server (OpenAI, Ollama, llama.cpp…)
// and streams its answer into the output artifact, recording tokens and cost.
{
  "kind": "llm",
  "name": "Summarise",
  "description": "Summarises the text it is given.",
  // Each input port can be used in the prompt as {{name}}.
  "inputs": [{ "name": "prompt", "type": "text" }],
  "outputs": [{ "name": "text", "type": "text" }],
  // A local Ollama server; use https://api.openai.com/v1 (and an apiKeyName) for OpenAI.
  "baseUrl": "http://localhost:11434/v1",
  "model": "llama3.2",
  // Keys are referenced by name and kept in this browser: Project ▾ → API keys.
  // "apiKeyName": "openai",
  "system": "You are a concise assistant.",
  "prompt": "Summarise in three sentences:\\n\\n{{prompt}}",
  "maxTokens": 512,
  // US dollars per million tokens, so runs meter and cap spend; 0 for a local server.
  "pricing": { "inputPerMTok": 0, "outputPerMTok": 0 },
  "timeoutMs": 60000
}
`;

/** LLM models: one chat completion per agent, through the conductor's client (metered, budgeted, streamed). */
export const llmKind: KindModule<LlmModel> = {
  key: 'llm',
  extensionId: 'built-in.llm',
  label: 'LLM',
  schema: llmModelSchema,
  editor: 'definition',
  role: () => 'agent',
  work: (model, { spawned, inputs, ports }) => runLlmModel(model, spawned, inputs, ports),
  tokenCap: (model) => ({
    ...(model.maxTokens !== undefined ? { maxTokens: model.maxTokens } : {}),
    outputPerMTok: model.pricing.outputPerMTok,
  }),
  badge: () => 'LLM',
  templates: [
    {
      key: 'llm',
      label: 'LLM',
      hint: 'An OpenAI-compatible chat-completions model (Ollama, llama.cpp, OpenAI…)',
      text: () => TEMPLATE,
      document: documentSchemaOf(llmModelSchema),
    },
  ],
  templateOf: () => 'llm',
  docs: {
    baseUrl:
      'An OpenAI-compatible chat-completions base URL, e.g. http://localhost:11434/v1 (Ollama) or https://api.openai.com/v1.',
    model: 'The model name the server knows, e.g. llama3.2 or gpt-4o-mini.',
    apiKeyName:
      'The name of a key kept in this browser (Project ▾ → API keys). Never the key itself. Leave out for a local server.',
    system: 'The system message sent before the prompt.',
    prompt: 'The user message. {{port}} is replaced by that input port’s artifact.',
    temperature: 'Sampling temperature, 0 to 2.',
    maxTokens: 'The most tokens the answer may have.',
    pricing: 'US dollars per million tokens, so runs can meter and cap cost. 0 for a local server.',
    inputPerMTok: 'US dollars per million prompt tokens.',
    outputPerMTok: 'US dollars per million completion tokens.',
  },
};

/** The project's LLM model called `name` (ctx.llm names models by name), if there is one. */
export function llmModelNamed<M extends StoredModel>(
  models: Iterable<M>,
  name: string,
): Extract<M, LlmModel> | undefined {
  for (const model of models) if (model.kind === 'llm' && model.name === name) return model as Extract<M, LlmModel>;
  return undefined;
}
