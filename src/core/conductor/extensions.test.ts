import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../runtime/sha256';
import type { EventType } from '../events/eventMap';
import { TestStudio } from '../testing/testStudio';
import { MemoryHttp, type ScriptedBehaviour } from '../testing/memoryPorts';
import { packExtension } from '../extensions/extensionPackage';
import { testManifestSource } from '../extensions/testManifest';
import type { AgentHost, AgentTask, LlmClient } from './ports';

const samples = resolve(import.meta.dirname, '../../../examples/extensions');
const sampleFile = (name: string) => readFileSync(resolve(samples, `${name}.conductor-extension.json`), 'utf8');
const codeOf = (file: string) => (JSON.parse(file) as { code: string }).code;

/**
 * Runs an extension's entry code as the sandbox would (exports.kinds[entry.kind](ctx)), with a ctx
 * whose fetch and llm go to the host the conductor passed: the mediation under test. The real
 * sandbox runs the same code in Chromium (e2e/sandboxCalls.spec.ts, e2e/extensions.spec.ts).
 */
const runEntry: ScriptedBehaviour = async (task: AgentTask, host: AgentHost | undefined) => {
  const module = { exports: {} as { kinds?: Record<string, (ctx: unknown) => Promise<void>> } };
  new Function('exports', 'module', 'require', task.code)(module.exports, module, () => undefined);
  const emitted: Array<{ port: string; value: unknown }> = [];
  const reply = async <T>(
    answer: Promise<{ ok: true; value: T } | { ok: false; message: string }> | undefined,
  ): Promise<T> => {
    const r = await answer;
    if (!r) throw new Error('no host');
    if (!r.ok) throw new Error(r.message);
    return r.value;
  };
  const ctx = {
    inputs: task.inputs,
    settings: task.settings ?? {},
    emit: (port: string, value: unknown) => emitted.push({ port, value }),
    log: () => undefined,
    fetch: async (url: string, init: object = {}) => {
      const r = await reply(host?.fetch({ url, ...init }));
      return { ...r, json: () => JSON.parse(r.text) as unknown };
    },
    llm: (request: { model: string; prompt: string }) => reply(host?.llm(request)),
  };
  try {
    await module.exports.kinds?.[task.entry?.kind ?? '']?.(ctx);
    return { ok: true, emitted, logs: [], durationMs: 2 };
  } catch (error) {
    return { ok: false, reason: `it threw: ${(error as Error).message}`, logs: [], durationMs: 2 };
  }
};

async function studioWith(files: string[], http = new MemoryHttp(), llm?: LlmClient) {
  const behaviours = Object.fromEntries(files.map((f) => [codeOf(f), runEntry]));
  const studio = await new TestStudio(sha256, behaviours, undefined, llm, { http }).open();
  const flowId =
    [...studio.definitions.flows.keys()][0] ?? (await studio.do({ type: 'createFlow', name: 'Main flow' }));
  return { studio, flowId, http };
}

const types = (studio: TestStudio): EventType[] => studio.events.map((e) => e.type);

async function csvStep(studio: TestStudio, flowId: string) {
  const modelId = await studio.do({
    type: 'saveModelDefinition',
    definition: {
      kind: 'extension',
      extension: { id: 'csv-tools', kind: 'parse-csv' },
      name: 'Parse orders',
      inputs: [{ name: 'csv', type: 'text' }],
      outputs: [{ name: 'table', type: 'table' }],
      settings: {},
    },
  });
  const stepId = await studio.do({ type: 'addStep', flowId, modelId, position: { x: 0, y: 0 } });
  return { modelId, stepId };
}

describe('extensions behind the registry', () => {
  it('an installed kind runs like a built-in: its lifecycle and its use are in the log', async () => {
    const csv = sampleFile('csv-tools');
    const { studio, flowId } = await studioWith([csv]);
    await studio.do({ type: 'installExtension', file: csv, approve: true });
    expect(studio.definitions.extensions.get('csv-tools')).toMatchObject({ name: 'CSV tools', enabled: true });
    await csvStep(studio, flowId);
    const runId = await studio.do({ type: 'startRun', flowId, input: 'sku,qty\nA-1,2\n"B,2",3' });
    await studio.conductor.whenIdle();
    expect(studio.runs.runs.get(runId as never)?.status).toBe('succeeded');
    const produced = studio.events.find((e) => e.type === 'artifact.produced');
    expect(produced?.type === 'artifact.produced' && produced.data.artifact.kind).toBe('table');
    const lifecycle = types(studio).filter((t) => t.startsWith('extension.'));
    expect(lifecycle).toEqual(['extension.registered', 'extension.activated', 'extension.used', 'extension.unloaded']);
    const used = studio.events.find((e) => e.type === 'extension.used');
    expect(used?.data).toMatchObject({ extensionId: 'csv-tools', version: '1.0.0', kind: 'parse-csv' });

    // A fork from the run's start runs the extension's step again, activating it again.
    const started = studio.events.find((e) => e.type === 'run.started');
    const forkId = await studio.do({ type: 'forkRun', runId, atSeq: started?.seq ?? 0 });
    await studio.conductor.whenIdle();
    expect(studio.runs.runs.get(forkId as never)?.status).toBe('succeeded');
    expect(types(studio).filter((t) => t === 'extension.activated')).toHaveLength(2);
  });

  it('ctx.fetch reaches a declared origin, journaled; another origin fails the step naming the capability', async () => {
    const file = sampleFile('http-request');
    const http = new MemoryHttp({ 'http://127.0.0.1:4610/orders': { status: 200, text: '{"orders":3}' } });
    const { studio, flowId } = await studioWith([file], http);
    await studio.do({ type: 'installExtension', file, approve: true });
    const definition = (url: string, modelId?: string) => ({
      ...(modelId ? { modelId } : {}),
      kind: 'extension',
      extension: { id: 'http-request', kind: 'request' },
      name: 'Get orders',
      inputs: [{ name: 'body', type: 'text' }],
      outputs: [{ name: 'response', type: 'json' }],
      settings: { url },
    });
    const modelId = await studio.do({
      type: 'saveModelDefinition',
      definition: definition('http://127.0.0.1:4610/orders'),
    });
    await studio.do({ type: 'addStep', flowId, modelId, position: { x: 0, y: 0 } });
    const first = await studio.do({ type: 'startRun', flowId, input: '' });
    await studio.conductor.whenIdle();
    expect(studio.runs.runs.get(first as never)?.status).toBe('succeeded');
    expect(studio.events.find((e) => e.type === 'agent.called')?.data).toMatchObject({
      capability: 'network',
      summary: 'GET http://127.0.0.1:4610/orders',
      outcome: 'ok',
      status: 200,
      bytes: 12,
    });
    // The run's projection (what the inspector shows) has the call on the attempt, and the extension's version.
    const [attempt] = [...(studio.runs.runs.get(first as never)?.steps.values() ?? [])][0]?.attempts ?? [];
    expect(attempt).toMatchObject({
      extension: { extensionId: 'http-request', version: '1.0.0' },
      calls: [{ summary: 'GET http://127.0.0.1:4610/orders', outcome: 'ok', status: 200 }],
    });

    await studio.do({ type: 'saveModelDefinition', definition: definition('http://localhost:4610/orders', modelId) });
    const second = await studio.do({ type: 'startRun', flowId, input: '' });
    await studio.conductor.whenIdle();
    expect(studio.runs.runs.get(second as never)?.status).toBe('failed');
    const refused = studio.events.filter((e) => e.type === 'agent.called').at(-1);
    expect(refused?.data).toMatchObject({
      outcome: 'refused',
      detail: expect.stringContaining('was not granted network access to http://localhost:4610'),
    });
    const resolved = studio.events.filter((e) => e.type === 'agent.resolved').at(-1);
    expect(resolved?.type === 'agent.resolved' && resolved.data.reason).toContain(
      'was not granted network access to http://localhost:4610',
    );
    expect(http.requests.map((r) => r.url)).toEqual(['http://127.0.0.1:4610/orders']);
  });

  it('a script may call the project’s LLM models by name, metered; an extension without llm may not', async () => {
    const llm: LlmClient = {
      complete: () =>
        Promise.resolve({
          ok: true,
          text: 'short',
          usage: { promptTokens: 10, completionTokens: 5 },
          durationMs: 4,
          finishReason: 'stop',
        }),
    };
    const callsLlm: ScriptedBehaviour = async (task, host) => {
      const answer = await host?.llm({ model: 'Summarise', prompt: String(task.inputs['text']) });
      return answer?.ok
        ? { ok: true, emitted: [{ port: 'out', value: answer.value.text }], logs: [], durationMs: 1 }
        : { ok: false, reason: answer?.message ?? 'no host', logs: [], durationMs: 1 };
    };
    const studio = await new TestStudio(sha256, { callsLlm }, undefined, llm).open();
    const flowId =
      [...studio.definitions.flows.keys()][0] ?? (await studio.do({ type: 'createFlow', name: 'Main flow' }));
    await studio.do({
      type: 'saveModelDefinition',
      definition: {
        kind: 'llm',
        name: 'Summarise',
        inputs: [{ name: 'text', type: 'text' }],
        outputs: [{ name: 'text', type: 'text' }],
        baseUrl: 'http://127.0.0.1:1/v1',
        model: 'tiny',
        prompt: '{{text}}',
        pricing: { inputPerMTok: 1, outputPerMTok: 2 },
      },
    });
    const modelId = await studio.model('caller', ['text'], ['out'], 'callsLlm');
    await studio.do({ type: 'addStep', flowId, modelId, position: { x: 0, y: 0 } });
    const runId = await studio.do({ type: 'startRun', flowId, input: 'a long text' });
    await studio.conductor.whenIdle();
    expect(studio.runs.runs.get(runId as never)?.status).toBe('succeeded');
    expect(studio.events.find((e) => e.type === 'agent.called')?.data).toMatchObject({
      capability: 'llm',
      outcome: 'ok',
      usage: { promptTokens: 10, completionTokens: 5 },
    });
    const resolved = studio.events.find((e) => e.type === 'agent.resolved');
    expect(resolved?.type === 'agent.resolved' && resolved.data.usage).toMatchObject({
      promptTokens: 10,
      completionTokens: 5,
      costUsd: 10 / 1e6 + 10 / 1e6,
    });

    // CSV tools declares no llm capability: its ctx.llm is refused with the capability's name.
    const csv = sampleFile('csv-tools');
    const askLlm: ScriptedBehaviour = async (_task, host) => {
      const answer = await host?.llm({ model: 'Summarise', prompt: 'x' });
      return { ok: false, reason: answer && !answer.ok ? answer.message : 'allowed', logs: [], durationMs: 1 };
    };
    const other = await new TestStudio(sha256, { [codeOf(csv)]: askLlm }, undefined, llm).open();
    const otherFlow =
      [...other.definitions.flows.keys()][0] ?? (await other.do({ type: 'createFlow', name: 'Main flow' }));
    await other.do({ type: 'installExtension', file: csv, approve: true });
    await csvStep(other, otherFlow);
    await other.do({ type: 'startRun', flowId: otherFlow, input: 'a\n1' });
    await other.conductor.whenIdle();
    const refusal = other.events.find((e) => e.type === 'agent.resolved');
    expect(refusal?.type === 'agent.resolved' && refusal.data.reason).toContain(
      '“CSV tools” was not granted the llm capability',
    );
  });

  it('a script’s ctx.fetch is refused with what a script can do, not a manifest it does not have', async () => {
    const fetches: ScriptedBehaviour = async (_task, host) => {
      const answer = await host?.fetch({ url: 'https://api.example.com/v1' });
      return { ok: false, reason: answer && !answer.ok ? answer.message : 'allowed', logs: [], durationMs: 1 };
    };
    const studio = await new TestStudio(sha256, { fetches }).open();
    const flowId =
      [...studio.definitions.flows.keys()][0] ?? (await studio.do({ type: 'createFlow', name: 'Main flow' }));
    const modelId = await studio.model('fetcher', ['text'], ['out'], 'fetches');
    await studio.do({ type: 'addStep', flowId, modelId, position: { x: 0, y: 0 } });
    await studio.do({ type: 'startRun', flowId, input: 'x' });
    await studio.conductor.whenIdle();
    const refusal = studio.events.find((e) => e.type === 'agent.resolved');
    const reason = refusal?.type === 'agent.resolved' ? refusal.data.reason : '';
    expect(reason).toBe(
      "Script models cannot reach the network: only an extension's kinds can, for the origins their manifests grant. Pass the data in through an input, or use ctx.llm to ask one of the project's LLM models.",
    );
    expect(reason).not.toContain('manifest.');
    expect(studio.events.find((e) => e.type === 'agent.called')?.data).toMatchObject({
      capability: 'network',
      outcome: 'refused',
    });
  });

  it('runs refuse steps whose extension is disabled, removed or not approved here, naming them', async () => {
    const csv = sampleFile('csv-tools');
    const { studio, flowId } = await studioWith([csv]);
    await studio.do({ type: 'installExtension', file: csv, approve: false });
    await csvStep(studio, flowId);
    await expect(studio.conductor.execute({ type: 'startRun', flowId, input: 'a\n1' })).resolves.toMatchObject({
      ok: false,
      error: {
        code: 'kind-not-installed',
        message: expect.stringContaining('“CSV tools” 1.0.0 is waiting for your approval'),
      },
    });
    await studio.do({ type: 'approveExtension', extensionId: 'csv-tools' });
    await studio.do({ type: 'setExtensionEnabled', extensionId: 'csv-tools', enabled: false });
    await expect(studio.conductor.execute({ type: 'startRun', flowId, input: 'a\n1' })).resolves.toMatchObject({
      ok: false,
      error: {
        code: 'kind-not-installed',
        message: expect.stringContaining('“Parse orders” (flow Main flow) is of a kind not installed'),
      },
    });
    await studio.do({ type: 'setExtensionEnabled', extensionId: 'csv-tools', enabled: true });
    const runId = await studio.do({ type: 'startRun', flowId, input: 'a\n1' });
    await studio.conductor.whenIdle();
    expect(studio.runs.runs.get(runId as never)?.status).toBe('succeeded');

    const before = studio.events.length;
    await expect(
      studio.conductor.execute({ type: 'removeExtension', extensionId: 'csv-tools', confirm: false }),
    ).resolves.toMatchObject({ ok: false, error: { message: expect.stringContaining('Main flow › Parse orders') } });
    expect(studio.events.length).toBe(before);
    await studio.do({ type: 'removeExtension', extensionId: 'csv-tools', confirm: true });
    expect(studio.definitions.extensions.has('csv-tools')).toBe(false);
    expect(types(studio).at(-1)).toBe('extension.removed');
  });

  it('bad files change nothing: a changed code hash, a second install, a kind that is not installed', async () => {
    const csv = sampleFile('csv-tools');
    const { studio } = await studioWith([csv]);
    const tampered = JSON.stringify({ ...(JSON.parse(csv) as object), code: `${codeOf(csv)}\n// changed` });
    await expect(
      studio.conductor.execute({ type: 'installExtension', file: tampered, approve: true }),
    ).resolves.toMatchObject({
      ok: false,
      error: {
        code: 'extension-invalid',
        message: expect.stringContaining('the file was changed after it was packed'),
      },
    });
    await expect(
      studio.conductor.execute({ type: 'installExtension', file: '{ nope', approve: true }),
    ).resolves.toMatchObject({ ok: false, error: { code: 'extension-invalid' } });
    expect(studio.grants.approved.size).toBe(0);
    await expect(
      studio.conductor.execute({
        type: 'saveModelDefinition',
        definition: {
          kind: 'extension',
          extension: { id: 'csv-tools', kind: 'parse-csv' },
          name: 'X',
          inputs: [],
          outputs: [{ name: 'table', type: 'table' }],
        },
      }),
    ).resolves.toMatchObject({ ok: false, error: { code: 'kind-not-installed' } });
    await studio.do({ type: 'installExtension', file: csv, approve: true });
    await expect(
      studio.conductor.execute({ type: 'installExtension', file: csv, approve: true }),
    ).resolves.toMatchObject({ ok: false, error: { message: expect.stringContaining('is installed already') } });
    await expect(
      studio.conductor.execute({
        type: 'saveModelDefinition',
        definition: {
          kind: 'extension',
          extension: { id: 'csv-tools', kind: 'parse-csv' },
          name: 'X',
          inputs: [],
          outputs: [{ name: 'table', type: 'table' }],
          settings: { delimiter: 7 },
        },
      }),
    ).resolves.toMatchObject({ ok: false, error: { message: expect.stringContaining('delimiter') } });
  });
});

describe('an extension changed inside a log', () => {
  it('keeps its approved hash but carries other code: the run is refused', async () => {
    const csv = sampleFile('csv-tools');
    const { studio, flowId } = await studioWith([csv]);
    await studio.do({ type: 'installExtension', file: csv, approve: true });
    await csvStep(studio, flowId);
    // What a hand-made export could hold: the same manifest and hash, other code, chain re-sealed.
    const registered = studio.events.find((e) => e.type === 'extension.registered');
    if (registered?.type !== 'extension.registered') throw new Error('not installed');
    const swapped = await new TestStudio(sha256, {}).open();
    await swapped.conductor.execute({ type: 'createFlow', name: 'Main flow' });
    const log = swapped.log as unknown as { append(d: unknown[]): Promise<unknown> };
    await log.append([
      {
        type: 'extension.registered',
        data: { ...registered.data, code: 'exports.kinds = { "parse-csv": async () => {} };' },
      },
    ]);
    const reopened = await swapped.reopen({});
    await reopened.grants.approve({
      hash: registered.data.hash,
      extensionId: 'csv-tools',
      name: 'CSV tools',
      version: '1.0.0',
    });
    const otherFlow = [...reopened.definitions.flows.keys()][0] as string;
    await csvStep(reopened, otherFlow);
    await expect(
      reopened.conductor.execute({ type: 'startRun', flowId: otherFlow, input: 'a\n1' }),
    ).resolves.toMatchObject({
      ok: false,
      error: { code: 'extension-invalid', message: expect.stringContaining('does not match its hash') },
    });
  });
});

describe('keys an extension declares', () => {
  it('are put into its request by the conductor, never given to it; an undeclared one is refused', async () => {
    const code =
      'exports.kinds = { "count-words": async (ctx) => { const r = await ctx.fetch("https://api.example.com/v1", { headers: { authorization: ctx.settings.auth } }); ctx.emit("count", { status: r.status }); } };';
    const manifest = {
      ...testManifestSource(),
      provides: testManifestSource().provides.map((p) => ({
        ...p,
        settings: {
          type: 'object' as const,
          properties: { auth: { type: 'string' as const, default: 'Bearer {{secret:words}}' } },
        },
        docs: {},
      })),
      capabilities: { network: ['https://api.example.com'], secrets: ['words'] },
    };
    const packed = await packExtension(manifest, code, sha256);
    if (!packed.ok) throw new Error(packed.problems.join('; '));
    const http = new MemoryHttp({ 'https://api.example.com/v1': { status: 200, text: '{}' } });
    const studio = await new TestStudio(sha256, { [code]: runEntry }, undefined, undefined, {
      http,
      secrets: (name) => Promise.resolve(name === 'words' ? 'sk-123' : undefined),
    }).open();
    const flowId =
      [...studio.definitions.flows.keys()][0] ?? (await studio.do({ type: 'createFlow', name: 'Main flow' }));
    await studio.do({ type: 'installExtension', file: packed.text, approve: true });
    const definition = (auth: string, modelId?: string) => ({
      ...(modelId ? { modelId } : {}),
      kind: 'extension',
      extension: { id: 'word-tools', kind: 'count-words' },
      name: 'Count',
      inputs: [{ name: 'text', type: 'text' }],
      outputs: [{ name: 'count', type: 'json' }],
      settings: { auth },
    });
    const modelId = await studio.do({ type: 'saveModelDefinition', definition: definition('Bearer {{secret:words}}') });
    await studio.do({ type: 'addStep', flowId, modelId, position: { x: 0, y: 0 } });
    await studio.do({ type: 'startRun', flowId, input: 'x' });
    await studio.conductor.whenIdle();
    expect(http.requests[0]?.headers).toEqual({ authorization: 'Bearer sk-123' });
    expect(JSON.stringify(studio.events)).not.toContain('sk-123');

    await studio.do({ type: 'saveModelDefinition', definition: definition('Bearer {{secret:other}}', modelId) });
    await studio.do({ type: 'startRun', flowId, input: 'x' });
    await studio.conductor.whenIdle();
    expect(http.requests).toHaveLength(1);
    expect(studio.events.filter((e) => e.type === 'agent.called').at(-1)?.data).toMatchObject({
      outcome: 'refused',
      detail: expect.stringContaining('was not granted the API key named “other”'),
    });
  });
});
