import type { StoredModel } from '../modelFields';
import type { KindModule } from '../kindModule';
import { documentSchemaOf } from '../documentSchema';
import { TEMPLATE_HEADER } from '../modelFields';
import { llmModelSchema, type LlmModel } from './llmSchema';
import { runLlmModel } from './runLlmModel';

const TEMPLATE = `${TEMPLATE_HEADER}
// An LLM model calls a chat server and streams its answer into the output artifact, recording
// tokens and cost. The provider picks the wire format: openai-compatible (OpenAI, Ollama's /v1,
// llama.cpp…), anthropic, gemini or ollama (Ollama's native /api).
{
  "kind": "llm",
  "name": "Summarise",
  "description": "Summarises the text it is given.",
  // Each input port can be used in the prompt as {{name}}.
  "inputs": [{ "name": "prompt", "type": "text" }],
  "outputs": [{ "name": "text", "type": "text" }],
  "provider": "openai-compatible",
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
      hint: 'A chat model: OpenAI-compatible, Anthropic, Gemini or Ollama',
      text: () => TEMPLATE,
      document: documentSchemaOf(llmModelSchema),
    },
  ],
  templateOf: () => 'llm',
  docs: {
    provider:
      'The wire format: openai-compatible (the default; OpenAI, Ollama’s /v1, llama.cpp…), anthropic (Messages API), gemini (Google’s generateContent) or ollama (Ollama’s native /api).',
    baseUrl:
      'The server’s base URL for its provider: https://api.openai.com/v1 or http://localhost:11434/v1 (openai-compatible), https://api.anthropic.com/v1 (anthropic), https://generativelanguage.googleapis.com/v1beta (gemini), http://localhost:11434/api (ollama).',
    model: 'The model name the server knows, e.g. llama3.2 or gpt-4o-mini.',
    apiKeyName:
      'The name of a key kept in this browser (Project ▾ → API keys). Never the key itself. Leave out for a local server.',
    system: 'The system message sent before the prompt.',
    prompt: 'The user message. {{port}} is replaced by that input port’s artifact.',
    temperature: 'Sampling temperature, 0 to 2.',
    maxTokens: 'The most tokens the answer may have.',
    pricing:
      'US dollars per million tokens, so runs can meter and cap cost. 0 for a local server. The editor’s price table offers list prices.',
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
