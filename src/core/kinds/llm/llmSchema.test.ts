import { describe, expect, it } from 'vitest';
import { llmModelSchema, providerOf } from './llmSchema';
import { LIST_PRICES, listPricesOf } from './llmPriceList';
import { LLM_PROVIDERS } from '../../ports/llmProviders';

// A model as a studio from before providers saved it: no `provider` field.
const older = {
  modelId: 'm_old',
  kind: 'llm',
  name: 'Summarise',
  version: 3,
  inputs: [{ name: 'prompt', type: 'text' }],
  outputs: [{ name: 'text', type: 'text' }],
  baseUrl: 'http://localhost:11434/v1',
  model: 'llama3.2',
  prompt: 'Summarise {{prompt}}',
  pricing: { inputPerMTok: 0, outputPerMTok: 0 },
};

describe('the LLM model’s provider', () => {
  it('reads a model saved before providers existed as OpenAI-compatible, without adding the field', () => {
    const parsed = llmModelSchema.parse(older);
    expect(parsed).not.toHaveProperty('provider');
    expect(providerOf(parsed)).toBe('openai-compatible');
  });

  it('keeps each provider a person picks', () => {
    for (const provider of LLM_PROVIDERS)
      expect(providerOf(llmModelSchema.parse({ ...older, provider }))).toBe(provider);
  });

  it('refuses a provider it does not know with a sentence that lists the known ones', () => {
    const result = llmModelSchema.safeParse({ ...older, provider: 'bedrock' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['provider']);
    expect(result.error?.issues[0]?.message).toBe('must be one of openai-compatible, anthropic, gemini, ollama');
  });
});

describe('the list prices offered in the price table', () => {
  it('offers models for every provider, each priced as a model’s pricing accepts', () => {
    for (const provider of LLM_PROVIDERS) expect(listPricesOf(provider).length).toBeGreaterThan(0);
    for (const price of LIST_PRICES) {
      const parsed = llmModelSchema.safeParse({
        ...older,
        provider: price.provider,
        model: price.model,
        pricing: { inputPerMTok: price.inputPerMTok, outputPerMTok: price.outputPerMTok },
      });
      expect(parsed.success).toBe(true);
    }
  });
});
