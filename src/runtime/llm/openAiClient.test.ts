import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startLlmServer, type LlmTestRequest, type LlmTestServer } from '../../../e2e/support/llmServer.mjs';
import type { LlmRequest, LlmResult } from '../../core/conductor/ports';
import { OpenAiClient } from './openAiClient';

let server: LlmTestServer;
beforeAll(async () => {
  server = await startLlmServer({ port: 0 });
});
afterAll(() => server.close());
beforeEach(() => server.reset());

const keys = new Map([['test', 'test-key']]);
const client = new OpenAiClient({ getKey: (name) => Promise.resolve(keys.get(name)) });

function request(model: string, extra: Partial<LlmRequest> = {}): LlmRequest {
  return {
    agentId: 'a1',
    baseUrl: server.url,
    model,
    messages: [{ role: 'user', content: 'Hello there, conductor. How are you today?' }],
    deadlineMs: 10_000,
    ...extra,
  };
}

async function received(): Promise<LlmTestRequest[]> {
  return (await (await fetch(`${server.url.replace(/\/v1$/, '')}/__requests`)).json()) as LlmTestRequest[];
}

function failed(result: LlmResult) {
  if (result.ok) throw new Error(`expected a failure, got “${result.text}”`);
  return result;
}

function succeeded(result: LlmResult) {
  if (!result.ok) throw new Error(`expected success, got ${result.errorClass}: ${result.reason}`);
  return result;
}

describe('OpenAiClient against the test server', () => {
  it('streams the reply, growing text through onDelta, and records usage', async () => {
    const deltas: string[] = [];
    const result = succeeded(await client.complete(request('echo'), (t) => deltas.push(t)));
    expect(result.text).toBe('Echo: Hello there, conductor. How are you today?');
    expect(result.finishReason).toBe('stop');
    expect(deltas.length).toBeGreaterThan(2);
    deltas.forEach((d, i) => i > 0 && expect(d.startsWith(deltas[i - 1]!)).toBe(true));
    expect(deltas.at(-1)).toBe(result.text);
    expect(result.usage).toEqual({ promptTokens: 13, completionTokens: 12 });
    expect(await received()).toMatchObject([{ model: 'echo', stream: true, hadAuth: false, messageCount: 1 }]);
  });

  it('ends with finish reason length when max_tokens cuts the reply', async () => {
    const result = succeeded(await client.complete(request('long', { maxTokens: 20 })));
    expect(result.finishReason).toBe('length');
    expect(result.usage.completionTokens).toBe(20);
    expect((await received())[0]?.maxTokens).toBe(20);
  });

  it('classes a 500 as server, then succeeds on the next call', async () => {
    const first = failed(await client.complete(request('fail-1')));
    expect(first.errorClass).toBe('server');
    expect(first.reason).toContain('failed on purpose');
    succeeded(await client.complete(request('fail-1')));
    expect(await received()).toHaveLength(2);
  });

  it('classes a 429 as rate-limit and reads Retry-After', async () => {
    const result = failed(await client.complete(request('ratelimit-1')));
    expect(result.errorClass).toBe('rate-limit');
    expect(result.retryAfterMs).toBe(1000);
    expect(result.reason).toContain('Rate limit reached');
  });

  it('classes a 503 as server', async () => {
    expect(failed(await client.complete(request('down'))).errorClass).toBe('server');
  });

  it('stops a stream that stalls, keeping the partial text', async () => {
    const result = failed(await client.complete(request('stall', { stallMs: 300 })));
    expect(result.errorClass).toBe('timeout');
    expect(result.reason).toContain('stopped sending');
    expect(result.partialText).toBe('Echo: Hello');
    expect(result.usage?.completionTokens).toBeGreaterThan(0);
  });

  it('stops a call that passes its deadline', async () => {
    const result = failed(await client.complete(request('slow', { deadlineMs: 500 })));
    expect(result.errorClass).toBe('timeout');
    expect(result.reason).toContain('500 ms limit');
    expect(result.durationMs).toBeLessThan(5000);
  });

  it('sends the named key as a bearer token', async () => {
    succeeded(await client.complete(request('auth', { apiKeyName: 'test' })));
    expect((await received())[0]?.hadAuth).toBe(true);
  });

  it('classes a refused key as auth', async () => {
    const result = failed(await client.complete(request('auth')));
    expect(result.errorClass).toBe('auth');
    expect(result.reason).toContain('HTTP 401');
  });

  it('fails a missing named key without calling the server', async () => {
    const result = failed(await client.complete(request('auth', { apiKeyName: 'nobody' })));
    expect(result.errorClass).toBe('auth');
    expect(result.reason).toContain('Project ▾ → API keys');
    expect(await received()).toHaveLength(0);
  });

  it('classes a refused connection as network, naming the server', async () => {
    const gone = await startLlmServer({ port: 0 });
    await gone.close();
    const result = failed(await client.complete(request('echo', { baseUrl: gone.url })));
    expect(result.errorClass).toBe('network');
    expect(result.reason).toContain(`The server at ${gone.url} could not be reached`);
    expect(result.reason).toContain('CORS');
  });
});

describe('OpenAiClient with other servers', () => {
  const sse =
    (body: string, init: ResponseInit = {}) =>
    () =>
      Promise.resolve(new Response(body, { headers: { 'content-type': 'text/event-stream' }, ...init }));
  const chunk = (content: string, finish: string | null = null) =>
    `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content }, finish_reason: finish }] })}\n\n`;
  const base = {
    agentId: 'a',
    baseUrl: 'http://x/v1',
    model: 'm',
    messages: [{ role: 'user' as const, content: '12345678' }],
    deadlineMs: 5000,
  };
  const withFetch = (fetch: typeof globalThis.fetch) =>
    new OpenAiClient({ getKey: () => Promise.resolve(undefined), fetch });

  it('estimates usage when the server reports none', async () => {
    const result = succeeded(
      await withFetch(sse(`${chunk('abcdefghi')}${chunk('', 'stop')}data: [DONE]\n\n`)).complete(base),
    );
    expect(result.usage).toEqual({ promptTokens: 2, completionTokens: 3 });
  });

  it('accepts a whole JSON completion from a server that ignores stream', async () => {
    const body = JSON.stringify({
      choices: [{ index: 0, message: { role: 'assistant', content: 'hi' }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 3, completion_tokens: 1 },
    });
    const result = succeeded(
      await withFetch(() =>
        Promise.resolve(new Response(body, { headers: { 'content-type': 'application/json' } })),
      ).complete(base),
    );
    expect(result).toMatchObject({ text: 'hi', usage: { promptTokens: 3, completionTokens: 1 } });
  });

  it('reports an error sent inside the stream as server, with the partial text', async () => {
    const result = failed(
      await withFetch(sse(`${chunk('par')}data: {"error":{"message":"overloaded"}}\n\n`)).complete(base),
    );
    expect(result).toMatchObject({ errorClass: 'server', partialText: 'par' });
    expect(result.reason).toContain('overloaded');
  });

  it('reports a stream that ends before it finished as network', async () => {
    expect(failed(await withFetch(sse(chunk('par'))).complete(base)).errorClass).toBe('network');
  });

  it('reads Retry-After given as an HTTP date', async () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    const fetch = () =>
      Promise.resolve(new Response('{}', { status: 429, headers: { 'retry-after': 'Thu, 01 Jan 2026 00:00:05 GMT' } }));
    const result = failed(
      await new OpenAiClient({ getKey: () => Promise.resolve(undefined), fetch, now: () => now }).complete(base),
    );
    expect(result.retryAfterMs).toBe(5000);
  });

  it('classes 400, 404 and 422 as bad-request and an invalid base URL too', async () => {
    for (const status of [400, 404, 422]) {
      const result = failed(
        await withFetch(() => Promise.resolve(new Response('{"error":{"message":"no"}}', { status }))).complete(base),
      );
      expect(result.errorClass).toBe('bad-request');
    }
    expect(failed(await withFetch(sse('')).complete({ ...base, baseUrl: 'not a url' })).errorClass).toBe('bad-request');
  });

  it('never throws, even when the fetch or the progress callback does', async () => {
    const throwing = withFetch(() => {
      throw new TypeError('Failed to fetch');
    });
    expect(failed(await throwing.complete(base)).errorClass).toBe('network');
    const result = await withFetch(sse(`${chunk('ok', 'stop')}data: [DONE]\n\n`)).complete(base, () => {
      throw new Error('ui broke');
    });
    expect(succeeded(result).text).toBe('ok');
  });
});
