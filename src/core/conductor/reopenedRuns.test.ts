import { describe, expect, it } from 'vitest';
import { sha256 } from '../../runtime/sha256';
import { verifyChain } from '../events/hashChain';
import type { StoredEvent } from '../events/storedEvent';
import type { RunState } from '../run/runState';
import { emitAll, TestStudio } from '../testing/testStudio';
import type { AgentResult } from './ports';

const behaviours = {
  a: emitAll((i) => `a(${String(i.in)})`),
  b: emitAll((i) => `b(${String(i.in)})`),
  c: emitAll((i) => `c(${String(i.in)})`),
  list: emitAll(() => ['p', 'q', 'r', 's']),
  upper: emitAll((i) => String(i.item).toUpperCase()),
  never: (): Promise<AgentResult> => new Promise(() => undefined),
};

/** a → b → c; in the first studio B's agent never answers, like a tab closed while B was working. */
async function chainCutAtB(settings?: { autoContinue: boolean }) {
  const first = await new TestStudio(sha256, { ...behaviours, b: behaviours.never }).open();
  if (settings) await first.do({ type: 'saveSettings', ...settings });
  const model = (name: string, code: string) => first.model(name, ['in'], ['out'], code);
  const models = { a: await model('A', 'a'), b: await model('B', 'b'), c: await model('C', 'c') };
  const flowId = await first.do({ type: 'createFlow', name: 'Chain' });
  const add = (modelId: string) => first.do({ type: 'addStep', flowId, modelId, position: { x: 0, y: 0 } });
  const steps = { a: await add(models.a), b: await add(models.b), c: await add(models.c) };
  await first.do({
    type: 'connect',
    flowId,
    source: { stepId: steps.a, port: 'out' },
    target: { stepId: steps.b, port: 'in' },
  });
  await first.do({
    type: 'connect',
    flowId,
    source: { stepId: steps.b, port: 'out' },
    target: { stepId: steps.c, port: 'in' },
  });
  const runId = await first.do({ type: 'startRun', flowId, input: 'x' });
  await expect.poll(() => first.agents.tasks.length).toBe(2);
  return { first, runId, steps };
}

const ofRun = (events: readonly StoredEvent[], runId: string, type: StoredEvent['type']) =>
  events.filter((e) => e.runId === runId && e.type === type);
const spawnsPerStep = (events: readonly StoredEvent[], runId: string) => {
  const counts: Record<string, number> = {};
  for (const e of ofRun(events, runId, 'agent.spawned'))
    if (e.type === 'agent.spawned') counts[e.data.stepId] = (counts[e.data.stepId] ?? 0) + 1;
  return counts;
};

describe('a run that was going when its tab closed', () => {
  it('continues by itself when the studio reopens: only the unfinished steps run, and nothing is written twice', async () => {
    const { first, runId, steps } = await chainCutAtB();
    const deadAgent = ofRun(first.events, runId, 'agent.spawned').at(-1);
    const reopened = await first.reopen(behaviours);
    await reopened.conductor.whenIdle();

    const run = reopened.runs.runs.get(runId as never) as RunState;
    expect(run.status).toBe('succeeded');
    // A ran once, in the first studio; B twice (the dead agent and its successor); C once.
    expect(reopened.agents.tasks.map((t) => t.code)).toEqual(['b', 'c']);
    expect(spawnsPerStep(reopened.events, runId)).toEqual({ [steps.a]: 1, [steps.b]: 2, [steps.c]: 1 });
    expect(run.steps.get(steps.b as never)?.attempts.map((a) => a.outcome)).toEqual(['abandoned', 'succeeded']);
    expect(run.steps.get(steps.b as never)?.attempts[0]?.reason).toBe('It stopped when the studio closed.');

    // The log says what happened: the dead agent's gap abandoned, then the run continued; one finish.
    const continued = ofRun(reopened.events, runId, 'run.continued');
    expect(continued.map((e) => e.data)).toEqual([
      {
        after: 'reopen',
        abandoned: [{ agentId: deadAgent?.type === 'agent.spawned' ? deadAgent.data.agentId : '', stepId: steps.b }],
      },
    ]);
    const abandoned = ofRun(reopened.events, runId, 'gap.closed').filter(
      (e) => e.type === 'gap.closed' && e.data.resolution === 'abandoned',
    );
    expect(abandoned).toHaveLength(1);
    expect(abandoned[0]?.seq).toBe((continued[0]?.seq ?? 0) - 1);
    expect(ofRun(reopened.events, runId, 'run.finished').map((e) => e.data)).toEqual([{ status: 'succeeded' }]);
    expect(await verifyChain(reopened.events, sha256)).toMatchObject({ ok: true });
    const gapIds = reopened.events.flatMap((e) => (e.type === 'gap.closed' ? [e.data.gapId] : []));
    expect(new Set(gapIds).size).toBe(gapIds.length);
  });

  it('survives two hand-overs in a row: each abandons only the agents of the tab before it', async () => {
    const { first, runId, steps } = await chainCutAtB();
    const second = await first.reopen({ ...behaviours, b: behaviours.never }, 'takeover');
    await expect.poll(() => second.agents.tasks.length).toBe(1);
    // An agent starts while its spawn commits: the next tab reads the log once the spawn is in it.
    await expect.poll(() => spawnsPerStep(second.events, runId)[steps.b]).toBe(2);
    const third = await second.reopen(behaviours, 'takeover');
    await third.conductor.whenIdle();
    expect(third.runs.runs.get(runId as never)?.status).toBe('succeeded');
    expect(spawnsPerStep(third.events, runId)).toEqual({ [steps.a]: 1, [steps.b]: 3, [steps.c]: 1 });
    const continued = ofRun(third.events, runId, 'run.continued').flatMap((e) =>
      e.type === 'run.continued' ? [e.data.abandoned.map((a) => a.agentId)] : [],
    );
    expect(continued).toHaveLength(2);
    expect(new Set(continued.flat()).size).toBe(2);
    const closed = third.events.flatMap((e) => (e.type === 'gap.closed' ? [e.data.gapId] : []));
    expect(new Set(closed).size).toBe(closed.length);
    expect(
      third.runs.runs
        .get(runId as never)
        ?.steps.get(steps.b as never)
        ?.attempts.map((a) => a.outcome),
    ).toEqual(['abandoned', 'abandoned', 'succeeded']);
  });

  it('says it was a takeover when the tab that waited is the one that continues it', async () => {
    const { first, runId, steps } = await chainCutAtB();
    const next = await first.reopen(behaviours, 'takeover');
    await next.conductor.whenIdle();
    expect(
      ofRun(next.events, runId, 'run.continued').map((e) => (e.type === 'run.continued' ? e.data.after : '')),
    ).toEqual(['takeover']);
    const run = next.runs.runs.get(runId as never);
    expect(run?.steps.get(steps.b as never)?.attempts[0]).toMatchObject({
      outcome: 'abandoned',
      reason: 'It stopped when the tab running it closed.',
    });
    expect(run?.status).toBe('succeeded');
  });

  it('is marked interrupted instead when the project turned auto-continue off, and Resume still finishes it', async () => {
    const { first, runId, steps } = await chainCutAtB({ autoContinue: false });
    const reopened = await first.reopen(behaviours);
    await reopened.conductor.whenIdle();
    expect(reopened.definitions.settings).toEqual({ autoContinue: false });
    const run = reopened.runs.runs.get(runId as never) as RunState;
    expect(run.status).toBe('interrupted');
    expect(run.steps.get(steps.b as never)?.status).toBe('waiting');
    // Its dead agent no longer shows as running.
    expect(run.steps.get(steps.b as never)?.attempts.map((a) => a.outcome)).toEqual(['abandoned']);
    expect(reopened.agents.tasks).toHaveLength(0);
    expect(ofRun(reopened.events, runId, 'run.continued')).toHaveLength(0);

    await reopened.do({ type: 'resumeRun', runId });
    await reopened.conductor.whenIdle();
    expect(reopened.runs.runs.get(runId as never)?.status).toBe('succeeded');
    expect(reopened.agents.tasks.map((t) => t.code)).toEqual(['b', 'c']);
  });

  it('saves the setting as an event only when it changes', async () => {
    const studio = await new TestStudio(sha256, behaviours).open();
    expect(studio.definitions.settings).toEqual({ autoContinue: true });
    await studio.do({ type: 'saveSettings', autoContinue: true });
    expect(studio.events.filter((e) => e.type === 'settings.saved')).toHaveLength(0);
    await studio.do({ type: 'saveSettings', autoContinue: false });
    await studio.do({ type: 'saveSettings', autoContinue: true });
    expect(studio.events.filter((e) => e.type === 'settings.saved').map((e) => e.data)).toEqual([
      { autoContinue: false },
      { autoContinue: true },
    ]);
  });

  it('runs again only the map items that were in flight', async () => {
    const first = await new TestStudio(sha256, { ...behaviours, upper: behaviours.never }).open();
    const flowId = await first.do({ type: 'createFlow', name: 'Map' });
    const list = await first.do({
      type: 'addStep',
      flowId,
      modelId: await first.model('List', ['in'], ['items'], 'list'),
      position: { x: 0, y: 0 },
    });
    const each = await first.do({
      type: 'addStep',
      flowId,
      modelId: await first.model('Upper', ['item'], ['out'], 'upper'),
      position: { x: 1, y: 0 },
    });
    await first.do({
      type: 'connect',
      flowId,
      source: { stepId: list, port: 'items' },
      target: { stepId: each, port: 'item' },
    });
    await first.do({
      type: 'configureStep',
      flowId,
      stepId: each,
      settings: { map: { port: 'item', concurrency: 2 } },
    });
    const runId = await first.do({ type: 'startRun', flowId, input: 'x' });
    // The list, then two items at once; neither item ever answers.
    await expect.poll(() => first.agents.tasks.length).toBe(3);

    const reopened = await first.reopen(behaviours);
    await reopened.conductor.whenIdle();
    const run = reopened.runs.runs.get(runId as never) as RunState;
    expect(run.status).toBe('succeeded');
    // The two in flight again, the two still queued for the first time: four agents, one per item.
    expect(reopened.agents.tasks.map((t) => String(t.inputs.item)).sort()).toEqual(['p', 'q', 'r', 's']);
    const continued = ofRun(reopened.events, runId, 'run.continued')[0];
    expect(continued?.type === 'run.continued' ? continued.data.abandoned.map((a) => a.item) : []).toEqual([0, 1]);
    const gathered = run.steps.get(each as never)?.outputs.out;
    expect(JSON.parse((gathered ? await reopened.artifacts.get(gathered.hash) : undefined)?.body ?? 'null')).toEqual([
      'P',
      'Q',
      'R',
      'S',
    ]);
    expect(run.steps.get(each as never)?.attempts.filter((a) => a.outcome === 'abandoned')).toHaveLength(2);
    // Every gap the map opened is closed exactly once.
    const opened = reopened.events.flatMap((e) => (e.type === 'gap.opened' ? [e.data.gapId] : []));
    const closed = reopened.events.flatMap((e) => (e.type === 'gap.closed' ? [e.data.gapId] : []));
    expect([...closed].sort()).toEqual([...opened].sort());
  });

  it('waiting for a person is not cut off: the question is still there after a reopen', async () => {
    const first = await new TestStudio(sha256, behaviours).open();
    const flowId = await first.do({ type: 'createFlow', name: 'Ask' });
    const person = await first.define({
      kind: 'human',
      name: 'Sign-off',
      inputs: [{ name: 'in', type: 'text' }],
      outputs: [{ name: 'note', type: 'text' }],
      instructions: 'Write a note',
    });
    const stepId = await first.do({ type: 'addStep', flowId, modelId: person, position: { x: 0, y: 0 } });
    const runId = await first.do({ type: 'startRun', flowId, input: 'x' });
    await first.conductor.whenIdle();
    const ask = first.runs.runs.get(runId as never)?.steps.get(stepId as never)?.asks[0];
    expect(ask?.kind).toBe('input');

    const reopened = await first.reopen(behaviours);
    await reopened.conductor.whenIdle();
    expect(reopened.events.length).toBe(first.events.length);
    await reopened.do({
      type: 'answerAsk',
      runId,
      askId: ask?.askId as string,
      decision: 'provide',
      outputs: { note: 'fine' },
    });
    await reopened.conductor.whenIdle();
    expect(reopened.runs.runs.get(runId as never)?.status).toBe('succeeded');
  });

  it('a sub-flow cut off inside continues, and the outer step takes its output when it ends', async () => {
    const first = await new TestStudio(sha256, { ...behaviours, upper: behaviours.never }).open();
    const outer = await first.do({ type: 'createFlow', name: 'Outer' });
    const inner = await first.do({ type: 'createFlow', name: 'Inner' });
    await first.do({
      type: 'addStep',
      flowId: inner,
      modelId: await first.model('Shout', ['item'], ['out'], 'upper'),
      position: { x: 0, y: 0 },
    });
    const sub = await first.define({
      kind: 'subflow',
      name: 'Run inner',
      flowId: inner,
      inputs: [{ name: 'item', type: 'any' }],
      outputs: [{ name: 'out', type: 'any' }],
    });
    const subStep = await first.do({ type: 'addStep', flowId: outer, modelId: sub, position: { x: 0, y: 0 } });
    const runId = await first.do({ type: 'startRun', flowId: outer, input: 'hello' });
    await expect.poll(() => first.agents.tasks.length).toBe(1);

    const reopened = await first.reopen(behaviours);
    await reopened.conductor.whenIdle();
    const child = [...reopened.runs.runs.values()].find((r) => r.parentStep?.runId === runId);
    // Only the inner run had an agent at work: it is the one that continued.
    expect(reopened.events.filter((e) => e.type === 'run.continued').map((e) => e.runId)).toEqual([child?.runId]);
    expect(child?.status).toBe('succeeded');
    const done = reopened.runs.runs.get(runId as never) as RunState;
    expect(done.status).toBe('succeeded');
    expect((await reopened.artifacts.get(done.steps.get(subStep as never)?.outputs.out?.hash as never))?.body).toBe(
      'HELLO',
    );
  });
});
