import type { JSONValue, LanguageModel } from 'ai';
import type { LlmProvider } from '../../../core/conductor/ports';

/** What a provider package needs to make one model: the key is already read from the key store. */
export interface ProviderModelSettings {
  baseUrl: string;
  model: string;
  apiKey: string | undefined;
  fetch: typeof fetch;
}

/**
 * One loader per provider, each importing its package only when a model of that provider first
 * runs: a project that never calls Gemini never downloads Google's client.
 */
export const PROVIDER_MODELS: Readonly<
  Record<Exclude<LlmProvider, 'openai-compatible'>, (settings: ProviderModelSettings) => Promise<LanguageModel>>
> = {
  async anthropic({ baseUrl, model, apiKey, fetch }) {
    const { createAnthropic } = await import('@ai-sdk/anthropic');
    return createAnthropic({
      baseURL: baseUrl,
      // Always a string, so the package never looks for ANTHROPIC_API_KEY in a runner's environment:
      // keys come from the key store only. A local server may need none.
      apiKey: apiKey ?? '',
      // Anthropic refuses calls from a page unless they say they know the key is visible to it; here
      // the key is this person's own, kept in their browser.
      headers: { 'anthropic-dangerous-direct-browser-access': 'true' },
      fetch,
    })(model);
  },
  async gemini({ baseUrl, model, apiKey, fetch }) {
    const { createGoogleGenerativeAI } = await import('@ai-sdk/google');
    return createGoogleGenerativeAI({ baseURL: baseUrl, apiKey: apiKey ?? '', fetch })(model);
  },
  async ollama({ baseUrl, model, apiKey, fetch }) {
    const { createOllama } = await import('ollama-ai-provider-v2');
    // A local Ollama needs no key; a hosted one takes a bearer token.
    return createOllama({
      baseURL: baseUrl,
      ...(apiKey !== undefined ? { headers: { Authorization: `Bearer ${apiKey}` } } : {}),
      fetch,
    })(model);
  },
};

/**
 * Settings a provider package takes only as provider options. Ollama reads the token cap and the
 * temperature from `options` (num_predict, temperature) and ignores them at the top level, where the
 * package would put them, so a cap the budget set would silently not hold.
 */
export function providerOptionsOf(
  provider: Exclude<LlmProvider, 'openai-compatible'>,
  request: { maxTokens?: number; temperature?: number },
): Record<string, Record<string, JSONValue>> | undefined {
  if (provider !== 'ollama') return undefined;
  const options: Record<string, number> = {
    ...(request.maxTokens !== undefined ? { num_predict: request.maxTokens } : {}),
    ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
  };
  return Object.keys(options).length > 0 ? { ollama: { options } } : undefined;
}

/**
 * The content type each provider streams in: a reply in another is another provider's format
 * (an OpenAI-compatible server behind a URL set to Anthropic, say), told apart before it is parsed.
 */
export const STREAM_CONTENT_TYPES: Readonly<Record<Exclude<LlmProvider, 'openai-compatible'>, readonly string[]>> = {
  anthropic: ['text/event-stream'],
  gemini: ['text/event-stream'],
  // Ollama streams NDJSON; older versions label it application/json.
  ollama: ['application/x-ndjson', 'application/json'],
};
