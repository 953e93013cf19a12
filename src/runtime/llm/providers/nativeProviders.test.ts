import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  startProviderServers,
  type ProviderStandInRequest,
  type ProviderStandIns,
} from '../../../../e2e/support/providerServers.mjs';
import type { LlmRequest, LlmResult } from '../../../core/conductor/ports';
import { createLlmClient } from '../llmClient';

// Each native provider against its stand-in, which speaks that provider's wire format (SSE event
// types for Anthropic, alt=sse for Gemini, NDJSON for Ollama): the same contract as the
// OpenAI-compatible client, so the conductor's retry, fallback and budgets read them alike.

let standIns: ProviderStandIns;
beforeAll(async () => {
  standIns = await startProviderServers({ port: 0 });
});
afterAll(() => standIns.close());
beforeEach(() => standIns.reset());

const keys = new Map([['test', 'test-key']]);
const client = createLlmClient({ getKey: (name) => Promise.resolve(keys.get(name)) });
const PROVIDERS = ['anthropic', 'gemini', 'ollama'] as const;
type Native = (typeof PROVIDERS)[number];

async function received(): Promise<ProviderStandInRequest[]> {
  return (await (await fetch(`${standIns.origin}/__requests`)).json()) as ProviderStandInRequest[];
}

function failed(result: LlmResult) {
  if (result.ok) throw new Error(`expected a failure, got “${result.text}”`);
  return result;
}

function succeeded(result: LlmResult) {
  if (!result.ok) throw new Error(`expected success, got ${result.errorClass}: ${result.reason}`);
  return result;
}

describe.each(PROVIDERS)('%s through its AI SDK provider, against its stand-in', (provider: Native) => {
  const request = (model: string, extra: Partial<LlmRequest> = {}): LlmRequest => ({
    agentId: 'a1',
    provider,
    baseUrl: standIns.baseUrls[provider],
    model,
    messages: [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hello there, conductor. How are you today?' },
    ],
    deadlineMs: 10_000,
    ...extra,
  });

  it('streams the reply, growing text through onDelta, and reports the server’s usage', async () => {
    const deltas: string[] = [];
    const result = succeeded(await client.complete(request('echo'), (t) => deltas.push(t)));
    expect(result.text).toBe('Echo: Hello there, conductor. How are you today?');
    expect(result.finishReason).toBe('stop');
    expect(deltas.length).toBeGreaterThan(2);
    deltas.forEach((d, i) => i > 0 && expect(d.startsWith(deltas[i - 1]!)).toBe(true));
    expect(deltas.at(-1)).toBe(result.text);
    // The stand-in counts pieces of both messages, plus three a message: 4 + 3 and 9 + 3.
    expect(result.usage).toEqual({ promptTokens: 19, completionTokens: 12 });
    expect(await received()).toMatchObject([{ provider, model: 'echo', stream: true, hadKey: false, messageCount: 2 }]);
  });

  it('ends with finish reason length when the token cap cuts the reply', async () => {
    const result = succeeded(await client.complete(request('long', { maxTokens: 20 })));
    expect(result.finishReason).toBe('length');
    expect(result.usage.completionTokens).toBe(20);
    expect((await received())[0]?.maxTokens).toBe(20);
  });

  it('classes a 5xx as server, then succeeds on the next call', async () => {
    const first = failed(await client.complete(request('fail-1')));
    expect(first.errorClass).toBe('server');
    expect(first.reason).toContain('failed on purpose');
    succeeded(await client.complete(request('fail-1')));
  });

  it('classes a 429 as rate-limit and reads Retry-After', async () => {
    const result = failed(await client.complete(request('ratelimit-1')));
    expect(result.errorClass).toBe('rate-limit');
    expect(result.retryAfterMs).toBe(1000);
  });

  it('classes an unavailable server as server', async () => {
    expect(failed(await client.complete(request('down'))).errorClass).toBe('server');
  });

  it('sends the named key the provider’s way, and classes a refused key as auth', async () => {
    const refused = failed(await client.complete(request('auth')));
    expect(refused.errorClass).toBe('auth');
    expect(refused.reason).toContain('Project ▾ → API keys');
    succeeded(await client.complete(request('auth', { apiKeyName: 'test' })));
    expect((await received()).map((r) => r.hadKey)).toEqual([false, true]);
  });

  it('fails a missing named key as auth without calling the server', async () => {
    const result = failed(await client.complete(request('echo', { apiKeyName: 'nope' })));
    expect(result.errorClass).toBe('auth');
    expect(result.reason).toContain('no API key named “nope”');
    expect(await received()).toEqual([]);
  });

  it('reports a failure inside the stream as server, keeping the partial text and its usage', async () => {
    const result = failed(await client.complete(request('broken')));
    expect(result.errorClass).toBe('server');
    expect(result.reason).toContain('broke mid-reply on purpose');
    expect(result.partialText.startsWith('Echo:')).toBe(true);
    expect(result.usage?.completionTokens).toBeGreaterThan(0);
  });

  it('stops a stream that stalls as timeout, keeping the partial text', async () => {
    const result = failed(await client.complete(request('stall', { stallMs: 300 })));
    expect(result.errorClass).toBe('timeout');
    expect(result.reason).toContain('stopped sending');
    expect(result.partialText).toBe('Echo: Hello');
  });

  it('says so when the server answers in another provider’s format', async () => {
    const result = failed(await client.complete(request('openai-format')));
    expect(result.errorClass).toBe('bad-request');
    expect(result.reason).toMatch(/answered, but not in the .+ format this model is set to/);
    expect(result.reason).toContain("Check the model's provider and base URL");
  });

  it('classes a refused connection as network, naming the server', async () => {
    const result = failed(await client.complete(request('echo', { baseUrl: 'http://127.0.0.1:9/v1' })));
    expect(result.errorClass).toBe('network');
    expect(result.reason).toContain('http://127.0.0.1:9/v1 could not be reached');
  });
});
