import { describe, expect, it } from 'vitest';
import { sha256 } from '../../runtime/sha256';
import { emitAll, TestStudio } from '../testing/testStudio';
import type { AgentResult, AgentTask, LlmClient, LlmRequest } from './ports';
import type { RunState } from '../run/runState';

const fail = (reason: string, errorClass: 'server' | 'script-error' = 'server'): AgentResult => ({
  ok: false,
  reason,
  logs: [],
  durationMs: 1,
  errorClass,
});
const emitted = (task: AgentTask, value: unknown): AgentResult => ({
  ok: true,
  emitted: task.outputPorts.map((port) => ({ port, value })),
  logs: [],
  durationMs: 1,
});

let flaky = 0;
const behaviours = {
  echo: emitAll((i) => Object.values(i).join('+')),
  upper: emitAll((i) => String(Object.values(i)[0]).toUpperCase()),
  risk: emitAll(() => ({ risk: 7 })),
  safe: emitAll(() => ({ risk: 1 })),
  list: emitAll(() => ['a', 'b', 'c', 'd', 'e']),
  broken: () => Promise.resolve(fail('the server said 500')),
  hopeless: () => Promise.resolve(fail('bad code', 'script-error')),
  flaky: (task: AgentTask) =>
    Promise.resolve((flaky += 1) <= 2 ? fail(`attempt ${flaky} failed`) : emitted(task, 'finally')),
  spec: emitAll((i) => `spec from ${String(i.code)} and ${String(i.tests)}`),
  unsure: emitAll(() => ({ answer: 42, confidence: 0.2 })),
};

async function setup(llm?: LlmClient) {
  flaky = 0;
  const studio = await new TestStudio(sha256, behaviours, undefined, llm).open();
  const flowId = await studio.do({ type: 'createFlow', name: 'Flow' });
  const step = (modelId: string, label?: string) =>
    studio.do({ type: 'addStep', flowId, modelId, position: { x: 0, y: 0 }, ...(label ? { label } : {}) });
  const wire = (a: string, ap: string, b: string, bp: string) =>
    studio.do({ type: 'connect', flowId, source: { stepId: a, port: ap }, target: { stepId: b, port: bp } });
  const configure = (stepId: string, settings: unknown) =>
    studio.do({ type: 'configureStep', flowId, stepId, settings });
  const run = async (input = 'x', given?: Array<{ stepId: string; port: string; text: string }>): Promise<RunState> => {
    const runId = await studio.do({ type: 'startRun', flowId, input, ...(given ? { given } : {}) });
    await studio.conductor.whenIdle();
    return studio.runs.runs.get(runId as never) as RunState;
  };
  return { studio, flowId, step, wire, configure, run };
}

const statusOf = (run: RunState, stepId: string) => run.steps.get(stepId as never)?.status;

/** A quality gate that passes a value whose risk is at most 3 on `pass`, and sends the rest to `fail`. */
const LOW_RISK_GATE = {
  kind: 'gate',
  name: 'Low risk',
  inputs: [{ name: 'in', type: 'json' }],
  outputs: [
    { name: 'pass', type: 'json' },
    { name: 'fail', type: 'json' },
  ],
  check: { type: 'quality', rule: 'value.risk <= 3' },
};

describe('branches', () => {
  it('routes by a CEL expression; the untaken branch is skipped, and so is everything after it', async () => {
    const { studio, step, wire, run } = await setup();
    const source = await step(await studio.model('Risk', ['in'], ['out'], 'risk'));
    const branch = await step(
      await studio.define({
        kind: 'branch',
        name: 'By risk',
        inputs: [{ name: 'in', type: 'any' }],
        outputs: [
          { name: 'high', type: 'any' },
          { name: 'low', type: 'any' },
        ],
        routes: [
          { port: 'high', when: 'value.risk > 5' },
          { port: 'low', when: 'true' },
        ],
      }),
    );
    const onHigh = await step(await studio.model('Escalate', ['in'], ['out'], 'echo'));
    const onLow = await step(await studio.model('Archive', ['in'], ['out'], 'echo'));
    const afterLow = await step(await studio.model('Report', ['in'], ['out'], 'echo'));
    await wire(source, 'out', branch, 'in');
    await wire(branch, 'high', onHigh, 'in');
    await wire(branch, 'low', onLow, 'in');
    await wire(onLow, 'out', afterLow, 'in');
    const done = await run();
    expect(done.status).toBe('succeeded');
    expect(done.steps.get(branch as never)?.route).toMatchObject({ taken: 'high' });
    expect([statusOf(done, onHigh), statusOf(done, onLow), statusOf(done, afterLow)]).toEqual([
      'done',
      'skipped',
      'skipped',
    ]);
    expect(studio.agents.tasks.map((t) => t.code)).toEqual(['risk', 'echo']);
  });
});

describe('joins', () => {
  it('a quorum of 2 starts on the first two inputs and passes only those', async () => {
    const { studio, step, wire, configure, run } = await setup();
    const a = await step(await studio.model('A', ['in'], ['out'], 'upper'));
    const b = await step(await studio.model('B', ['in'], ['out'], 'upper'));
    const c = await step(await studio.model('C', ['in'], ['out'], 'broken'));
    const join = await step(await studio.model('Join', ['a', 'b', 'c'], ['out'], 'echo'));
    await wire(a, 'out', join, 'a');
    await wire(b, 'out', join, 'b');
    await wire(c, 'out', join, 'c');
    await configure(join, { join: { policy: 'quorum', n: 2 } });
    await configure(c, { critical: false });
    const done = await run();
    expect(done.status).toBe('succeeded');
    expect(statusOf(done, c)).toBe('skipped');
    expect(statusOf(done, join)).toBe('done');
    expect(Object.keys(done.steps.get(join as never)?.inputs ?? {}).sort()).toEqual(['a', 'b']);
  });

  it('an all-join whose input was skipped is skipped too; a quorum that can no longer be met as well', async () => {
    const { studio, step, wire, configure, run } = await setup();
    const a = await step(await studio.model('A', ['in'], ['out'], 'broken'));
    const b = await step(await studio.model('B', ['in'], ['out'], 'broken'));
    const all = await step(await studio.model('All', ['a', 'b'], ['out'], 'echo'));
    await wire(a, 'out', all, 'a');
    await wire(b, 'out', all, 'b');
    await configure(a, { critical: false });
    await configure(b, { critical: false });
    await configure(all, { join: { policy: 'any' } });
    const done = await run();
    expect(statusOf(done, all)).toBe('skipped');
    expect(done.status).toBe('succeeded');
  });
});

describe('fan-out', () => {
  it('maps a step over a list with a concurrency limit and gathers the results in order', async () => {
    const { studio, step, wire, configure } = await setup();
    const list = await step(await studio.model('List', ['in'], ['items'], 'list'));
    const each = await step(await studio.model('Upper', ['item'], ['out'], 'upper'));
    await wire(list, 'items', each, 'item');
    await configure(each, { map: { port: 'item', concurrency: 2 } });
    studio.agents.hold();
    const started = studio.do({
      type: 'startRun',
      flowId: studio.definitions.flows.keys().next().value as string,
      input: 'x',
    });
    const runId = await started;
    await expect.poll(() => studio.agents.running).toBe(1);
    studio.agents.release();
    await studio.conductor.whenIdle();
    const done = studio.runs.runs.get(runId as never) as RunState;
    expect(done.status).toBe('succeeded');
    expect(studio.agents.maxRunning).toBeLessThanOrEqual(2);
    expect(studio.agents.tasks.filter((t) => t.code === 'upper')).toHaveLength(5);
    const gathered = done.steps.get(each as never)?.outputs.out;
    const record = gathered ? await studio.artifacts.get(gathered.hash) : undefined;
    expect(JSON.parse(record?.body ?? 'null')).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(done.steps.get(each as never)?.map).toEqual({ total: 5, done: 5 });
  });
});

describe('reverse reconstruction', () => {
  it('rebuilds a missing early output from the later ones it was given, with the inverse model', async () => {
    const { studio, step, wire, configure, run } = await setup();
    const spec = await step(await studio.model('Spec', ['in'], ['spec'], 'upper'), 'Spec');
    const code = await step(await studio.model('Code', ['spec'], ['code'], 'echo'), 'Code');
    const tests = await step(await studio.model('Tests', ['code'], ['tests'], 'echo'), 'Tests');
    await wire(spec, 'spec', code, 'spec');
    await wire(code, 'code', tests, 'code');
    const inverse = await studio.model('Spec from code', ['code', 'tests'], ['spec'], 'spec');
    await configure(spec, {
      rebuild: {
        model: inverse,
        from: [
          { stepId: code, port: 'code', as: 'code' },
          { stepId: tests, port: 'tests', as: 'tests' },
        ],
      },
    });
    const done = await run('x', [
      { stepId: code, port: 'code', text: 'fn()' },
      { stepId: tests, port: 'tests', text: 'test(fn)' },
    ]);
    expect(done.status).toBe('succeeded');
    expect(studio.agents.tasks.map((t) => t.code)).toEqual(['spec']);
    expect(done.steps.get(spec as never)?.producedBy).toMatchObject({ modelId: inverse, reverse: true });
    const rebuilt = await studio.artifacts.get(done.steps.get(spec as never)?.outputs.spec?.hash as never);
    expect(rebuilt?.body).toBe('spec from fn() and test(fn)');
  });
});

describe('resilience', () => {
  it('retries with exponential backoff, waking when each wait is over', async () => {
    const { studio, step, configure, run } = await setup();
    const s = await step(await studio.model('Flaky', ['in'], ['out'], 'flaky'));
    await configure(s, { retry: { maxAttempts: 3, backoff: 'exponential', baseMs: 100 } });
    const first = await run();
    expect(statusOf(first, s)).toBe('retrying');
    const retrying = () =>
      studio.events
        .filter((e) => e.type === 'step.retrying')
        .map((e) => (e.type === 'step.retrying' ? e.data.delayMs : 0));
    expect(retrying()).toEqual([100]);
    expect(studio.wakes.at(-1)).toBe(studio.now + 100);
    await studio.advanceAndSettle(100);
    expect(retrying()).toEqual([100, 200]);
    await studio.advanceAndSettle(200);
    const done = studio.runs.runs.get(first.runId) as RunState;
    expect(done.status).toBe('succeeded');
    expect(done.steps.get(s as never)?.attempts.map((a) => [a.attempt, a.outcome])).toEqual([
      [1, 'failed'],
      [2, 'failed'],
      [3, 'succeeded'],
    ]);
  });

  it('moves down the fallback chain, and the run says which model produced the artifact', async () => {
    const { studio, step, configure, run } = await setup();
    const backup = await studio.model('Backup', ['in'], ['out'], 'upper');
    const s = await step(await studio.model('Primary', ['in'], ['out'], 'hopeless'));
    await configure(s, { retry: { maxAttempts: 2, baseMs: 0 }, fallbacks: [backup] });
    const done = await run();
    expect(done.status).toBe('succeeded');
    // script-error is not a retryable class by default: straight to the fallback.
    expect(studio.agents.tasks.map((t) => t.code)).toEqual(['hopeless', 'upper']);
    expect(done.steps.get(s as never)?.producedBy?.modelId).toBe(backup);
  });

  it('a non-critical step that fails is skipped and the run goes on; a critical one fails the run', async () => {
    const { studio, step, wire, configure, run } = await setup();
    const optional = await step(await studio.model('Optional', ['in'], ['out'], 'broken'));
    const other = await step(await studio.model('Other', ['in'], ['out'], 'upper'));
    const after = await step(await studio.model('After', ['a', 'b'], ['out'], 'echo'));
    await wire(optional, 'out', after, 'a');
    await wire(other, 'out', after, 'b');
    await configure(after, { join: { policy: 'any' } });
    await configure(optional, { critical: false });
    const done = await run();
    expect(done.status).toBe('succeeded');
    expect(statusOf(done, optional)).toBe('skipped');
    await configure(optional, {});
    const failed = await run();
    expect(failed.status).toBe('failed');
    expect(failed.reason).toContain('the server said 500');
  });
});

describe('gates and people', () => {
  it('an approval gate waits for a person; approve passes it on, reject takes the other way with notes', async () => {
    const { studio, step, wire, run } = await setup();
    const draft = await step(await studio.model('Draft', ['in'], ['out'], 'upper'));
    const gate = await step(
      await studio.define({
        kind: 'gate',
        name: 'Review',
        inputs: [{ name: 'in', type: 'any' }],
        outputs: [
          { name: 'approved', type: 'any' },
          { name: 'rejected', type: 'any' },
        ],
        check: { type: 'approval', question: 'Ship it?' },
      }),
    );
    const ship = await step(await studio.model('Ship', ['in'], ['out'], 'echo'));
    await wire(draft, 'out', gate, 'in');
    await wire(gate, 'approved', ship, 'in');
    const waiting = await run();
    expect(statusOf(waiting, gate)).toBe('asking');
    expect(waiting.status).toBe('running');
    const ask = waiting.steps.get(gate as never)?.asks[0];
    expect(ask?.question).toContain('Ship it?');
    await studio.do({
      type: 'answerAsk',
      runId: waiting.runId,
      askId: ask?.askId as string,
      decision: 'approve',
      notes: 'looks good',
    });
    await studio.conductor.whenIdle();
    const approved = studio.runs.runs.get(waiting.runId) as RunState;
    expect(approved.status).toBe('succeeded');
    expect(statusOf(approved, ship)).toBe('done');
    expect(approved.steps.get(gate as never)?.asks[0]?.answer).toMatchObject({
      decision: 'approve',
      notes: 'looks good',
      by: 'person',
    });

    const second = await run();
    const ask2 = second.steps.get(gate as never)?.asks[0];
    await studio.do({
      type: 'answerAsk',
      runId: second.runId,
      askId: ask2?.askId as string,
      decision: 'reject',
      notes: 'not yet',
    });
    await studio.conductor.whenIdle();
    const rejected = studio.runs.runs.get(second.runId) as RunState;
    expect(rejected.status).toBe('succeeded');
    expect(statusOf(rejected, ship)).toBe('skipped');
    expect(rejected.steps.get(gate as never)?.route?.taken).toBe('rejected');
    const again = await studio.try({
      type: 'answerAsk',
      runId: second.runId,
      askId: ask2?.askId as string,
      decision: 'approve',
    });
    expect(again.ok).toBe(false);
  });

  it('an unanswered approval follows its timeout policy', async () => {
    const { studio, step, run } = await setup();
    const gate = await step(
      await studio.define({
        kind: 'gate',
        name: 'Review',
        inputs: [{ name: 'in', type: 'any' }],
        outputs: [{ name: 'approved', type: 'any' }],
        check: { type: 'approval', answerWithinMs: 5_000, onTimeout: 'reject' },
      }),
    );
    const waiting = await run();
    expect(statusOf(waiting, gate)).toBe('asking');
    await studio.advanceAndSettle(5_000);
    const over = studio.runs.runs.get(waiting.runId) as RunState;
    expect(over.status).toBe('failed');
    expect(over.steps.get(gate as never)?.asks[0]?.answer).toMatchObject({ decision: 'reject', by: 'timeout' });
  });

  it('after a failed run, the steps that never got their inputs read “skipped”, not “waiting”', async () => {
    const { studio, step, wire, run } = await setup();
    const broken = await step(await studio.model('Fetch', ['in'], ['out'], 'hopeless'));
    const after = await step(await studio.model('Summarise', ['in'], ['out'], 'echo'));
    await wire(broken, 'out', after, 'in');
    const failed = await run();
    expect(failed.status).toBe('failed');
    expect(failed.steps.get(after as never)).toMatchObject({
      status: 'skipped',
      reason: 'It did not run: the run failed before this step got its inputs.',
    });
  });

  it('a run that ends because a gate did not pass says so, not just “succeeded”', async () => {
    const { studio, step, wire, run } = await setup();
    const source = await step(await studio.model('Score', ['in'], ['out'], 'risk'));
    const gate = await step(await studio.define(LOW_RISK_GATE), 'Risk check');
    const ship = await step(await studio.model('Ship', ['in'], ['out'], 'echo'));
    await wire(source, 'out', gate, 'in');
    await wire(gate, 'pass', ship, 'in');
    const stopped = await run();
    expect(statusOf(stopped, ship)).toBe('skipped');
    expect(stopped.status).toBe('succeeded');
    expect(stopped.reason).toBe('Stopped at the gate “Risk check”: Did not pass: value.risk <= 3 does not hold.');
    expect(stopped.stoppedAt).toBe(gate);
    // Passed, the same flow finishes with nothing to explain.
    const { studio: other, step: step2, wire: wire2, run: run2 } = await setup();
    const safe = await step2(await other.model('Score', ['in'], ['out'], 'safe'));
    const gate2 = await step2(await other.define(LOW_RISK_GATE));
    await wire2(safe, 'out', gate2, 'in');
    const passed = await run2();
    expect(passed.status).toBe('succeeded');
    expect(passed.reason).toBeUndefined();
    expect(passed.stoppedAt).toBeUndefined();
  });

  it('a quality gate checks a rule; a human model takes typed outputs', async () => {
    const { studio, step, wire, run } = await setup();
    const source = await step(await studio.model('Score', ['in'], ['out'], 'safe'));
    const gate = await step(await studio.define(LOW_RISK_GATE));
    const person = await step(
      await studio.define({
        kind: 'human',
        name: 'Sign-off',
        inputs: [{ name: 'in', type: 'json' }],
        outputs: [
          { name: 'note', type: 'text' },
          { name: 'data', type: 'json' },
        ],
        instructions: 'Write a note',
      }),
    );
    await wire(source, 'out', gate, 'in');
    await wire(gate, 'pass', person, 'in');
    const waiting = await run();
    expect(waiting.steps.get(gate as never)?.route?.taken).toBe('pass');
    const ask = waiting.steps.get(person as never)?.asks[0];
    expect(ask?.kind).toBe('input');
    const broken = await studio.try({
      type: 'answerAsk',
      runId: waiting.runId,
      askId: ask?.askId as string,
      decision: 'provide',
      outputs: { note: 'ok', data: '{oops' },
    });
    expect(broken).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('“data” is not valid JSON') },
    });
    await studio.do({
      type: 'answerAsk',
      runId: waiting.runId,
      askId: ask?.askId as string,
      decision: 'provide',
      outputs: { note: 'ok', data: '{"a":1}' },
    });
    await studio.conductor.whenIdle();
    const done = studio.runs.runs.get(waiting.runId) as RunState;
    expect(done.status).toBe('succeeded');
    expect(Object.keys(done.steps.get(person as never)?.outputs ?? {})).toEqual(['note', 'data']);
  });

  it('a low-confidence draft is held for a person; accepting it promotes it', async () => {
    const { studio, step, configure, run } = await setup();
    const s = await step(await studio.model('Unsure', ['in'], ['out'], 'unsure'));
    await configure(s, { policy: { confidence: { high: 0.8, medium: 0.5 } } });
    const held = await run();
    expect(statusOf(held, s)).toBe('asking');
    expect(held.steps.get(s as never)?.violations[0]?.rule).toBe('confidence');
    expect(held.steps.get(s as never)?.outputs).toEqual({});
    const ask = held.steps.get(s as never)?.asks[0];
    await studio.do({ type: 'answerAsk', runId: held.runId, askId: ask?.askId as string, decision: 'approve' });
    await studio.conductor.whenIdle();
    const done = studio.runs.runs.get(held.runId) as RunState;
    expect(done.status).toBe('succeeded');
    expect(done.steps.get(s as never)?.confidence).toEqual({ value: 0.2, level: 'low' });
  });
});

describe('sub-flows', () => {
  it('a step runs another flow and takes its output', async () => {
    const { studio, flowId, step, run } = await setup();
    const inner = await studio.do({ type: 'createFlow', name: 'Inner' });
    await studio.do({
      type: 'addStep',
      flowId: inner,
      modelId: await studio.model('Shout', ['in'], ['out'], 'upper'),
      position: { x: 0, y: 0 },
    });
    const sub = await step(
      await studio.define({
        kind: 'subflow',
        name: 'Run inner',
        flowId: inner,
        inputs: [{ name: 'in', type: 'any' }],
        outputs: [{ name: 'out', type: 'any' }],
      }),
    );
    const done = await run('hello');
    expect(done.status).toBe('succeeded');
    const out = await studio.artifacts.get(done.steps.get(sub as never)?.outputs.out?.hash as never);
    expect(out?.body).toBe('HELLO');
    const child = [...studio.runs.runs.values()].find((r) => r.parentStep?.runId === done.runId);
    expect(child?.flowId).not.toBe(flowId);
    expect(child?.status).toBe('succeeded');
  });
});

/** An LLM client that answers from a script and records what it was asked. */
class ScriptedLlm implements LlmClient {
  readonly requests: LlmRequest[] = [];
  complete(request: LlmRequest, onDelta?: (text: string) => void) {
    this.requests.push(request);
    onDelta?.('Hel');
    const text = 'Hello there';
    return Promise.resolve({
      ok: true as const,
      text,
      usage: { promptTokens: 100, completionTokens: 50 },
      durationMs: 5,
      finishReason: 'stop',
    });
  }
}

describe('budgets and policies', () => {
  const llmModel = {
    kind: 'llm',
    name: 'Writer',
    baseUrl: 'http://127.0.0.1:9/v1',
    model: 'echo',
    prompt: 'Write about {{in}}',
    inputs: [{ name: 'in', type: 'text' }],
    outputs: [{ name: 'out', type: 'text' }],
    pricing: { inputPerMTok: 1_000, outputPerMTok: 2_000 },
  };

  it('meters tokens and cost, caps max_tokens by what is left, and stops rather than overspend', async () => {
    const llm = new ScriptedLlm();
    const { studio, step, wire, run } = await setup(llm);
    const model = await studio.define(llmModel);
    const a = await step(model);
    const b = await step(model);
    await wire(a, 'out', b, 'in');
    await studio.do({
      type: 'savePolicies',
      source: '{ "project": { "maxTokens": 500 }, "flows": { "Flow": { "budget": { "run": { "tokens": 200 } } } } }',
    });
    const done = await run('cats');
    expect(llm.requests[0]?.messages.at(-1)?.content).toBe('Write about cats');
    expect(llm.requests[0]?.maxTokens).toBe(200);
    expect(done.spend.tokens).toBe(300);
    expect(done.spend.costUsd).toBeCloseTo((2 * (100 * 1_000 + 50 * 2_000)) / 1e6);
    expect(done.steps.get(a as never)?.spend.tokens).toBe(150);
    // 50 tokens were left for b, so its reply was capped there.
    expect(llm.requests[1]?.maxTokens).toBe(50);
    expect(done.status).toBe('succeeded');
  });

  it('refuses to start a step when the budget is used up, or asks first when the policy says so', async () => {
    const llm = new ScriptedLlm();
    const { studio, step, wire, run } = await setup(llm);
    const model = await studio.define(llmModel);
    const a = await step(model);
    const b = await step(model);
    await wire(a, 'out', b, 'in');
    await studio.do({
      type: 'savePolicies',
      source: '{ "flows": { "Flow": { "budget": { "run": { "tokens": 150 } } } } }',
    });
    const stopped = await run();
    expect(stopped.status).toBe('failed');
    expect(statusOf(stopped, b)).toBe('failed');
    expect(stopped.steps.get(b as never)?.violations[0]?.rule).toBe('budget');
    expect(llm.requests).toHaveLength(1);

    await studio.do({
      type: 'savePolicies',
      source: '{ "flows": { "Flow": { "budget": { "run": { "tokens": 150 }, "onExceed": "ask" } } } }',
    });
    const asking = await run();
    const ask = asking.steps.get(b as never)?.asks[0];
    expect(ask?.kind).toBe('budget');
    await studio.do({ type: 'answerAsk', runId: asking.runId, askId: ask?.askId as string, decision: 'approve' });
    await studio.conductor.whenIdle();
    const allowed = studio.runs.runs.get(asking.runId) as RunState;
    expect(allowed.reason).toBeUndefined();
    expect(allowed.status).toBe('succeeded');
  });

  it('refuses broken policies with the path and line, and outputs of kinds the policy forbids', async () => {
    const { studio, step, configure, run } = await setup();
    const refused = await studio.try({ type: 'savePolicies', source: '{\n  "project": { "maxTokens": -1 }\n}' });
    expect(refused).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('project.maxTokens (line 2)') },
    });
    const s = await step(await studio.model('Risk', ['in'], ['out'], 'risk'));
    await configure(s, { policy: { allowedOutputKinds: ['text'] } });
    const done = await run();
    expect(done.status).toBe('failed');
    expect(done.steps.get(s as never)?.violations[0]).toMatchObject({ rule: 'allowedOutputKinds' });
  });
});
