import { AGENT_LIMITS, AGENT_SENTENCES, DENIED_GLOBALS, pastDeadline } from '../../core/agents/agentContract';
import type { AgentFetchRequest, AgentHost, AgentLlmRequest, AgentResult, AgentTask } from '../../core/conductor/ports';
import type { EventDraft } from '../../core/events/eventMap';
import { counterIds } from '../../core/ids';
import { checksTemplateEvents } from '../../examples/checksTemplate';
import { churnTemplateEvents } from '../../examples/churnTemplate';
import { exampleFlowEvents } from '../../examples/exampleFlowEvents';
import { softwarePipelineLayout, softwarePipelineModels } from '../../examples/softwarePipelineModels';
import { ventureTemplateEvents } from '../../examples/ventureTemplate';
import type { ModelCompiler } from '../../core/conductor/ports';
import { compileModel } from '../compileModel';

/**
 * The agent conformance suite's cases, shared by every host's test: the QuickJS hosts (the
 * headless CLI's and the runner's, src/runtime/quickjs/conformance.test.ts) and the browser's
 * sandbox pool (e2e/agentConformance.spec.ts). Each case is one agent and the result every host
 * must give: the same emitted values, the same log, and on failure the same sentence and class.
 * The shipped examples' models are cases too; their results are kept in conformanceExpected.json
 * (written by the CLI host with CONFORMANCE_UPDATE=1 and read by every host's test).
 */

/** What a host's result is compared on (its duration is not part of the contract). */
export type Comparable =
  | { ok: true; emitted: Array<{ port: string; value: unknown }>; logs: string[] }
  | { ok: false; reason: string; errorClass: string; logs: string[] };

export interface ConformanceCase {
  name: string;
  /** TypeScript source, compiled once by the studio's compiler (so every host runs the same code). */
  source: string;
  inputs: Record<string, unknown>;
  outputPorts: string[];
  settings?: Record<string, unknown>;
  deadlineMs?: number;
  /** Answers ctx.fetch and ctx.llm with echoHost; without it, the agent runs with no conductor behind it. */
  withHost?: boolean;
  /** Written here for the hand-made cases; for the examples' models, in conformanceExpected.json. */
  expected?: Comparable;
}

export const CONFORMANCE_SEED = 42;
export const CONFORMANCE_NOW = 1_700_000_000_000;

/** The task a host runs for a case. */
export function conformanceTask(c: ConformanceCase): AgentTask {
  const compiled = compileModel(c.source);
  if (!compiled.ok) throw new Error(`The conformance case ${c.name} does not compile: ${compiled.message}`);
  return {
    agentId: `agent_${c.name}`,
    code: compiled.code,
    inputs: c.inputs,
    outputPorts: c.outputPorts,
    seed: CONFORMANCE_SEED,
    now: CONFORMANCE_NOW,
    deadlineMs: c.deadlineMs ?? 5_000,
    ...(c.settings ? { settings: c.settings } : {}),
  };
}

export function comparable(result: AgentResult): Comparable {
  return result.ok
    ? { ok: true, emitted: result.emitted, logs: result.logs }
    : { ok: false, reason: result.reason, errorClass: result.errorClass ?? 'script-error', logs: result.logs };
}

/** The stand-in conductor of the cases withHost, the same as the sandbox harness's `echo` host (e2e/harness/sandboxHarness.ts). */
export const echoHost: AgentHost = {
  fetch: (request: AgentFetchRequest) =>
    Promise.resolve({
      ok: true,
      value: {
        ok: true,
        status: 200,
        statusText: 'OK',
        headers: { 'content-type': 'application/json' },
        text: JSON.stringify(request),
      },
    }),
  llm: (request: AgentLlmRequest) =>
    Promise.resolve({
      ok: true,
      value: { text: `echo: ${request.prompt}`, usage: { promptTokens: 1, completionTokens: 2 } },
    }),
};

const model = (body: string): string => `export default async function run(ctx: Ctx) {\n${body}\n}`;
const threw = (sentence: string, logs: string[] = []): Comparable => ({
  ok: false,
  reason: `it threw: ${sentence}`,
  errorClass: 'script-error',
  logs,
});

/** Agents written to probe the contract: each feature of ctx, each failure class, each forbidden route. */
export const HAND_MADE_CASES: ConformanceCase[] = [
  {
    name: 'ctx basics',
    source: model(`
  ctx.log('hello', { n: 1 }, [2], null, 3.5, true);
  console.warn('from console', new Error('shown'));
  const frozen = Object.isFrozen(ctx.inputs) && Object.isFrozen(ctx.inputs.nested) && Object.isFrozen(ctx.settings);
  ctx.emit('out', String(ctx.inputs.text).toUpperCase());
  ctx.emit('meta', { agent: ctx.agentId, now: ctx.now(), date: Date.now(), newDate: new Date().getTime(), epoch: new Date(0).toISOString(), frozen, settings: ctx.settings });`),
    inputs: { text: 'shout', nested: { a: [1, 2] } },
    settings: { level: 3 },
    outputPorts: ['out', 'meta'],
    expected: {
      ok: true,
      emitted: [
        { port: 'out', value: 'SHOUT' },
        {
          port: 'meta',
          value: {
            agent: 'agent_ctx basics',
            now: CONFORMANCE_NOW,
            date: CONFORMANCE_NOW,
            newDate: CONFORMANCE_NOW,
            epoch: '1970-01-01T00:00:00.000Z',
            frozen: true,
            settings: { level: 3 },
          },
        },
      ],
      logs: ['hello {"n":1} [2] null 3.5 true', 'from console Error: shown'],
    },
  },
  {
    name: 'seeded random',
    source: model(`ctx.emit('out', [ctx.random(), ctx.random(), Math.random()].map((x) => Math.round(x * 1e9)));`),
    inputs: {},
    outputPorts: ['out'],
    // mulberry32 from seed 42: the same numbers in every host, and Math.random continues ctx.random's sequence.
    expected: { ok: true, emitted: [{ port: 'out', value: [601103752, 448290559, 852465793] }], logs: [] },
  },
  {
    name: 'timers',
    source: model(`
  const order: string[] = [];
  const cancelled = setTimeout(() => order.push('cancelled'), 5);
  clearTimeout(cancelled);
  await new Promise((resolve) => setTimeout(resolve, 30));
  setTimeout((a: string, b: string) => order.push(a + b), 0, 'with ', 'arguments');
  await new Promise((resolve) => setTimeout(resolve, 10));
  let ticks = 0;
  await new Promise<void>((resolve) => {
    const id = setInterval(() => {
      order.push('tick ' + ++ticks);
      if (ticks === 3) { clearInterval(id); resolve(); }
    }, 5);
  });
  queueMicrotask(() => order.push('microtask'));
  order.push('before the microtask');
  await Promise.resolve();
  let refused = '';
  try { setTimeout('order.push(1)' as unknown as () => void, 0); } catch (e) { refused = (e as Error).message; }
  order.push(refused);
  ctx.emit('out', order);`),
    inputs: {},
    outputPorts: ['out'],
    expected: {
      ok: true,
      emitted: [
        {
          port: 'out',
          value: [
            'with arguments',
            'tick 1',
            'tick 2',
            'tick 3',
            'before the microtask',
            'microtask',
            'Agents cannot generate code at run time: setTimeout needs a function, not a string.',
          ],
        },
      ],
      logs: [],
    },
  },
  {
    name: 'plain data only',
    source: model(`
  ctx.emit('out', { kept: 1, dropped: undefined, list: [1, undefined, NaN], when: new Date(0) });
  try { ctx.emit('out', new Map([[1, 2]])); } catch (e) { ctx.log((e as Error).message); }
  const loop: Record<string, unknown> = {}; loop.self = loop;
  try { ctx.emit('out', loop); } catch (e) { ctx.log((e as Error).message); }
  try { ctx.emit('nope', 1); } catch (e) { ctx.log((e as Error).message); }`),
    inputs: {},
    outputPorts: ['out'],
    expected: {
      ok: true,
      emitted: [{ port: 'out', value: { kept: 1, list: [1, null, null], when: '1970-01-01T00:00:00.000Z' } }],
      logs: [
        "ctx.emit('out', …): the value cannot leave the sandbox (it holds a Map, not a plain object). Emit plain data: text, numbers, booleans, arrays and plain objects.",
        "ctx.emit('out', …): the value cannot leave the sandbox (it refers to itself). Emit plain data: text, numbers, booleans, arrays and plain objects.",
        'ctx.emit: “nope” is not an output of this model. Outputs: out.',
      ],
    },
  },
  {
    name: 'log is capped',
    source: model(`for (let i = 0; i < 250; i++) ctx.log('line ' + i);\n  ctx.log('x'.repeat(3000));`),
    inputs: {},
    outputPorts: ['out'],
    expected: {
      ok: true,
      emitted: [],
      logs: [
        ...Array.from({ length: 199 }, (_, i) => `line ${i}`),
        '… further log lines were dropped (at most 200 are kept)',
      ],
    },
  },
  {
    name: 'throws',
    source: model(`ctx.log('before');\n  throw new Error('boom');`),
    inputs: {},
    outputPorts: ['out'],
    expected: threw('boom', ['before']),
  },
  {
    name: 'throws in a timer',
    source: model(
      `setTimeout(() => { throw new Error('late boom'); }, 5);\n  await new Promise((resolve) => setTimeout(resolve, 200));`,
    ),
    inputs: {},
    outputPorts: ['out'],
    expected: threw('late boom'),
  },
  {
    name: 'no default export',
    source: 'export const run = 1;',
    inputs: {},
    outputPorts: ['out'],
    expected: { ok: false, reason: AGENT_SENTENCES.noDefault, errorClass: 'script-error', logs: [] },
  },
  {
    name: 'endless loop',
    source: model(`ctx.log('spinning');\n  for (;;) {}`),
    inputs: {},
    outputPorts: ['out'],
    deadlineMs: 1_500,
    expected: { ok: false, reason: pastDeadline(1_500), errorClass: 'timeout', logs: ['spinning'] },
  },
  {
    name: 'waits forever',
    source: model(`await new Promise(() => {});`),
    inputs: {},
    outputPorts: ['out'],
    deadlineMs: 300,
    expected: { ok: false, reason: pastDeadline(300), errorClass: 'timeout', logs: [] },
  },
  {
    name: 'heap bomb',
    source: model(`let s = 'bomb';\n  for (;;) s += s;`),
    inputs: {},
    outputPorts: ['out'],
    expected: { ok: false, reason: AGENT_SENTENCES.heap, errorClass: 'script-error', logs: [] },
  },
  {
    name: 'stack bomb',
    source: model(`const down = (n: number): number => down(n + 1) + 1;\n  down(0);`),
    inputs: {},
    outputPorts: ['out'],
    expected: { ok: false, reason: AGENT_SENTENCES.stack, errorClass: 'script-error', logs: [] },
  },
  {
    name: 'forbidden: process',
    source: model(`(globalThis as any).process.exit(1);`),
    inputs: {},
    outputPorts: ['out'],
    expected: threw(DENIED_GLOBALS['process'] ?? ''),
  },
  {
    name: 'forbidden: require fs',
    source: model(`const fs = require('fs');\n  fs.writeFileSync('/tmp/escaped', 'x');`),
    inputs: {},
    outputPorts: ['out'],
    expected: threw(AGENT_SENTENCES.noModules),
  },
  {
    name: 'forbidden: import()',
    source: model(`await import('node:fs');`),
    inputs: {},
    outputPorts: ['out'],
    expected: threw(AGENT_SENTENCES.noModules),
  },
  {
    name: 'forbidden: fetch',
    source: model(`await fetch('http://127.0.0.1:9/');`),
    inputs: {},
    outputPorts: ['out'],
    expected: threw(DENIED_GLOBALS['fetch'] ?? ''),
  },
  {
    name: 'forbidden: eval',
    source: model(`ctx.emit('out', eval('1 + 1'));`),
    inputs: {},
    outputPorts: ['out'],
    expected: threw(AGENT_SENTENCES.codeGeneration),
  },
  {
    name: 'forbidden: Function',
    source: model(`ctx.emit('out', new Function('return 1')());`),
    inputs: {},
    outputPorts: ['out'],
    expected: threw(AGENT_SENTENCES.codeGeneration),
  },
  {
    name: 'fetch and llm through the conductor',
    source: model(`
  const answer = await ctx.fetch('https://example.com/data', { method: 'post', headers: { accept: 'application/json' }, body: 'x' });
  const said = await ctx.llm({ model: 'writer', prompt: 'hi' });
  let refused = '';
  try { await ctx.fetch(42 as unknown as string); } catch (e) { refused = (e as Error).message; }
  ctx.emit('out', { status: answer.status, echoed: answer.json(), frozen: Object.isFrozen(answer), text: said.text, refused });`),
    inputs: {},
    outputPorts: ['out'],
    withHost: true,
    expected: {
      ok: true,
      emitted: [
        {
          port: 'out',
          value: {
            status: 200,
            echoed: {
              url: 'https://example.com/data',
              method: 'POST',
              headers: { accept: 'application/json' },
              body: 'x',
            },
            frozen: true,
            text: 'echo: hi',
            refused: "ctx.fetch: the url must be a string, like 'https://example.com/data.csv'; it was number.",
          },
        },
      ],
      logs: [],
    },
  },
  {
    name: 'fetch with no conductor',
    source: model(`await ctx.llm({ model: 'writer', prompt: 'hi' });`),
    inputs: {},
    outputPorts: ['out'],
    expected: threw(AGENT_SENTENCES.noConductor.split('{what}').join('llm')),
  },
  {
    name: 'bus: requests checked in words, and no conductor to answer',
    source: model(`
  const said: string[] = [];
  const attempt = async (call: () => Promise<unknown>) => {
    try { await call(); said.push('answered'); } catch (e) { said.push((e as Error).message); }
  };
  await attempt(() => ctx.bus.post(7 as unknown as string, 'x'));
  await attempt(() => ctx.bus.post('work-items', () => 1));
  await attempt(() => ctx.bus.read('work-items', { since: 1.5 }));
  await attempt(() => ctx.bus.next('work-items', { deadlineMs: -1 }));
  await attempt(() => ctx.bus.claim('item-1', { scope: 'galaxy' as 'tree' }));
  await attempt(() => ctx.bus.read('work-items', { from: 3 } as never));
  await attempt(() => ctx.bus.post('work-items', { item: 1 }));
  ctx.emit('out', { said, frozen: Object.isFrozen(ctx.bus) });`),
    inputs: {},
    outputPorts: ['out'],
    expected: {
      ok: true,
      emitted: [
        {
          port: 'out',
          value: {
            said: [
              "ctx.bus.post: the topic must be a string, like 'work-items'; it was number.",
              'ctx.bus.post: the message cannot leave the sandbox (it holds a function). Post plain data: text, numbers, booleans, arrays and plain objects.',
              'ctx.bus.read: since must be a message’s seq (a whole number), or left out to start at the first.',
              `ctx.bus.next: deadlineMs must be a number of milliseconds from 0 to ${AGENT_LIMITS.maxBusWaitMs}.`,
              "ctx.bus.claim: scope must be 'tree' (this run and the runs below it) or 'project'.",
              'ctx.bus.read: “from” is not an option; the options are since.',
              AGENT_SENTENCES.noConductor.split('{what}').join('bus'),
            ],
            frozen: true,
          },
        },
      ],
      logs: [],
    },
  },
];

/** Sample inputs by port name for the examples' models, as a run would hand them over. */
const SAMPLE_INPUTS: Record<string, unknown> = {
  prompt: 'a shared shopping list',
  brief: 'Goal: a shared shopping list\nUsers: families\nFeatures: add items, tick items off, share a list',
  backlog: [
    { id: 'F1', feature: 'add items' },
    { id: 'F2', feature: 'share a list' },
  ],
  code: 'export function add() {}\nexport function share() {}\ntest("adds", () => {});',
  tests: 'test("add", () => {});\ntest("share", () => {});',
  call: JSON.stringify({
    fact: 'call.logged',
    subject: 'acme',
    data: { sentiment: 'negative', notes: 'unhappy with support' },
  }),
  scored: [{ fact: 'score.updated', subject: 'acme', data: { score: 20 } }],
  facts: [{ fact: 'risk.assessed', subject: 'acme', data: { risk: 0.9, score: 20 } }],
  idea: '  A  recipe planner for busy families ',
  dossier: '# A recipe planner\nProblem: people need a recipe planner.',
  assessed: { dossier: '# A recipe planner', risk: 2 },
  security: { check: 'Security', passed: true, notes: 'OK' },
  performance: { check: 'Performance', passed: true, notes: 'OK' },
  quality: { check: 'Quality', passed: false, notes: 'Fails: a line is longer than 160 characters.' },
  testing: { check: 'Testing', passed: true, notes: 'OK' },
  architecture: { check: 'Architecture', passed: true, notes: 'OK' },
  report: [
    { check: 'Security', passed: true, notes: 'OK' },
    { check: 'Quality', passed: false, notes: 'Fails: a line is longer than 160 characters.' },
  ],
};

const INTENT_AGENT_INPUTS = { gap: 'manager.notified is missing for acme', facts: SAMPLE_INPUTS['facts'] };

/**
 * The shipped examples with script models, as templateEvents builds them (src/examples/templateEvents.ts;
 * imported one by one, since Function Quest's levels are JSON modules Playwright's loader cannot
 * read). The empty project and Function Quest have no script models of their own.
 */
export const EXAMPLE_TEMPLATES: ReadonlyArray<
  readonly [string, (compile: ModelCompiler, newId: (prefix: string) => string) => EventDraft[]]
> = [
  [
    'example',
    (compile, newId) =>
      exampleFlowEvents(
        { models: softwarePipelineModels, layout: softwarePipelineLayout, flowName: 'Software pipeline' },
        compile,
        newId,
      ),
  ],
  ['churn', churnTemplateEvents],
  ['venture', ventureTemplateEvents],
  ['checks', checksTemplateEvents],
];

/** Every script model of every shipped example, as a case (its expected result is in conformanceExpected.json). */
export function exampleCases(): ConformanceCase[] {
  return EXAMPLE_TEMPLATES.flatMap(([template, events]) => {
    const ids = counterIds();
    return events(compileModel, (prefix) => ids.next(prefix)).flatMap((draft: EventDraft) => {
      if (draft.type !== 'model.saved' || draft.data.model.kind !== 'script') return [];
      const { name, source, inputs, outputs } = draft.data.model;
      // A model without input ports is an intent agent: it is handed the gap and the facts that caused it.
      const given =
        inputs.length === 0
          ? INTENT_AGENT_INPUTS
          : Object.fromEntries(
              inputs.filter((p) => p.name in SAMPLE_INPUTS).map((p) => [p.name, SAMPLE_INPUTS[p.name]]),
            );
      return [{ name: `${template}: ${name}`, source, inputs: given, outputPorts: outputs.map((p) => p.name) }];
    });
  });
}
