import { describe, expect, it } from 'vitest';
import { sha256 } from '../../runtime/sha256';
import { artifactValue } from '../artifacts/artifactRecord';
import type { AgentResult, AgentTask, LlmClient } from '../ports/ports';
import { emitAll, TestStudio } from '../testing/testStudio';
import type { Explanation, ExplainTarget } from './explanation';
import { explain } from './explain';

const fail = (reason: string, errorClass: 'server' | 'script-error'): AgentResult => ({
  ok: false,
  reason,
  logs: [],
  durationMs: 3,
  errorClass,
});
const behaviours = {
  echo: emitAll((i) => Object.values(i).join('+')),
  code: emitAll(() => 'eval(x)'),
  security: emitAll(() => ({ check: 'Security', passed: false, notes: 'Fails: the code uses eval or innerHTML.' })),
  testing: emitAll(() => ({ check: 'Testing', passed: false, notes: 'Fails: there is no test.' })),
  style: emitAll(() => ({ check: 'Style', passed: true, notes: 'OK' })),
  list: emitAll((i) => Object.values(i)),
  risk: emitAll(() => ({ risk: 7 })),
  hopeless: () => Promise.resolve(fail('the server said 500', 'server')),
  broken: () => Promise.resolve(fail('bad code: x is not defined', 'script-error')),
  spec: emitAll((i) => `spec from ${String(i.code)}`),
  notify: (task: AgentTask): AgentResult => ({
    ok: true,
    emitted: [
      {
        port: 'facts',
        value: [
          {
            fact: 'manager.notified',
            data: { about: (task.inputs as { facts: Array<{ subject: string }> }).facts[0]?.subject },
          },
        ],
      },
    ],
    logs: [],
    durationMs: 2,
  }),
};

async function setup(llm?: LlmClient) {
  const studio = await new TestStudio(sha256, behaviours, undefined, llm).open();
  const flowId = await studio.do({ type: 'createFlow', name: 'Release checks' });
  const step = (modelId: string, label: string) =>
    studio.do({ type: 'addStep', flowId, modelId, position: { x: 0, y: 0 }, label });
  const wire = (a: string, ap: string, b: string, bp: string) =>
    studio.do({ type: 'connect', flowId, source: { stepId: a, port: ap }, target: { stepId: b, port: bp } });
  const configure = (stepId: string, settings: unknown) =>
    studio.do({ type: 'configureStep', flowId, stepId, settings });
  const run = async (input = 'x', given?: Array<{ stepId: string; port: string; text: string }>): Promise<string> => {
    const runId = await studio.do({ type: 'startRun', flowId, input, ...(given ? { given } : {}) });
    await studio.conductor.whenIdle();
    return runId;
  };
  /** Explains from the log, then again with the results it asked for (as the studio does). */
  const why = (target: ExplainTarget): Explanation => {
    const first = explain(studio.events, target);
    if (first.wants.length === 0) return first;
    return explain(studio.events, target, (hash) => {
      const record = studio.artifacts.records.get(hash);
      return record ? artifactValue(record) : undefined;
    });
  };
  return { studio, flowId, step, wire, configure, run, why };
}

const texts = (e: Explanation) => e.lines.map((l) => l.text);
/** Every line points at a real event, and they come in log order. */
function expectLinked(studio: TestStudio, e: Explanation) {
  const seqs = e.lines.map((l) => l.seq);
  expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  for (const seq of seqs) expect(studio.events.some((ev) => ev.seq === seq)).toBe(true);
}

describe('explain: why a step was skipped', () => {
  it('a skipped Deploy names the failed checks and the gate that blocked it', async () => {
    const { studio, step, wire, run, why } = await setup();
    const security = await step(await studio.model('Security check', ['code'], ['result'], 'security'), 'Security');
    const testing = await step(await studio.model('Testing check', ['code'], ['result'], 'testing'), 'Testing');
    const style = await step(await studio.model('Style check', ['code'], ['result'], 'style'), 'Style');
    const aggregate = await step(
      await studio.model('Aggregate', ['security', 'testing', 'style'], ['report'], 'list'),
      'Aggregate',
    );
    const gate = await step(
      await studio.define({
        kind: 'gate',
        name: 'All pass',
        inputs: [{ name: 'report', type: 'json' }],
        outputs: [
          { name: 'pass', type: 'json' },
          { name: 'blocked', type: 'json' },
        ],
        check: { type: 'quality', rule: 'value.all(c, c.passed)' },
      }),
      'All pass',
    );
    const deploy = await step(await studio.model('Deploy', ['report'], ['deployment'], 'echo'), 'Deploy');
    await wire(security, 'result', aggregate, 'security');
    await wire(testing, 'result', aggregate, 'testing');
    await wire(style, 'result', aggregate, 'style');
    await wire(aggregate, 'report', gate, 'report');
    await wire(gate, 'pass', deploy, 'report');
    const runId = await run('eval(x)');
    const e = why({ kind: 'step', runId, stepId: deploy });
    expect(e.title).toBe('“Deploy” in Run 1 of “Release checks”');
    const lines = texts(e);
    expect(lines.some((t) => t.startsWith('“Security” reported a failure: Fails: the code uses eval'))).toBe(true);
    expect(lines.some((t) => t.startsWith('“Testing” reported a failure: Fails: there is no test.'))).toBe(true);
    expect(lines.some((t) => t.includes('Style'))).toBe(false);
    expect(lines).toContain(
      'The gate “All pass” decided: Did not pass: value.all(c, c.passed) does not hold. It sent its input to “blocked”, so “pass” will not come.',
    );
    expect(lines.some((t) => t.startsWith('“Deploy” was skipped'))).toBe(true);
    expect(lines.at(-1)).toMatch(/^Run 1 of “Release checks” succeeded/);
    expectLinked(studio, e);
    // Without the results loaded, it says what it would read, and still names the gate.
    const bare = explain(studio.events, { kind: 'step', runId, stepId: deploy });
    expect(bare.wants.length).toBeGreaterThanOrEqual(3);
    expect(texts(bare).some((t) => t.startsWith('The gate “All pass” decided'))).toBe(true);
  });

  it('a branch not taken: the skipped step and the one after it point at the branch', async () => {
    const { studio, step, wire, run, why } = await setup();
    const source = await step(await studio.model('Risk', ['in'], ['out'], 'risk'), 'Risk');
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
      'By risk',
    );
    const onLow = await step(await studio.model('Archive', ['in'], ['out'], 'echo'), 'Archive');
    const afterLow = await step(await studio.model('Report', ['in'], ['out'], 'echo'), 'Report');
    await wire(source, 'out', branch, 'in');
    await wire(branch, 'low', onLow, 'in');
    await wire(onLow, 'out', afterLow, 'in');
    const runId = await run();
    const lines = texts(why({ kind: 'step', runId, stepId: afterLow }));
    expect(lines[0]).toBe(
      'The branch “By risk” decided: value.risk > 5 held, so it went to “high”. “low” will not come.',
    );
    expect(lines.some((t) => t.startsWith('“Archive” was skipped'))).toBe(true);
    expect(lines.some((t) => t.startsWith('“Report” was skipped'))).toBe(true);
    // The branch itself: why it was due (Risk's output arrived) and what it decided.
    const own = texts(why({ kind: 'step', runId, stepId: branch }));
    expect(own[0]).toBe('“By risk” became due: its input arrived, once “Risk” produced “out”.');
    expect(own).toContain('So “Archive” was skipped.');
  });
});

describe('explain: failures and what the conductor did about them', () => {
  it('a retry then a fallback: the error classes, the policy, and the model that finally ran', async () => {
    const { studio, step, configure, run, why } = await setup();
    const backup = await studio.model('Backup writer', ['in'], ['out'], 'echo');
    const s = await step(await studio.model('Primary writer', ['in'], ['out'], 'hopeless'), 'Write');
    await configure(s, { retry: { maxAttempts: 2, backoff: 'fixed', baseMs: 0 }, fallbacks: [backup] });
    const runId = await run();
    const e = why({ kind: 'step', runId, stepId: s });
    const lines = texts(e);
    expect(lines).toEqual([
      '“Write” became due: it needs nothing from other steps, once the run started with its input.',
      'Attempt 1 ran the model “Primary writer”.',
      'Attempt 1 of “Primary writer” failed after 3 ms with a server error: the server said 500',
      'The retry policy (fixed backoff, up to 2 attempts per model) retries server errors: attempt 2 of “Primary writer” in 0 ms.',
      expect.stringMatching(/^“Write” was due again/),
      'Attempt 2 ran the model “Primary writer”.',
      'Attempt 2 of “Primary writer” failed after 3 ms with a server error: the server said 500',
      '2 attempts did not succeed, so the conductor fell back to “Backup writer” (attempt 1).',
      expect.stringMatching(/^“Write” was due again/),
      'Attempt 1 ran the model “Backup writer” (a fallback).',
      '“Write” produced “out”.',
      '“Backup writer” succeeded in 1 ms.',
      'Run 1 of “Release checks” succeeded.',
    ]);
    expectLinked(studio, e);
    // Asked about the fallback's event itself, the same chain, with that event in focus.
    const retried = studio.events.filter((ev) => ev.type === 'step.retrying').at(-1);
    const focused = why({ kind: 'event', seq: retried?.seq as number });
    expect(focused.focusSeq).toBe(retried?.seq);
    expect(texts(focused)).toEqual(lines);
  });

  it('a script error is not retried: it says so before falling back', async () => {
    const { studio, step, configure, run, why } = await setup();
    const backup = await studio.model('Backup', ['in'], ['out'], 'echo');
    const s = await step(await studio.model('Primary', ['in'], ['out'], 'broken'), 'Build');
    await configure(s, { retry: { maxAttempts: 3, baseMs: 0 }, fallbacks: [backup] });
    const runId = await run();
    expect(texts(why({ kind: 'step', runId, stepId: s }))).toContain(
      'Script-error errors are not retried, so the conductor fell back to “Backup” (attempt 1).',
    );
  });

  it('a budget stop: the budget that ruled, the step it stopped, and the run that failed', async () => {
    const llm: LlmClient = {
      complete: () =>
        Promise.resolve({
          ok: true as const,
          text: 'Hello',
          usage: { promptTokens: 100, completionTokens: 50 },
          durationMs: 5,
          finishReason: 'stop',
        }),
    };
    const { studio, step, wire, run, why } = await setup(llm);
    const writer = await studio.define({
      kind: 'llm',
      name: 'Writer',
      baseUrl: 'http://127.0.0.1:9/v1',
      model: 'echo',
      prompt: 'Write about {{in}}',
      inputs: [{ name: 'in', type: 'text' }],
      outputs: [{ name: 'out', type: 'text' }],
      pricing: { inputPerMTok: 1_000, outputPerMTok: 2_000 },
    });
    const draft = await step(writer, 'Draft');
    const polish = await step(writer, 'Polish');
    await wire(draft, 'out', polish, 'in');
    await studio.do({
      type: 'savePolicies',
      source: '{ "flows": { "Release checks": { "budget": { "run": { "tokens": 150 } } } } }',
    });
    const runId = await run();
    const e = why({ kind: 'step', runId, stepId: polish });
    const lines = texts(e);
    expect(lines).toContain(
      "The run's budget (150 tokens) ruled: The budget is used up (tokens), so “Polish” was not started.",
    );
    expect(lines).toContain(
      'So the budget stopped “Polish” (error class budget): the run stopped rather than overspend.',
    );
    expect(lines.at(-1)).toMatch(/^Run 1 of “Release checks” failed/);
    // Draft's own chain says what it spent, and that it made Polish due.
    const before = texts(why({ kind: 'step', runId, stepId: draft }));
    expect(before).toContain('“Writer” succeeded in 5 ms, using 150 tokens ($0.2000).');
    expectLinked(studio, e);
  });

  it('a gate rejection: the question, the person’s notes, and the step that will not run', async () => {
    const { studio, step, wire, run, why } = await setup();
    const draft = await step(await studio.model('Draft', ['in'], ['out'], 'echo'), 'Draft');
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
      'Review',
    );
    const ship = await step(await studio.model('Ship', ['in'], ['out'], 'echo'), 'Ship');
    await wire(draft, 'out', gate, 'in');
    await wire(gate, 'approved', ship, 'in');
    const runId = await run();
    const ask = studio.runs.runs.get(runId as never)?.steps.get(gate as never)?.asks[0];
    await studio.do({ type: 'answerAsk', runId, askId: ask?.askId as string, decision: 'reject', notes: 'not yet' });
    await studio.conductor.whenIdle();
    const lines = texts(why({ kind: 'step', runId, stepId: gate }));
    expect(lines).toContain('“Review” asked a person: Review: Ship it?');
    expect(lines).toContain('A person rejected it with the notes “not yet”.');
    expect(lines).toContain(
      'The gate “Review” decided: Rejected: “not yet”. It sent its input to “rejected”, so “approved” will not come.',
    );
    expect(lines).toContain('So “Ship” was skipped.');
  });

  it('a reverse rebuild: the outputs it was given and the inverse model that rebuilt the missing one', async () => {
    const { studio, step, wire, configure, run, why } = await setup();
    const spec = await step(await studio.model('Spec writer', ['in'], ['spec'], 'echo'), 'Spec');
    const code = await step(await studio.model('Coder', ['spec'], ['code'], 'echo'), 'Code');
    await wire(spec, 'spec', code, 'spec');
    const inverse = await studio.model('Spec from code', ['code'], ['spec'], 'spec');
    await configure(spec, { rebuild: { model: inverse, from: [{ stepId: code, port: 'code', as: 'code' }] } });
    const runId = await run('x', [{ stepId: code, port: 'code', text: 'fn()' }]);
    const e = why({ kind: 'step', runId, stepId: spec });
    const lines = texts(e);
    expect(lines).toContain(
      "Its outputs were missing but later ones existed, so the conductor rebuilt “Spec” in reverse with the inverse model “Spec from code”, from “Code”'s “code”.",
    );
    expect(lines).toContain('“Spec” produced “spec”.');
    // The step it was rebuilt from counts as given.
    expect(texts(why({ kind: 'step', runId, stepId: code }))[0]).toBe(
      "A person gave “Code”'s “code” at the start, so it counted as done.",
    );
    expectLinked(studio, e);
  });
});

describe('explain: intent gaps and events', () => {
  it('an intent gap: the fact that opened it, the agent sent, the gate, and how it closed', async () => {
    const studio = await new TestStudio(sha256, behaviours).open();
    await studio.model('Notifier', [], ['facts', 'needs_person'], 'notify');
    const intent = {
      id: 'notify-manager',
      kind: 'reaction',
      when: { fact: 'risk.assessed', if: 'data.risk >= 0.85' },
      expect: { fact: 'manager.notified' },
      model: 'Notifier',
    };
    await studio.do({ type: 'saveIntents', source: JSON.stringify({ version: 1, intents: [intent] }) });
    await studio.do({ type: 'recordFact', fact: 'risk.assessed', subject: 'acme', data: { risk: 0.9 } });
    await studio.conductor.whenIdle();
    const opened = studio.events.find((ev) => ev.type === 'intentGap.opened');
    expect(opened).toBeDefined();
    const spawned = studio.events.find((ev) => ev.type === 'intentAgent.spawned');
    const e = explain(studio.events, {
      kind: 'agent',
      agentId: spawned?.type === 'intentAgent.spawned' ? spawned.data.agentId : '',
    });
    expect(e.title).toBe('The reaction gap of intent “notify-manager”');
    const lines = texts(e);
    expect(lines[0]).toBe('A person recorded “risk.assessed” about acme.');
    expect(lines[1]).toMatch(/^Intent “notify-manager” opened a reaction gap: /);
    expect(lines[2]).toMatch(/^The conductor sent an agent with the model “Notifier” to close it \(strategy alone: /);
    expect(lines).toContain('“Notifier” proposed 1 fact in 2 ms.');
    expect(lines.some((t) => t.startsWith('The promotion gate accepted the draft'))).toBe(true);
    expect(lines).toContain('The agent recorded “manager.notified” about acme.');
    expect(lines.at(-1)).toBe('The gap closed healed: an agent’s facts closed it.');
    expectLinked(studio, e);
    // The same story from the gap's own event on the timeline.
    expect(texts(explain(studio.events, { kind: 'event', seq: opened?.seq as number }))).toEqual(lines);
  });

  it('an event outside any run or gap is one sentence with names; an unknown target says so', async () => {
    const { studio, why } = await setup();
    const created = studio.events.find((ev) => ev.type === 'flow.created');
    expect(texts(why({ kind: 'event', seq: created?.seq as number }))).toEqual(['Flow “Release checks” created.']);
    expect(why({ kind: 'agent', agentId: 'agent_nope' })).toMatchObject({
      title: 'Nothing in the log matches',
      lines: [],
    });
  });
});
