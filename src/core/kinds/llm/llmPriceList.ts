import type { LlmProvider } from '../../ports/llmProviders';

/** US dollars per million tokens, as an LLM model's `pricing` holds them. */
export interface TokenPrices {
  inputPerMTok: number;
  outputPerMTok: number;
}

export interface ListPrice extends TokenPrices {
  provider: LlmProvider;
  /** The model name the provider's API knows. */
  model: string;
}

/**
 * Published list prices of well-known models, offered in the LLM model editor's price table so a
 * person starts from a real figure. Metering never reads this list: it reads the model's own
 * `pricing`, which the person may edit to match their contract (or a price that changed since).
 */
export const LIST_PRICES: readonly ListPrice[] = [
  { provider: 'openai-compatible', model: 'gpt-4o-mini', inputPerMTok: 0.15, outputPerMTok: 0.6 },
  { provider: 'openai-compatible', model: 'gpt-4o', inputPerMTok: 2.5, outputPerMTok: 10 },
  { provider: 'openai-compatible', model: 'gpt-4.1-mini', inputPerMTok: 0.4, outputPerMTok: 1.6 },
  { provider: 'openai-compatible', model: 'gpt-4.1', inputPerMTok: 2, outputPerMTok: 8 },
  { provider: 'anthropic', model: 'claude-haiku-4-5', inputPerMTok: 1, outputPerMTok: 5 },
  { provider: 'anthropic', model: 'claude-sonnet-4-5', inputPerMTok: 3, outputPerMTok: 15 },
  { provider: 'anthropic', model: 'claude-opus-4-1', inputPerMTok: 15, outputPerMTok: 75 },
  { provider: 'gemini', model: 'gemini-2.5-flash-lite', inputPerMTok: 0.1, outputPerMTok: 0.4 },
  { provider: 'gemini', model: 'gemini-2.5-flash', inputPerMTok: 0.3, outputPerMTok: 2.5 },
  { provider: 'gemini', model: 'gemini-2.5-pro', inputPerMTok: 1.25, outputPerMTok: 10 },
  // A local server costs nothing per token.
  { provider: 'ollama', model: 'llama3.2', inputPerMTok: 0, outputPerMTok: 0 },
  { provider: 'ollama', model: 'qwen2.5', inputPerMTok: 0, outputPerMTok: 0 },
];

/** The list prices offered for one provider's models. */
export function listPricesOf(provider: LlmProvider): ListPrice[] {
  return LIST_PRICES.filter((price) => price.provider === provider);
}
