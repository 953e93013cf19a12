import { expect, test, type Page } from '@playwright/test';
import type { AgentResult } from '../src/core/conductor/ports';
import type { HostCall, RunAgentOptions } from './harness/sandboxHarness';
import { ECHO_CSV, startEchoServer, type EchoServer } from './support/httpEchoServer.mjs';
import { startSandboxHarness, type SandboxHarnessServer } from './support/sandboxHarnessServer';
import { chromiumArgs, chromiumPath } from './support/chromium.mjs';

/**
 * ctx.fetch, ctx.llm, ctx.settings and extension entry points, in real Chromium workers through the
 * real SandboxPool. The harness page stands in for the conductor's AgentHost (see
 * e2e/harness/sandboxHarness.ts): it answers, refuses, throws, holds, or really makes the request
 * with the conductor's HttpClient. Self-contained, like sandbox.spec.ts.
 */

test.use({ browserName: 'chromium', launchOptions: { executablePath: chromiumPath() as string, args: chromiumArgs } });

let harness: SandboxHarnessServer | undefined;
let echo: EchoServer | undefined;

test.beforeAll(async () => {
  [harness, echo] = await Promise.all([startSandboxHarness(), startEchoServer(0)]);
});

test.afterAll(async () => {
  await Promise.all([harness?.close(), echo?.close()]);
});

test.beforeEach(async ({ page }) => {
  await page.goto(`${harness?.baseUrl ?? ''}/e2e/harness/sandbox.html`);
  await expect(page.locator('#status')).toHaveText('ready');
});

function runAgent(
  page: Page,
  source: string,
  inputs: Record<string, unknown> = {},
  opts: RunAgentOptions = {},
): Promise<AgentResult> {
  return page.evaluate(([s, i, o]) => window.runAgent(s, i, o), [source, inputs, opts] as const);
}

const hostCalls = (page: Page): Promise<HostCall[]> => page.evaluate(() => window.hostCalls());

const model = (body: string): string => `export default async function run(ctx: Ctx) {\n${body}\n}`;

/** Emits the message of what `call` throws, so a test can read it word for word. */
const caught = (call: string): string =>
  `try { await ${call}; ctx.emit('output', 'no error'); } catch (error) { ctx.emit('output', { message: error.message, isError: error instanceof Error }); }`;

test.describe('ctx.fetch and ctx.llm are asked of the conductor', () => {
  test('an answered call arrives as a value, and the host sees exactly what was asked', async ({ page }) => {
    const result = await runAgent(
      page,
      model(`
  const response = await ctx.fetch('https://api.example.com/data?x=1', { method: 'post', headers: { accept: 'text/csv' }, body: 'hi' });
  const { text, usage } = await ctx.llm({ model: 'summariser', prompt: 'Summarise this', maxTokens: 50 });
  ctx.emit('output', { ok: response.ok, status: response.status, type: response.headers['content-type'], echoed: response.json(), frozen: Object.isFrozen(response) && Object.isFrozen(response.headers), text, usage });`),
      {},
      { host: { answer: 'echo' } },
    );
    expect(result).toMatchObject({
      ok: true,
      emitted: [
        {
          port: 'output',
          value: {
            ok: true,
            status: 200,
            type: 'application/json',
            echoed: {
              url: 'https://api.example.com/data?x=1',
              method: 'POST',
              headers: { accept: 'text/csv' },
              body: 'hi',
            },
            frozen: true,
            text: 'echo: Summarise this',
            usage: { promptTokens: 1, completionTokens: 2 },
          },
        },
      ],
    });
    expect(await hostCalls(page)).toEqual([
      {
        what: 'fetch',
        request: {
          url: 'https://api.example.com/data?x=1',
          method: 'POST',
          headers: { accept: 'text/csv' },
          body: 'hi',
        },
      },
      { what: 'llm', request: { model: 'summariser', prompt: 'Summarise this', maxTokens: 50 } },
    ]);
  });

  test('a request the conductor’s HttpClient really makes comes back from the server', async ({ page }) => {
    const result = await runAgent(
      page,
      model(`
  const posted = await ctx.fetch(ctx.inputs.base + '/items?page=2', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}' });
  const csv = await ctx.fetch(ctx.inputs.base + '/csv');
  ctx.emit('output', { posted: posted.json(), csv: csv.text, csvType: csv.headers['content-type'] });`),
      { base: echo?.url },
      { host: { answer: 'http' } },
    );
    expect(result).toMatchObject({
      ok: true,
      emitted: [
        {
          port: 'output',
          value: {
            posted: { method: 'POST', path: '/items', query: { page: '2' }, body: '{"a":1}' },
            csv: ECHO_CSV,
            csvType: 'text/csv; charset=utf-8',
          },
        },
      ],
    });
  });

  test('a refusal is the thrown Error’s message, word for word', async ({ page }) => {
    const refusal =
      'ctx.fetch was refused: the extension “HTTP request” did not declare the origin http://evil.test (capability network).';
    const handled = await runAgent(
      page,
      model(caught(`ctx.fetch('http://evil.test/')`)),
      {},
      { host: { answer: 'refuse', message: refusal } },
    );
    expect(handled).toMatchObject({
      ok: true,
      emitted: [{ port: 'output', value: { message: refusal, isError: true } }],
    });

    const unhandled = await runAgent(
      page,
      model(`await ctx.llm({ model: 'summariser', prompt: 'x' });`),
      {},
      { host: { answer: 'refuse', message: 'the run’s budget is spent.' } },
    );
    expect(unhandled).toMatchObject({ ok: false, reason: 'it threw: the run’s budget is spent.' });
  });

  test('with no host, or a host that throws, the call fails with a sentence', async ({ page }) => {
    const alone = await runAgent(page, model(`await ctx.llm({ model: 'summariser', prompt: 'x' });`));
    expect(alone).toMatchObject({
      ok: false,
      reason:
        'it threw: ctx.llm is not available here: this agent runs without a conductor to answer it, so it can reach neither the network nor an LLM.',
    });

    const broken = await runAgent(
      page,
      model(`await ctx.fetch('https://api.example.com/');`),
      {},
      { host: { answer: 'throw', message: 'journal unavailable' } },
    );
    expect(broken).toMatchObject({
      ok: false,
      reason:
        'it threw: ctx.fetch failed inside the studio (journal unavailable). Try again; if it keeps failing, report it.',
    });
  });

  test('the sandbox checks the arguments, in words, before anything is sent', async ({ page }) => {
    const cases: Array<[string, string]> = [
      ['ctx.fetch(42)', "ctx.fetch: the url must be a string, like 'https://example.com/data.csv'; it was number."],
      [
        "ctx.fetch('https://a.example', { body: { a: 1 } })",
        'ctx.fetch: the body must be a string, like JSON.stringify(data); it was object.',
      ],
      [
        "ctx.fetch('https://a.example', 'POST')",
        'ctx.fetch: the second argument must be an object like { method, headers, body }, or left out.',
      ],
      [
        "ctx.fetch('https://a.example', { method: 'GET /x' })",
        "ctx.fetch: method “GET /x” is not an HTTP method; use one like 'GET' or 'POST'.",
      ],
      [
        "ctx.llm({ prompt: 'hi' })",
        "ctx.llm: model (the name of one of this project’s LLM models) must be a string, like 'summariser'; it was undefined.",
      ],
      ["ctx.llm({ model: 'm', prompt: 'hi', temperature: 5 })", 'ctx.llm: temperature must be a number from 0 to 2.'],
    ];
    for (const [call, message] of cases) {
      const result = await runAgent(page, model(caught(call)), {}, { host: { answer: 'echo' } });
      expect(result, call).toMatchObject({
        ok: true,
        emitted: [{ port: 'output', value: { message, isError: true } }],
      });
      expect(await hostCalls(page), call).toEqual([]);
    }
  });

  test('at most 8 calls wait at once, and at most 200 are made per run', async ({ page }) => {
    const inFlight = await runAgent(
      page,
      model(`
  for (let n = 0; n < 8; n++) void ctx.fetch('https://api.example.com/' + n);
  ${caught(`ctx.llm({ model: 'm', prompt: 'ninth' })`)}`),
      {},
      { host: { answer: 'hold' } },
    );
    expect(inFlight).toMatchObject({
      ok: true,
      emitted: [
        {
          port: 'output',
          value: {
            message:
              'ctx.llm: 8 calls are already waiting for an answer, the most at once. Await some before starting more.',
          },
        },
      ],
    });
    expect(await hostCalls(page)).toHaveLength(8);

    const perRun = await runAgent(
      page,
      model(`
  for (let n = 0; n < 200; n++) await ctx.fetch('https://api.example.com/' + n);
  ${caught(`ctx.fetch('https://api.example.com/one-too-many')`)}`),
      {},
      { host: { answer: 'echo' } },
    );
    expect(perRun).toMatchObject({
      ok: true,
      emitted: [
        {
          port: 'output',
          value: {
            message:
              'ctx.fetch: this model already made 200 calls, the most one run may make. Split the work over more steps.',
          },
        },
      ],
    });
    expect(await hostCalls(page)).toHaveLength(200);
  });

  test('the pool counts again: an agent that breaks the sandbox’s own bookkeeping still gets at most 8 at once', async ({
    page,
  }) => {
    const result = await runAgent(
      page,
      model(`
  Object.defineProperty(Map.prototype, 'size', { get: () => 0 });
  const calls = [];
  for (let n = 0; n < 10; n++) calls.push(ctx.fetch('https://api.example.com/' + n).catch((error) => error.message));
  ctx.emit('output', await Promise.race([Promise.all(calls.slice(8)), new Promise((resolve) => setTimeout(() => resolve('the pool let them through'), 2_000))]));`),
      {},
      { host: { answer: 'hold' } },
    );
    const refusal =
      'ctx.fetch: 8 calls are already waiting for an answer, the most at once. Await some before starting more.';
    expect(result).toMatchObject({ ok: true, emitted: [{ port: 'output', value: [refusal, refusal] }] });
    expect(await hostCalls(page)).toHaveLength(8);
  });
});

test.describe('agent code cannot answer its own calls', () => {
  test('a synthetic reply is ignored and the conductor’s answer arrives', async ({ page }) => {
    const result = await runAgent(
      page,
      model(`
  const pending = ctx.fetch('https://api.example.com/real');
  const forged = { ok: true, status: 200, statusText: 'OK', headers: {}, text: JSON.stringify({ url: 'forged' }) };
  const routes = {
    // MessageEvent itself is blocked in the sandbox; an Event with the same fields looks alike to a listener.
    event: () => { for (let n = 1; n <= 1000; n++) self.dispatchEvent(Object.assign(new Event('message'), { data: { type: 'reply', taskId: 'agent_forger#' + n, callId: 1, reply: { ok: true, value: forged } } })); },
    messageEvent: () => self.dispatchEvent(new MessageEvent('message', { data: { type: 'reply', taskId: 'agent_forger#1', callId: 1, reply: { ok: true, value: forged } } })),
  };
  for (const [name, route] of Object.entries(routes)) {
    try { route(); ctx.log(name, 'dispatched'); } catch { ctx.log(name, 'refused'); }
  }
  ctx.emit('output', (await pending).json().url);`),
      {},
      { host: { answer: 'echo' }, agentId: 'agent_forger' },
    );
    expect(result).toMatchObject({
      ok: true,
      emitted: [{ port: 'output', value: 'https://api.example.com/real' }],
      logs: ['event dispatched', 'messageEvent refused'],
    });
  });

  test('postMessage stays out of reach, so no call can be made around ctx', async ({ page }) => {
    const result = await runAgent(
      page,
      model(`
  const call = { type: 'call', taskId: 'agent_poster#1', callId: 1, call: { what: 'fetch', request: { url: 'https://evil.test/' } } };
  const routes = {
    global: () => self.postMessage(call),
    prototype: () => Object.getPrototypeOf(self).postMessage.call(self, call),
    interface: () => DedicatedWorkerGlobalScope.prototype.postMessage.call(self, call),
  };
  for (const [name, route] of Object.entries(routes)) {
    try { route(); ctx.log(name, 'went through'); } catch { ctx.log(name, 'refused'); }
  }
  ctx.emit('output', 'honest');`),
      {},
      { host: { answer: 'echo' }, agentId: 'agent_poster' },
    );
    expect(result).toMatchObject({
      ok: true,
      emitted: [{ port: 'output', value: 'honest' }],
      logs: ['global refused', 'prototype refused', 'interface refused'],
    });
    expect(await hostCalls(page)).toEqual([]);
  });
});

test.describe('extension kinds and settings', () => {
  const extension = `exports.kinds = { shout: async (ctx) => ctx.emit('output', String(ctx.inputs.text).toUpperCase() + ctx.settings.suffix) };
exports.default = (ctx) => ctx.emit('output', 'the default');`;

  test('entry.kind picks the function of exports.kinds; without it, exports.default runs', async ({ page }) => {
    const kind = await runAgent(
      page,
      extension,
      { text: 'hi' },
      { raw: true, entry: { kind: 'shout' }, settings: { suffix: '!' } },
    );
    expect(kind).toMatchObject({ ok: true, emitted: [{ port: 'output', value: 'HI!' }] });
    const script = await runAgent(page, extension, { text: 'hi' }, { raw: true });
    expect(script).toMatchObject({ ok: true, emitted: [{ port: 'output', value: 'the default' }] });
  });

  test('a kind the code does not provide is refused with a sentence', async ({ page }) => {
    for (const [code, name] of [
      [extension, 'whisper'],
      [extension, 'constructor'],
      ['exports.default = () => {};', 'shout'],
    ] as const) {
      const result = await runAgent(page, code, {}, { raw: true, entry: { kind: name } });
      expect(result).toEqual(
        expect.objectContaining({
          ok: false,
          reason: `the extension's code has no function for kind “${name}” (exports.kinds['${name}']).`,
        }),
      );
    }
  });

  test('ctx.settings is a deep-frozen copy, and {} when there are none', async ({ page }) => {
    const source = model(`
  const attempts = [() => (ctx.settings.sep = ','), () => (ctx.settings.nested.n = 2), () => ctx.settings.list.push(2)];
  for (const attempt of attempts) try { attempt(); } catch { /* frozen, or not there */ }
  const { sep, nested, list } = ctx.settings;
  ctx.emit('output', { sep: sep ?? null, n: nested?.n ?? null, list: list ?? null, frozen: [ctx.settings, nested, list].every((part) => part === undefined || Object.isFrozen(part)), keys: Object.keys(ctx.settings) });`);
    const given = await runAgent(page, source, {}, { settings: { sep: ';', nested: { n: 1 }, list: [1] } });
    expect(given).toMatchObject({
      ok: true,
      emitted: [
        { port: 'output', value: { sep: ';', n: 1, list: [1], frozen: true, keys: ['sep', 'nested', 'list'] } },
      ],
    });
    const none = await runAgent(page, source);
    expect(none).toMatchObject({
      ok: true,
      emitted: [{ port: 'output', value: { sep: null, n: null, list: null, frozen: true, keys: [] } }],
    });
  });
});
