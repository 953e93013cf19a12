import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLlmServer, type LlmTestRequest, type LlmTestServer } from '../../../e2e/support/llmServer.mjs';
import type { LlmRequest } from '../../core/conductor/ports';
import { estimatePromptTokens, estimateTokens } from './callFailures';
import { createLlmClient } from './llmClient';

// The stand-in server is a real node:http server; its `slow` model streams a chunk every 300 ms and
// its request log says whether the client hung up before the reply ended.
let server: LlmTestServer;
beforeAll(async () => {
  server = await startLlmServer({ port: 0 });
});
afterAll(() => server.close());

async function received(): Promise<LlmTestRequest[]> {
  return (await (await fetch(`${server.url.replace(/\/v1$/, '')}/__requests`)).json()) as LlmTestRequest[];
}

describe('cancelling an LLM call in flight (a stopped run)', () => {
  it('aborts the stream: the server sees the client hang up before the end, and the usage so far is returned', async () => {
    server.reset();
    const client = createLlmClient({ getKey: () => Promise.resolve(undefined) });
    const request: LlmRequest = {
      agentId: 'agent-1',
      baseUrl: server.url,
      model: 'slow',
      messages: [{ role: 'user', content: 'Write a long story about a conductor.' }],
      deadlineMs: 60_000,
    };
    // Another agent's call goes on: cancel names one agent.
    const other = client.complete({ ...request, agentId: 'agent-2', model: 'echo' });
    const deltas: string[] = [];
    const result = await client.complete(request, (text) => {
      deltas.push(text);
      if (deltas.length === 1) client.cancel?.('agent-1');
    });

    if (result.ok) throw new Error(`expected the call to be stopped, got “${result.text}”`);
    expect(result.reason).toBe('The call to slow was stopped with its run.');
    expect(result.partialText).toBe(deltas.at(-1));
    expect(result.partialText.length).toBeGreaterThan(0);
    // Tokens streamed before the abort were paid for: the server sent no usage, so they are estimated.
    expect(result.usage).toEqual({
      promptTokens: estimatePromptTokens(request.messages),
      completionTokens: estimateTokens(result.partialText.length),
    });
    await expect.poll(async () => (await received()).find((r) => r.model === 'slow')?.disconnected).toBe(true);

    const otherResult = await other;
    expect(otherResult.ok).toBe(true);
    expect((await received()).find((r) => r.model === 'echo')?.disconnected).toBe(false);
  });

  it('cancelling an agent with no call in flight changes nothing', async () => {
    server.reset();
    const client = createLlmClient({ getKey: () => Promise.resolve(undefined) });
    client.cancel?.('nobody');
    const result = await client.complete({
      agentId: 'agent-1',
      baseUrl: server.url,
      model: 'echo',
      messages: [{ role: 'user', content: 'Hi' }],
      deadlineMs: 10_000,
    });
    expect(result.ok).toBe(true);
  });
});
