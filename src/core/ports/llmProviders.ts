/**
 * The wire formats an LLM model can speak. `openai-compatible` is the chat-completions API that
 * OpenAI, Ollama's /v1, LM Studio, vLLM and llama.cpp share; the others are each vendor's own API.
 * A model saved before providers existed has none and reads as `openai-compatible`.
 */
export const LLM_PROVIDERS = ['openai-compatible', 'anthropic', 'gemini', 'ollama'] as const;
export type LlmProvider = (typeof LLM_PROVIDERS)[number];

export const DEFAULT_LLM_PROVIDER: LlmProvider = 'openai-compatible';

/** What a person reads for each provider (pickers, logs, sentences). */
export const LLM_PROVIDER_LABELS: Readonly<Record<LlmProvider, string>> = {
  'openai-compatible': 'OpenAI-compatible',
  anthropic: 'Anthropic Messages',
  gemini: 'Google Gemini',
  ollama: 'Ollama (native)',
};

/** Each provider's public base URL, offered when a person picks it. */
export const LLM_PROVIDER_BASE_URLS: Readonly<Record<LlmProvider, string>> = {
  'openai-compatible': 'https://api.openai.com/v1',
  anthropic: 'https://api.anthropic.com/v1',
  gemini: 'https://generativelanguage.googleapis.com/v1beta',
  ollama: 'http://localhost:11434/api',
};

/**
 * Addresses that are a provider's well-known ones rather than a person's own: picking another
 * provider replaces these with its default, and keeps anything else (a proxy, a LAN server).
 */
export const WELL_KNOWN_BASE_URLS: readonly string[] = [
  ...Object.values(LLM_PROVIDER_BASE_URLS),
  // Ollama's OpenAI-compatible endpoint, which the LLM template starts from.
  'http://localhost:11434/v1',
];
