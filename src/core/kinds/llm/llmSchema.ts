import { z } from 'zod';
import { modelFields } from '../modelFields';
import { DEFAULT_LLM_PROVIDER, LLM_PROVIDERS, type LlmProvider } from '../../ports/llmProviders';

/**
 * A model backed by a chat server of one of the LLM_PROVIDERS: an OpenAI-compatible one (OpenAI,
 * Ollama's /v1, llama.cpp…), Anthropic's Messages API, Google Gemini or Ollama's native API.
 * `prompt` is a template: {{port}} is replaced by that input's artifact. The key is named, never
 * stored here: keys stay in this browser's key store and never enter the log or an export.
 */
export const llmModelSchema = z.strictObject({
  ...modelFields,
  kind: z.literal('llm'),
  /**
   * The wire format. Optional, never defaulted into the record: a model saved before providers
   * existed stays byte-for-byte what it was and reads as OpenAI-compatible (see providerOf).
   */
  provider: z.enum(LLM_PROVIDERS, { error: `must be one of ${LLM_PROVIDERS.join(', ')}` }).optional(),
  baseUrl: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as http://localhost:11434/v1' }).max(500),
  model: z.string().trim().min(1).max(200),
  apiKeyName: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'use letters, digits, - _ or .')
    .optional(),
  system: z.string().max(20_000).default(''),
  prompt: z.string().min(1).max(50_000),
  temperature: z.number().min(0).max(2).optional(),
  maxTokens: z.number().int().positive().max(1_000_000).optional(),
  /** US dollars per million tokens, so runs can meter cost; 0 for a local server. */
  pricing: z
    .strictObject({ inputPerMTok: z.number().nonnegative(), outputPerMTok: z.number().nonnegative() })
    .default({ inputPerMTok: 0, outputPerMTok: 0 }),
});
export type LlmModel = z.infer<typeof llmModelSchema>;

/** The provider a model speaks; models saved before providers existed speak OpenAI-compatible. */
export const providerOf = (model: Pick<LlmModel, 'provider'>): LlmProvider => model.provider ?? DEFAULT_LLM_PROVIDER;
