import { describe, expect, it } from 'vitest';
import { sha256 } from '../../runtime/sha256';
import { verifyChain } from '../events/hashChain';
import type { AgentResult } from './ports';
import { TestStudio, emitAll } from '../testing/testStudio';

const ok = (emitted: Array<{ port: string; value: unknown }>): AgentResult => ({
  ok: true,
  emitted,
  logs: ['worked'],
  durationMs: 3,
});

const behaviours = {
  enhance: emitAll((i) => `brief(${String(i.prompt)})`),
  extract: emitAll((i) => [{ id: 'F-1', feature: String(i.brief) }]),
  code: emitAll(() => 'code!'),
  tests: emitAll(() => 'tests!'),
  review: emitAll((i) => ({ code: i.code, tests: i.tests })),
  fail: (): AgentResult => ({ ok: false, reason: 'it threw: boom', logs: [], durationMs: 1 }),
  silent: (): AgentResult => ok([]),
  wrongPort: (): AgentResult => ok([{ port: 'nope', value: 1 }]),
};

/** enhance → extract → (code ∥ tests) → review: fan-out then fan-in. */
async function pipeline(studio: TestStudio) {
  const m = {
    enhance: await studio.model('enhance', ['prompt'], ['brief'], 'enhance'),
    extract: await studio.model('extract', ['brief'], ['backlog'], 'extract'),
    code: await studio.model('code', ['backlog'], ['code'], 'code'),
    tests: await studio.model('tests', ['backlog'], ['tests'], 'tests'),
    review: await studio.model('review', ['code', 'tests'], ['report'], 'review'),
  };
  const flowId = await studio.do({ type: 'createFlow', name: 'Pipeline' });
  const s: Record<string, string> = {};
  for (const [key, modelId] of Object.entries(m))
    s[key] = await studio.do({ type: 'addStep', flowId, modelId, position: { x: 0, y: 0 } });
  const wire = (a: string, ap: string, b: string, bp: string) =>
    studio.do({
      type: 'connect',
      flowId,
      source: { stepId: s[a] as string, port: ap },
      target: { stepId: s[b] as string, port: bp },
    });
  await wire('enhance', 'brief', 'extract', 'brief');
  await wire('extract', 'backlog', 'code', 'backlog');
  await wire('extract', 'backlog', 'tests', 'backlog');
  await wire('code', 'code', 'review', 'code');
  await wire('tests', 'tests', 'review', 'tests');
  return { flowId, steps: s, models: m };
}

async function runToEnd(studio: TestStudio, flowId: string, input = 'idea') {
  const runId = await studio.do({ type: 'startRun', flowId, input });
  await studio.conductor.whenIdle();
  const run = studio.runs.runs.get(runId as never);
  if (!run) throw new Error('run missing');
  return run;
}

describe('the conductor running a flow through its gap loop', () => {
  it('runs a fan-out/fan-in flow to completion, each step once, joins after both branches', async () => {
    const studio = await new TestStudio(sha256, behaviours).open();
    const { flowId, steps } = await pipeline(studio);
    const run = await runToEnd(studio, flowId);
    expect(run.status).toBe('succeeded');
    expect([...run.steps.values()].every((s) => s.status === 'done')).toBe(true);
    const order = studio.agents.tasks.map((t) => t.code);
    expect(order).toHaveLength(5);
    expect(order.slice(0, 2)).toEqual(['enhance', 'extract']);
    expect(new Set(order.slice(2, 4))).toEqual(new Set(['code', 'tests']));
    expect(order[4]).toBe('review');
    expect(studio.agents.tasks[4]?.inputs).toEqual({ code: 'code!', tests: 'tests!' });
    expect(studio.agents.tasks[0]?.inputs).toEqual({ prompt: 'idea' });
    // every agent is a reaction gap opened, an agent spawned and resolved, a gap closed
    const types = studio.events.map((e) => e.type);
    expect(types.filter((t) => t === 'gap.opened')).toHaveLength(5);
    expect(types.filter((t) => t === 'gap.closed')).toHaveLength(5);
    expect(types.at(-1)).toBe('run.finished');
    const reviewStep = run.steps.get(steps.review as never);
    expect(reviewStep?.outputs.report?.kind).toBe('json');
    expect((await verifyChain(studio.events, sha256)).ok).toBe(true);
  });

  it('starts both branches of a fan-out before either finishes', async () => {
    // Each branch agent waits until the test opens the barrier; the test opens it only once both
    // are running. A conductor that ran them one at a time would never start the second.
    let open: () => void = () => undefined;
    const barrier = new Promise<void>((resolve) => (open = resolve));
    const finished: string[] = [];
    const branch = (name: string) => async (task: Parameters<typeof behaviours.code>[0]) => {
      await barrier;
      finished.push(name);
      return behaviours[name as 'code' | 'tests'](task, undefined);
    };
    const studio = await new TestStudio(sha256, { ...behaviours, code: branch('code'), tests: branch('tests') }).open();
    const { flowId } = await pipeline(studio);
    const runId = await studio.do({ type: 'startRun', flowId, input: 'x' });
    await expect
      .poll(() => studio.agents.tasks.map((t) => t.code).sort())
      .toEqual(['code', 'enhance', 'extract', 'tests']);
    expect(studio.agents.running).toBe(2);
    expect(finished).toEqual([]);
    open();
    await studio.conductor.whenIdle();
    expect(new Set(finished)).toEqual(new Set(['code', 'tests']));
    expect(studio.agents.maxRunning).toBe(2);
    expect(studio.runs.runs.get(runId as never)?.status).toBe('succeeded');
  });

  it('records gap causes: the events whose artifacts made the step due', async () => {
    const studio = await new TestStudio(sha256, behaviours).open();
    const { flowId, steps } = await pipeline(studio);
    await runToEnd(studio, flowId);
    const reviewGap = studio.events.find((e) => e.type === 'gap.opened' && e.data.stepId === steps.review);
    const producers = studio.events
      .filter((e) => e.type === 'artifact.produced' && (e.data.stepId === steps.code || e.data.stepId === steps.tests))
      .map((e) => e.seq);
    expect(reviewGap?.type === 'gap.opened' && reviewGap.data.causeSeqs).toEqual(producers.sort((a, b) => a - b));
  });

  it('fails the run with a sentence when a step fails, and runs nothing downstream of it', async () => {
    const studio = await new TestStudio(sha256, behaviours).open();
    const a = await studio.model('a', [], ['out'], 'enhance');
    const b = await studio.model('b', ['in'], ['out'], 'fail');
    const c = await studio.model('c', ['in'], ['out'], 'code');
    const flowId = await studio.do({ type: 'createFlow', name: 'F' });
    const sa = await studio.do({ type: 'addStep', flowId, modelId: a, position: { x: 0, y: 0 } });
    const sb = await studio.do({ type: 'addStep', flowId, modelId: b, label: 'Breaks', position: { x: 0, y: 0 } });
    const sc = await studio.do({ type: 'addStep', flowId, modelId: c, position: { x: 0, y: 0 } });
    await studio.do({
      type: 'connect',
      flowId,
      source: { stepId: sa, port: 'out' },
      target: { stepId: sb, port: 'in' },
    });
    await studio.do({
      type: 'connect',
      flowId,
      source: { stepId: sb, port: 'out' },
      target: { stepId: sc, port: 'in' },
    });
    const run = await runToEnd(studio, flowId);
    expect(run.status).toBe('failed');
    expect(run.reason).toBe('Step “Breaks” failed: it threw: boom. 1 step after it could not run.');
    expect(run.steps.get(sb as never)?.status).toBe('failed');
    expect(run.steps.get(sc as never)?.status).toBe('skipped');
    expect(studio.agents.tasks.map((t) => t.code)).toEqual(['enhance', 'fail']);
  });

  it('fails a step whose agent does not emit every output, or emits to a port it lacks', async () => {
    for (const [behaviour, message] of [
      ['silent', /finished without emitting “out”/],
      ['wrongPort', /emitted to “nope”/],
    ] as const) {
      const studio = await new TestStudio(sha256, behaviours).open();
      const m = await studio.model('m', [], ['out'], behaviour);
      const flowId = await studio.do({ type: 'createFlow', name: 'F' });
      const step = await studio.do({ type: 'addStep', flowId, modelId: m, position: { x: 0, y: 0 } });
      const run = await runToEnd(studio, flowId);
      expect(run.steps.get(step as never)?.reason).toMatch(message);
      expect(studio.events.some((e) => e.type === 'artifact.produced')).toBe(false);
    }
  });

  it('never runs more agents at once than the concurrency breaker allows', async () => {
    const studio = await new TestStudio(sha256, behaviours, { maxConcurrentAgents: 2 }).open();
    const m = await studio.model('m', [], ['out'], 'code');
    const flowId = await studio.do({ type: 'createFlow', name: 'Wide' });
    for (let i = 0; i < 6; i++) await studio.do({ type: 'addStep', flowId, modelId: m, position: { x: i, y: 0 } });
    const run = await runToEnd(studio, flowId);
    expect(run.status).toBe('succeeded');
    expect(studio.agents.tasks).toHaveLength(6);
    expect(studio.agents.maxRunning).toBeLessThanOrEqual(2);
  });

  it('stores artifacts by content hash with provenance', async () => {
    const studio = await new TestStudio(sha256, behaviours).open();
    const { flowId, steps, models } = await pipeline(studio);
    const run = await runToEnd(studio, flowId);
    const ref = run.steps.get(steps.extract as never)?.outputs.backlog;
    const record = studio.artifacts.records.get(ref?.hash as string);
    expect(record?.kind).toBe('table');
    expect(record?.provenance).toMatchObject({
      modelId: models.extract,
      modelVersion: 1,
      runId: run.runId,
      stepId: steps.extract,
    });
    expect(record?.provenance?.inputHashes).toEqual([run.steps.get(steps.enhance as never)?.outputs.brief?.hash]);
  });

  it('marks runs that were going when the conductor stopped as interrupted on reopen, when auto-continue is off', async () => {
    const studio = await new TestStudio(sha256, behaviours).open();
    await studio.do({ type: 'saveSettings', autoContinue: false });
    const { flowId } = await pipeline(studio);
    studio.agents.hold();
    const runId = await studio.do({ type: 'startRun', flowId, input: 'x' });
    // A second conductor over the same log, as after a reload: the held agent died with the page.
    const reopened = new TestStudio(sha256, behaviours);
    reopened.log.events.push(...studio.events);
    await reopened.open();
    const run = reopened.runs.runs.get(runId as never);
    expect(run?.status).toBe('interrupted');
    expect(run?.reason).toMatch(/closed while this run was going/);
  });
});

describe('design commands', () => {
  it('refuses a type mismatch, a second edge into one input, and a cycle, with sentences', async () => {
    const studio = await new TestStudio(sha256, behaviours).open();
    const text = await studio.do({
      type: 'saveModel',
      name: 't',
      inputs: [{ name: 'in', type: 'text' }],
      outputs: [{ name: 'out', type: 'text' }],
      source: 'code',
    });
    const table = await studio.do({
      type: 'saveModel',
      name: 'tab',
      inputs: [],
      outputs: [{ name: 'rows', type: 'table' }],
      source: 'code',
    });
    const flowId = await studio.do({ type: 'createFlow', name: 'F' });
    const a = await studio.do({ type: 'addStep', flowId, modelId: text, position: { x: 0, y: 0 } });
    const b = await studio.do({ type: 'addStep', flowId, modelId: text, position: { x: 0, y: 0 } });
    const t = await studio.do({ type: 'addStep', flowId, modelId: table, position: { x: 0, y: 0 } });
    const mismatch = await studio.try({
      type: 'connect',
      flowId,
      source: { stepId: t, port: 'rows' },
      target: { stepId: a, port: 'in' },
    });
    expect(mismatch).toMatchObject({
      ok: false,
      error: { code: 'port-mismatch', message: 'A table output can’t feed a text input.'.replace('’', "'") },
    });
    await studio.do({ type: 'connect', flowId, source: { stepId: a, port: 'out' }, target: { stepId: b, port: 'in' } });
    expect(
      await studio.try({
        type: 'connect',
        flowId,
        source: { stepId: a, port: 'out' },
        target: { stepId: b, port: 'in' },
      }),
    ).toMatchObject({ ok: false, error: { message: 'Input “in” is already connected.' } });
    expect(
      await studio.try({
        type: 'connect',
        flowId,
        source: { stepId: b, port: 'out' },
        target: { stepId: a, port: 'in' },
      }),
    ).toMatchObject({ ok: false, error: { code: 'cycle' } });
  });

  it('removes a step together with its edges in one event', async () => {
    const studio = await new TestStudio(sha256, behaviours).open();
    const { flowId, steps } = await pipeline(studio);
    const before = studio.events.length;
    await studio.do({ type: 'removeElements', flowId, stepIds: [steps.extract as string], edgeIds: [] });
    expect(studio.events.length).toBe(before + 1);
    const flow = studio.definitions.flows.get(flowId as never);
    expect(flow?.steps.size).toBe(4);
    expect(flow?.edges.size).toBe(2);
  });

  it('records a drag of several steps as one event', async () => {
    const studio = await new TestStudio(sha256, behaviours).open();
    const { flowId, steps } = await pipeline(studio);
    await studio.do({
      type: 'moveSteps',
      flowId,
      moves: [
        { stepId: steps.code as string, position: { x: 10, y: 20 } },
        { stepId: steps.tests as string, position: { x: 30, y: 40 } },
      ],
    });
    const last = studio.events.at(-1);
    expect(last?.type).toBe('steps.moved');
    expect(studio.definitions.flows.get(flowId as never)?.steps.get(steps.tests as never)?.position).toEqual({
      x: 30,
      y: 40,
    });
  });

  it('versions a model on every save and drops edges to ports it no longer has', async () => {
    const studio = await new TestStudio(sha256, behaviours).open();
    const { flowId, models } = await pipeline(studio);
    await studio.do({
      type: 'saveModel',
      modelId: models.extract,
      name: 'extract',
      inputs: [{ name: 'brief', type: 'any' }],
      outputs: [{ name: 'features', type: 'any' }],
      source: 'extract',
    });
    expect(studio.definitions.models.get(models.extract as never)?.version).toBe(2);
    expect(studio.definitions.flows.get(flowId as never)?.edges.size).toBe(3);
  });

  it('refuses code that does not compile and changes nothing', async () => {
    const studio = await new TestStudio(sha256, behaviours).open();
    const before = studio.events.length;
    const result = await studio.try({
      type: 'saveModel',
      name: 'broken',
      inputs: [],
      outputs: [{ name: 'out', type: 'text' }],
      source: '!broken',
    });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'compile-failed', message: expect.stringContaining('Line 1') },
    });
    expect(studio.events.length).toBe(before);
  });

  it('refuses malformed commands with the path of the problem', async () => {
    const studio = await new TestStudio(sha256, behaviours).open();
    const result = await studio.try({ type: 'renameStep', flowId: 'f', stepId: '__proto__', label: 'x' } as never);
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'invalid-command', message: expect.stringContaining('At stepId') },
    });
    const empty = await studio.try({
      type: 'startRun',
      flowId: await studio.do({ type: 'createFlow', name: 'E' }),
      input: '',
    });
    expect(empty).toMatchObject({ ok: false, error: { message: expect.stringContaining('no steps') } });
  });
});
