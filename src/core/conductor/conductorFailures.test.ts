import { describe, expect, it } from 'vitest';
import { sha256 } from '../../runtime/sha256';
import { StudioError } from '../errors/studioError';
import type { EventOfType } from '../events/storedEvent';
import type { EventType } from '../events/eventMap';
import type { RunState } from '../run/runState';
import { TestStudio, emitAll } from '../testing/testStudio';
import type { AgentResult } from './ports';
import { THROW_IN_CONDUCTOR, throwInConductor } from './testHooks';

const INTERNAL = /^Something went wrong in the studio — code internal-[0-9A-F]{4}; nothing you saved was lost\.$/;

const behaviours = {
  upper: emitAll((i) => JSON.stringify(Object.values(i)[0] ?? '').toUpperCase()),
  // A runner that rejects: a bug in the sandbox plumbing, not a model that failed.
  throws: (): AgentResult => {
    throw new TypeError("Cannot read properties of undefined (reading 'port')");
  },
  facts: (): AgentResult => {
    throw new TypeError('the intent sandbox broke');
  },
  list: emitAll(() => ['a', 'b', 'c']),
  throwsOnB: (task: { inputs: Record<string, unknown> }): AgentResult => {
    if (task.inputs.item === 'b') throw new TypeError('item b broke the runner');
    return { ok: true, emitted: [{ port: 'out', value: String(task.inputs.item) }], logs: [], durationMs: 1 };
  },
  notify: (): AgentResult => ({
    ok: true,
    emitted: [{ port: 'facts', value: [{ fact: 'manager.notified', data: {} }] }],
    logs: [],
    durationMs: 1,
  }),
};

const ofType = <T extends EventType>(studio: TestStudio, type: T) =>
  studio.events.filter((e): e is EventOfType<T> => e.type === type);

async function studioWithFlow(options: { hooks?: boolean } = {}) {
  const studio = await new TestStudio(
    sha256,
    behaviours,
    undefined,
    undefined,
    options.hooks ? { testHooks: throwInConductor } : {},
  ).open();
  const flow = async (name: string, modelId: string, label: string) => {
    const flowId = await studio.do({ type: 'createFlow', name });
    const stepId = await studio.do({ type: 'addStep', flowId, modelId, label, position: { x: 0, y: 0 } });
    return { flowId, stepId };
  };
  const run = (flowId: string) => studio.do({ type: 'startRun', flowId, input: 'hello' });
  const runState = (runId: string) => studio.runs.runs.get(runId as never) as RunState;
  return { studio, flow, run, runState };
}

describe('failures inside the conductor surface as events', () => {
  it('an agent runner that throws fails its step visibly: the agent resolves failed, its gap closes, and the run fails with the sentence', async () => {
    const { studio, flow, run, runState } = await studioWithFlow();
    const { flowId, stepId } = await flow('F', await studio.model('Breaks', ['in'], ['out'], 'throws'), 'Breaks');
    const runId = await run(flowId);
    await studio.conductor.whenIdle();

    const resolved = ofType(studio, 'agent.resolved');
    expect(resolved).toHaveLength(1);
    expect(resolved[0]?.data).toMatchObject({ outcome: 'failed', stepId });
    expect(resolved[0]?.data.reason).toMatch(INTERNAL);
    expect(ofType(studio, 'gap.closed').map((e) => e.data.resolution)).toEqual(['failed']);
    const finished = ofType(studio, 'run.finished');
    expect(finished.map((e) => e.data.status)).toEqual(['failed']);
    expect(finished[0]?.data.reason).toMatch(
      /^Step “Breaks” failed: Something went wrong in the studio — code internal-[0-9A-F]{4}; nothing you saved was lost\.$/,
    );
    expect(runState(runId).status).toBe('failed');
    expect(runState(runId).steps.get(stepId as never)?.status).toBe('failed');
    expect([...studio.runs.runs.values()].filter((r) => r.status === 'running')).toEqual([]);
    // The page hears of the bug with its details, which the log does not keep.
    expect(studio.faults).toHaveLength(1);
    expect(studio.faults[0]).toMatchObject({ code: 'internal', message: resolved[0]?.data.reason });
    expect(studio.faults[0]?.detail).toContain("TypeError: Cannot read properties of undefined (reading 'port')");
    expect(JSON.stringify(studio.events)).not.toContain('reading');
  });

  it('a bug while promoting an agent’s results goes down the step’s normal failure path: here, its fallback', async () => {
    const { studio, flow, run, runState } = await studioWithFlow();
    const backup = await studio.model('Backup', ['in'], ['out'], 'upper');
    const { flowId, stepId } = await flow('F', await studio.model('Primary', ['in'], ['out'], 'upper'), 'Primary');
    await studio.do({ type: 'configureStep', flowId, stepId, settings: { fallbacks: [backup] } });
    const put = studio.artifacts.put.bind(studio.artifacts);
    let puts = 0;
    // The first artifact an agent stores (after the run input) hits a bug.
    studio.artifacts.put = (record) =>
      (puts += 1) === 2 ? Promise.reject(new RangeError('Invalid array length')) : put(record);
    const runId = await run(flowId);
    await studio.conductor.whenIdle();

    const attempts = ofType(studio, 'agent.resolved').map((e) => [e.data.outcome, e.data.reason]);
    expect(attempts).toHaveLength(2);
    expect(attempts[0]?.[0]).toBe('failed');
    expect(attempts[0]?.[1]).toMatch(INTERNAL);
    expect(attempts[1]).toEqual(['succeeded', undefined]);
    expect(runState(runId).status).toBe('succeeded');
    expect(runState(runId).steps.get(stepId as never)?.producedBy?.modelId).toBe(backup);
  });

  it('a storage failure while promoting keeps its storage code in the sentence', async () => {
    const { studio, flow, run } = await studioWithFlow();
    const { flowId } = await flow('F', await studio.model('Saver', ['in'], ['out'], 'upper'), 'Saver');
    const put = studio.artifacts.put.bind(studio.artifacts);
    let puts = 0;
    studio.artifacts.put = (record) =>
      (puts += 1) === 2
        ? Promise.reject(
            new StudioError('storage-full', 'The browser has run out of storage for the studio, so nothing was saved.'),
          )
        : put(record);
    await run(flowId);
    await studio.conductor.whenIdle();
    expect(ofType(studio, 'agent.resolved')[0]?.data.reason).toBe(
      'The browser has run out of storage for the studio, so nothing was saved. (code storage-full)',
    );
    expect(studio.faults).toEqual([]);
  });

  it('a map item whose runner throws fails that item, and the map step fails once the others settle', async () => {
    const { studio, run, runState } = await studioWithFlow();
    const flowId = await studio.do({ type: 'createFlow', name: 'Map' });
    const list = await studio.do({
      type: 'addStep',
      flowId,
      modelId: await studio.model('List', ['in'], ['items'], 'list'),
      label: 'List',
      position: { x: 0, y: 0 },
    });
    const each = await studio.do({
      type: 'addStep',
      flowId,
      modelId: await studio.model('Each', ['item'], ['out'], 'throwsOnB'),
      label: 'Each',
      position: { x: 0, y: 0 },
    });
    await studio.do({
      type: 'connect',
      flowId,
      source: { stepId: list, port: 'items' },
      target: { stepId: each, port: 'item' },
    });
    await studio.do({
      type: 'configureStep',
      flowId,
      stepId: each,
      settings: { map: { port: 'item', concurrency: 3 } },
    });
    const runId = await run(flowId);
    await studio.conductor.whenIdle();

    const failed = ofType(studio, 'agent.resolved').filter((e) => e.data.outcome === 'failed');
    expect(failed.map((e) => e.data.item)).toEqual([1]);
    expect(runState(runId).status).toBe('failed');
    expect(runState(runId).reason).toMatch(
      /^Step “Each” failed: item 2: Something went wrong in the studio — code internal-[0-9A-F]{4}; nothing you saved was lost\./,
    );
    expect(runState(runId).steps.get(each as never)?.status).toBe('failed');
  });

  it('a bug while deciding one run’s step fails that run with code internal; a run in parallel still succeeds', async () => {
    const { studio, flow, run, runState } = await studioWithFlow({ hooks: true });
    const bad = await flow('Bad', await studio.model(`${THROW_IN_CONDUCTOR} probe`, ['in'], ['out'], 'upper'), 'Probe');
    const good = await flow('Good', await studio.model('Shout', ['in'], ['out'], 'upper'), 'Shout');
    studio.agents.hold();
    const badRun = await run(bad.flowId);
    const goodRun = await run(good.flowId);
    studio.agents.release();
    await studio.conductor.whenIdle();

    expect(runState(badRun).status).toBe('failed');
    expect(runState(badRun).reason).toMatch(
      /^Step “Probe” failed: Something went wrong in the studio — code internal-[0-9A-F]{4}; nothing you saved was lost\./,
    );
    expect(runState(badRun).steps.get(bad.stepId as never)?.status).toBe('failed');
    expect(ofType(studio, 'step.failed').map((e) => e.data.reason)).toEqual([expect.stringMatching(INTERNAL)]);
    expect(runState(goodRun).status).toBe('succeeded');
    // No agent ever started for the step whose decision threw.
    expect(studio.agents.tasks).toHaveLength(1);
    expect(studio.faults.map((f) => f.code)).toEqual(['internal']);
    expect(studio.faults[0]?.detail).toContain('Injected conductor bug');

    // The conductor keeps working after the bug: the good flow runs again.
    const again = await run(good.flowId);
    await studio.conductor.whenIdle();
    expect(runState(again).status).toBe('succeeded');
  });

  it('a run that faults twice is finished failed at once, with one run.finished and nothing started after', async () => {
    const { studio, run, runState } = await studioWithFlow({ hooks: true });
    const probe = await studio.model(`${THROW_IN_CONDUCTOR} probe`, ['in'], ['out'], 'upper');
    const flowId = await studio.do({ type: 'createFlow', name: 'Twice' });
    const first = await studio.do({
      type: 'addStep',
      flowId,
      modelId: probe,
      label: 'First',
      position: { x: 0, y: 0 },
    });
    const second = await studio.do({
      type: 'addStep',
      flowId,
      modelId: probe,
      label: 'Second',
      position: { x: 0, y: 0 },
    });
    const runId = await run(flowId);
    await studio.conductor.whenIdle();

    expect(ofType(studio, 'run.finished').map((e) => [e.runId, e.data.status])).toEqual([[runId, 'failed']]);
    expect(runState(runId).steps.get(first as never)?.status).toBe('failed');
    expect(runState(runId).steps.get(second as never)?.status).toBe('failed');
    expect(runState(runId).reason).toMatch(
      /^Step “Second” failed: Something went wrong in the studio — code internal-/,
    );
    expect(studio.agents.tasks).toEqual([]);
  });

  it('a bug in the gap loop itself fails every run still going, rather than leaving them running', async () => {
    const { studio, flow, run, runState } = await studioWithFlow();
    const { flowId } = await flow('F', await studio.model('Shout', ['in'], ['out'], 'upper'), 'Shout');
    const loop = (studio.conductor as unknown as { loop: { takeDecisions: (...args: unknown[]) => unknown } }).loop;
    const take = loop.takeDecisions.bind(loop);
    let calls = 0;
    loop.takeDecisions = (...args) =>
      (calls += 1) === 1
        ? ((): never => {
            throw new TypeError('loop broke');
          })()
        : take(...args);
    const runId = await run(flowId);
    await studio.conductor.whenIdle();
    expect(runState(runId).status).toBe('failed');
    expect(runState(runId).reason).toMatch(INTERNAL);
    expect(studio.faults[0]?.detail).toContain('while taking the gap loop’s decisions');
  });

  it('without the test hook, a model named like the probe runs normally', async () => {
    const { studio, flow, run, runState } = await studioWithFlow();
    const { flowId } = await flow(
      'F',
      await studio.model(`${THROW_IN_CONDUCTOR} probe`, ['in'], ['out'], 'upper'),
      'Probe',
    );
    const runId = await run(flowId);
    await studio.conductor.whenIdle();
    expect(runState(runId).status).toBe('succeeded');
  });

  it('when even the failure cannot be appended, the page is told, the conductor goes idle, and the next open marks the run interrupted (auto-continue off)', async () => {
    const { studio, flow, run } = await studioWithFlow();
    const { flowId } = await flow('F', await studio.model('Breaks', ['in'], ['out'], 'throws'), 'Breaks');
    // With auto-continue off, a cut-off run is marked interrupted on the next open (on, it goes on).
    await studio.do({ type: 'saveSettings', autoContinue: false });
    const append = studio.log.append.bind(studio.log);
    studio.log.append = (drafts) =>
      drafts.some((d) => d.type === 'agent.resolved')
        ? Promise.reject(new StudioError('storage-failed', 'Saving to the browser’s storage failed: disk I/O error.'))
        : append(drafts);
    const runId = await run(flowId);
    await studio.conductor.whenIdle();

    expect(ofType(studio, 'agent.resolved')).toEqual([]);
    expect(studio.faults.map((f) => f.code)).toEqual(['internal', 'storage-failed']);
    expect(studio.faults[1]?.message).toBe(
      'Saving to the browser’s storage failed: disk I/O error. The studio could not record a failure, so the run is marked interrupted when the project next opens.',
    );

    // A reopened conductor over the same log marks the run interrupted, as before.
    studio.log.append = append;
    const { Conductor } = await import('./conductor');
    const reopened = new Conductor({ ...studioPorts(studio) });
    await reopened.open('p_test' as never, 'Test project');
    const finished = ofType(studio, 'run.finished');
    expect(finished.map((e) => [e.runId, e.data.status])).toEqual([[runId, 'interrupted']]);
  });

  it('an intent agent whose runner throws resolves failed with the sentence and dies, so its gap can send another', async () => {
    const studio = await new TestStudio(sha256, behaviours).open();
    await studio.model('notifier', [], ['facts', 'needs_person'], 'facts');
    const intent = {
      id: 'notify-manager',
      kind: 'reaction',
      when: { fact: 'risk.assessed' },
      expect: { fact: 'manager.notified' },
      model: 'notifier',
    };
    await studio.do({
      type: 'saveIntents',
      source: JSON.stringify({ version: 1, breakers: { maxAgentsPerGap: 1 }, intents: [intent] }),
    });
    await studio.do({ type: 'recordFact', fact: 'risk.assessed', subject: 'acme', data: {} });
    await studio.conductor.whenIdle();

    const resolved = ofType(studio, 'intentAgent.resolved');
    expect(resolved.map((e) => e.data.outcome)).toEqual(['failed']);
    expect(resolved[0]?.data.reason).toMatch(INTERNAL);
    expect(ofType(studio, 'intentAgent.died')).toHaveLength(1);
    // The gap then goes to a person by the normal breaker, not left hanging.
    expect(ofType(studio, 'breaker.tripped').map((e) => e.data.breaker)).toEqual(['max-agents-per-gap']);
    expect(studio.faults.map((f) => f.code)).toEqual(['internal']);
  });

  it('a bug in the promotion gate fails the intent agents of that round; the gap sends another, which heals it', async () => {
    const studio = await new TestStudio(sha256, behaviours).open();
    await studio.model('notifier', [], ['facts', 'needs_person'], 'notify');
    const intent = {
      id: 'notify-manager',
      kind: 'reaction',
      when: { fact: 'risk.assessed' },
      expect: { fact: 'manager.notified' },
      model: 'notifier',
    };
    await studio.do({
      type: 'saveIntents',
      source: JSON.stringify({ version: 1, breakers: { cooldownMs: 0 }, intents: [intent] }),
    });
    const gate = studio.conductor.intents;
    const promote = gate.promote.bind(gate);
    let rounds = 0;
    // The gate takes its round's drafts, then breaks before it returns their events.
    gate.promote = (host) => {
      const drafts = promote(host);
      if ((rounds += 1) === 1) throw new TypeError('gate broke');
      return drafts;
    };
    await studio.do({ type: 'recordFact', fact: 'risk.assessed', subject: 'acme', data: {} });
    await studio.conductor.whenIdle();

    expect(ofType(studio, 'intentAgent.resolved').map((e) => e.data.outcome)).toEqual(['failed', 'promoted']);
    expect(ofType(studio, 'intentAgent.resolved')[0]?.data.reason).toMatch(INTERNAL);
    expect(ofType(studio, 'intentAgent.died')).toHaveLength(2);
    expect(ofType(studio, 'intentGap.closed').map((e) => e.data.resolution)).toEqual(['healed']);
    expect(studio.faults[0]?.detail).toContain('TypeError: gate broke');
  });
});

/** The ports a TestStudio's conductor was built with, to open a second conductor over the same log. */
function studioPorts(studio: TestStudio) {
  let n = 1_000;
  return {
    log: studio.log,
    artifacts: studio.artifacts,
    agents: studio.agents,
    clock: { now: () => studio.now },
    sha256,
    compile: (source: string) => ({ ok: true as const, code: source }),
    newId: (prefix: string) => `${prefix}_reopened${(n += 1)}`,
    newSeed: () => 1,
  };
}
