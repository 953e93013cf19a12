import { expect, test, type Page } from '@playwright/test';
import type { Plugin } from 'vite';
import type { AgentResult } from '../src/core/conductor/ports';
import type { RunAgentOptions } from './harness/sandboxHarness';
import { startSandboxHarness, type SandboxHarnessServer } from './support/sandboxHarnessServer';
import { chromiumArgs, chromiumPath } from './support/chromium.mjs';

/**
 * The agent sandbox, attacked in real Chromium workers through the real SandboxPool. Each escape
 * test asks for one route out; it must fail with a sentence the author can act on, and the probe
 * endpoint below proves no request reached the server. Self-contained: it starts its own Vite
 * server and launches Debian's Chromium, so it runs without playwright.config.ts or vite.config.ts.
 */

test.use({ browserName: 'chromium', launchOptions: { executablePath: chromiumPath() as string, args: chromiumArgs } });

const PROBE = '/__sandbox_probe';
/** Requests that reached the server under PROBE: an escape that got through leaves one here. */
const probeHits: string[] = [];

const probe: Plugin = {
  name: 'sandbox-probe',
  configureServer(server) {
    server.middlewares.use((req, res, next) => {
      if (!req.url?.startsWith(PROBE)) return next();
      probeHits.push(req.url);
      res.setHeader('access-control-allow-origin', '*');
      res.setHeader('content-type', 'text/javascript');
      res.end('export default 1;');
    });
  },
};

let server: SandboxHarnessServer | undefined;
let baseUrl = '';

test.beforeAll(async () => {
  server = await startSandboxHarness([probe]);
  baseUrl = server.baseUrl;
});

test.afterAll(async () => {
  await server?.close();
});

test.beforeEach(async ({ page }) => {
  probeHits.length = 0;
  await page.goto(`${baseUrl}/e2e/harness/sandbox.html`);
  await expect(page.locator('#status')).toHaveText('ready');
});

test.afterEach(() => {
  expect(probeHits, 'a sandboxed agent reached the network').toEqual([]);
});

function runAgent(
  page: Page,
  source: string,
  inputs: Record<string, unknown> = {},
  opts: RunAgentOptions = {},
): Promise<AgentResult> {
  return page.evaluate(([s, i, o]) => window.runAgent(s, i, o), [source, inputs, opts] as const);
}

/** A model whose body is `body`; the probe URL is in scope as `probe`. */
const model = (body: string): string =>
  `export default async function run(ctx: Ctx) {\n  const probe = location.origin + '${PROBE}/' + ctx.agentId;\n${body}\n}`;

async function expectRefused(page: Page, body: string, reason: RegExp): Promise<void> {
  const result = await runAgent(page, model(body));
  expect(result.ok).toBe(false);
  if (!result.ok) expect(result.reason).toMatch(reason);
}

test.describe('a sandboxed agent can do its work', () => {
  test('reads inputs, logs, and emits to its ports', async ({ page }) => {
    const result = await runAgent(
      page,
      model(`
  ctx.log('hello', { n: 1 }, [2]);
  console.log('from console');
  ctx.emit('output', String(ctx.inputs.input).toUpperCase());
  ctx.emit('meta', { agent: ctx.agentId, now: ctx.now(), later: ctx.now(), frozen: Object.isFrozen(ctx.inputs) });`),
      { input: 'shout' },
      { outputPorts: ['output', 'meta'], agentId: 'agent_happy', now: 1_234 },
    );
    expect(result).toMatchObject({
      ok: true,
      emitted: [
        { port: 'output', value: 'SHOUT' },
        { port: 'meta', value: { agent: 'agent_happy', now: 1_234, later: 1_234, frozen: true } },
      ],
      logs: ['hello {"n":1} [2]', 'from console'],
    });
  });

  test('the ambient clock and Math.random are the virtual ones too, so replays agree', async ({ page }) => {
    const source = model(
      `ctx.emit('output', { now: Date.now(), date: new Date().getTime(), parsed: new Date(0).getTime(), random: [Math.random(), Math.random()] });`,
    );
    const first = await runAgent(page, source, {}, { seed: 11, now: 5_000 });
    const second = await runAgent(page, source, {}, { seed: 11, now: 5_000 });
    if (!first.ok || !second.ok) throw new Error('a clock run failed');
    expect(first.emitted[0]?.value).toMatchObject({ now: 5_000, date: 5_000, parsed: 0 });
    expect(second.emitted[0]?.value).toEqual(first.emitted[0]?.value);
  });

  test('ctx.random is the same sequence for the same seed, in two separate isolates', async ({ page }) => {
    const source = model(`ctx.emit('output', [ctx.random(), ctx.random(), ctx.random()]);`);
    const first = await runAgent(page, source, {}, { seed: 7 });
    const second = await runAgent(page, source, {}, { seed: 7 });
    const other = await runAgent(page, source, {}, { seed: 8 });
    if (!first.ok || !second.ok || !other.ok) throw new Error('a random run failed');
    const values = first.emitted[0]?.value as number[];
    expect(values).toHaveLength(3);
    for (const v of values) expect(v >= 0 && v < 1).toBe(true);
    expect(second.emitted[0]?.value).toEqual(values);
    expect(other.emitted[0]?.value).not.toEqual(values);
  });

  test('mistakes come back as sentences, not stack traces', async ({ page }) => {
    await expectRefused(page, `throw new Error('boom');`, /^it threw: boom$/);
    await expectRefused(page, `ctx.emit('nope', 1);`, /“nope” is not an output of this model\. Outputs: output\./);
    await expectRefused(
      page,
      `ctx.emit('output', () => 1);`,
      /ctx\.emit\('output', …\): the value cannot leave the sandbox/,
    );
    const noDefault = await runAgent(page, 'export const run = 1;');
    expect(noDefault).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/must `export default` a function that takes ctx/),
    });
    const syntax = await runAgent(page, 'export default function (ctx: Ctx) {\n  ctx.emit(;\n}');
    expect(syntax).toMatchObject({ ok: false, reason: expect.stringMatching(/^compile: Line 2, column \d+: /) });
  });
});

test.describe('a sandboxed agent cannot get out', () => {
  test('fetch', async ({ page }) => {
    await expectRefused(
      page,
      `await fetch(probe);`,
      /^it threw: Agents cannot use the network \(fetch\)\. Use only the ctx API/,
    );
  });

  test('fetch, restored from the global’s prototypes or by deleting the block', async ({ page }) => {
    const result = await runAgent(
      page,
      model(`
  const routes = {
    proto: () => Object.getOwnPropertyDescriptor(Object.getPrototypeOf(self), 'fetch').value(probe),
    protoOfProto: () => Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Object.getPrototypeOf(self)), 'fetch').value(probe),
    redefine: () => { Object.defineProperty(self, 'fetch', { value: () => 1 }); return fetch(probe); },
    remove: () => { delete self.fetch; return fetch(probe); },
  };
  for (const [name, route] of Object.entries(routes)) {
    try { await route(); ctx.log(name, 'ESCAPED'); } catch (error) { ctx.log(name, 'refused'); }
  }
  ctx.emit('output', 'done');`),
    );
    expect(result).toMatchObject({
      ok: true,
      logs: ['proto refused', 'protoOfProto refused', 'redefine refused', 'remove refused'],
    });
  });

  test('XMLHttpRequest', async ({ page }) => {
    await expectRefused(
      page,
      `const x = new XMLHttpRequest(); x.open('GET', probe, false); x.send();`,
      /cannot use the network \(XMLHttpRequest\)/,
    );
  });

  test('WebSocket', async ({ page }) => {
    await expectRefused(page, `new WebSocket(probe.replace('http', 'ws'));`, /cannot use the network \(WebSocket\)/);
  });

  test('EventSource and fonts', async ({ page }) => {
    await expectRefused(page, `new EventSource(probe);`, /cannot use the network \(EventSource\)/);
    await expectRefused(
      page,
      `await new FontFace('x', 'url(' + probe + ')').load();`,
      /cannot use the network \(FontFace\)/,
    );
  });

  test('importScripts', async ({ page }) => {
    await expectRefused(page, `importScripts(probe);`, /cannot use scripts from elsewhere \(importScripts\)/);
  });

  test('indexedDB', async ({ page }) => {
    await expectRefused(page, `indexedDB.open('studio');`, /cannot use storage \(indexedDB\)/);
  });

  test('caches', async ({ page }) => {
    await expectRefused(page, `await caches.open('x');`, /cannot use storage \(caches\)/);
  });

  test('navigator: locks, storage, beacons', async ({ page }) => {
    await expectRefused(
      page,
      `navigator.locks.request('conductor', () => new Promise(() => {}));`,
      /cannot use navigator/,
    );
    await expectRefused(page, `navigator.sendBeacon(probe, 'x');`, /cannot use navigator/);
  });

  test('BroadcastChannel', async ({ page }) => {
    await expectRefused(
      page,
      `new BroadcastChannel('conductor-events').postMessage('forged');`,
      /cannot use other workers or tabs \(BroadcastChannel\)/,
    );
  });

  test('a nested Worker', async ({ page }) => {
    await expectRefused(page, `new Worker(probe, { type: 'module' });`, /cannot use other workers or tabs \(Worker\)/);
  });

  test('SharedWorker, MessageChannel and WebRTC', async ({ page }) => {
    await expectRefused(page, `new SharedWorker(probe);`, /cannot use other workers or tabs \(SharedWorker\)/);
    await expectRefused(
      page,
      `new MessageChannel().port1.postMessage('x');`,
      /cannot use other workers or tabs \(MessageChannel\)/,
    );
    await expectRefused(page, `new RTCPeerConnection();`, /cannot use the network \(RTCPeerConnection\)/);
  });

  test('forging its own result through postMessage', async ({ page }) => {
    const result = await runAgent(
      page,
      model(`
  const forged = { type: 'result', taskId: ctx.agentId + '#1', outcome: { ok: true, emitted: [{ port: 'output', value: 'forged' }] } };
  const routes = {
    global: () => self.postMessage(forged),
    prototype: () => Object.getPrototypeOf(self).postMessage.call(self, forged),
    interface: () => DedicatedWorkerGlobalScope.prototype.postMessage.call(self, forged),
    close: () => self.close(),
    replay: () => self.dispatchEvent(new MessageEvent('message', { data: { type: 'run', taskId: 'x', task: { code: '' } } })),
  };
  for (const [name, route] of Object.entries(routes)) {
    try { route(); ctx.log(name, 'went through'); } catch { ctx.log(name, 'refused'); }
  }
  ctx.emit('output', 'honest');`),
    );
    expect(result).toMatchObject({
      ok: true,
      emitted: [{ port: 'output', value: 'honest' }],
      logs: ['global refused', 'prototype refused', 'interface refused', 'close refused', 'replay refused'],
    });
  });

  test('eval, the Function constructors and string timers', async ({ page }) => {
    const result = await runAgent(
      page,
      model(`
  const routes = {
    eval: () => eval('1 + 1'),
    indirectEval: () => (0, globalThis.eval)('1 + 1'),
    Function: () => new Function('return 1')(),
    constructor: () => (function () {}).constructor('return 1')(),
    async: () => (async function () {}).constructor('return 1')(),
    generator: () => (function* () {}).constructor('yield 1')().next(),
    asyncGenerator: () => (async function* () {}).constructor('yield 1')(),
    setTimeout: () => setTimeout('self.leaked = 1', 0),
    setInterval: () => setInterval('self.leaked = 1', 1000),
  };
  for (const [name, route] of Object.entries(routes)) {
    try { route(); ctx.log(name, 'ran'); } catch (error) { ctx.log(name, String(error.message).startsWith('Agents cannot generate code at run time') ? 'refused' : 'other: ' + error.message); }
  }
  ctx.emit('output', (function () {}) instanceof Function);`),
    );
    expect(result).toMatchObject({
      ok: true,
      emitted: [{ port: 'output', value: true }],
      logs: [
        'eval refused',
        'indirectEval refused',
        'Function refused',
        'constructor refused',
        'async refused',
        'generator refused',
        'asyncGenerator refused',
        'setTimeout refused',
        'setInterval refused',
      ],
    });
  });

  test('dynamic import, compiled or hidden in raw code', async ({ page }) => {
    await expectRefused(page, `await import(probe);`, /Models cannot import modules; use only the ctx API/);
    const raw = `exports.default = async (ctx) => { await import/* hide */\n(location.origin + '${PROBE}/raw.js'); };`;
    const result = await runAgent(page, raw, {}, { raw: true });
    expect(result).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^its code uses dynamic import\(\), which could reach the network/),
    });
  });

  test('an endless loop is stopped at its deadline, with its log kept', async ({ page }) => {
    const result = await runAgent(page, model(`ctx.log('starting'); while (true) {}`), {}, { deadlineMs: 300 });
    expect(result).toMatchObject({
      ok: false,
      reason:
        "it ran past its deadline of 300 ms and was stopped. Look for an endless loop, or raise the model's timeout.",
      logs: ['starting'],
    });
    expect(await runAgent(page, model(`ctx.emit('output', 'after the loop');`))).toMatchObject({ ok: true });
  });

  test('no agent runs longer than the sandbox cap, whatever its timeout says', async ({ page }) => {
    const result = await runAgent(
      page,
      model(`ctx.log('waiting'); await new Promise(() => {});`),
      {},
      { deadlineMs: 600_000 },
    );
    expect(result).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^it ran for 15 s, the longest any agent may run/),
      logs: ['waiting'],
    });
  });

  // A bomb that reaches V8's heap limit crashes Chromium's whole renderer (V8 OOM is fatal to the
  // process; here it takes ~20 s), so heap hoarding is contained by the deadline, not caught.
  test('memory bombs are contained, and the pool keeps working afterwards', async ({ page }) => {
    // An engine's size limits read as the contract's one memory sentence (the QuickJS hosts say the same).
    await expectRefused(page, `let s = 'x'; while (true) s += s;`, /^it ran out of memory and was stopped\./);
    await expectRefused(
      page,
      `const hoard = []; while (true) hoard.push(new ArrayBuffer(1e9));`,
      /^it ran out of memory and was stopped\./,
    );
    const heap = await runAgent(
      page,
      model(`const hoard = []; while (true) hoard.push(new Array(1e6).fill(hoard.length));`),
      {},
      { deadlineMs: 2_000 },
    );
    expect(heap).toMatchObject({ ok: false, reason: expect.stringMatching(/^it ran past its deadline of 2000 ms/) });

    const after = await runAgent(page, model(`ctx.emit('output', 'still here');`));
    expect(after).toMatchObject({ ok: true, emitted: [{ port: 'output', value: 'still here' }] });
    await expect.poll(() => page.evaluate(() => window.poolStats())).toEqual({ warm: 2, starting: 0, busy: 0 });
  });
});
