import { z } from 'zod';
import { modelFields } from '../modelFields';

/**
 * A model backed by an OpenAI-compatible chat-completions server (OpenAI, Ollama, llama.cpp…).
 * `prompt` is a template: {{port}} is replaced by that input's artifact. The key is named, never
 * stored here: keys stay in this browser's key store and never enter the log or an export.
 */
export const llmModelSchema = z.strictObject({
  ...modelFields,
  kind: z.literal('llm'),
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
