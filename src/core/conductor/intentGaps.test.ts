import { describe, expect, it } from 'vitest';
import { sha256 } from '../../runtime/sha256';
import type { AgentResult, AgentTask } from './ports';
import { TestStudio } from '../testing/testStudio';
import type { EventOfType } from '../events/storedEvent';
import type { EventType } from '../events/eventMap';

type Gap = { kind: string; intentId: string };
const emitFacts =
  (make: (task: AgentTask) => unknown): ((task: AgentTask) => AgentResult) =>
  (task) => ({ ok: true, emitted: [{ port: 'facts', value: make(task) }], logs: [], durationMs: 2 });
const inputsOf = (task: AgentTask) =>
  task.inputs as {
    gap: { summary: string; detail?: Record<string, number> };
    facts: Array<{ fact: string; subject: string; data: Record<string, unknown> }>;
  };

const behaviours = {
  notify: emitFacts((t) => [{ fact: 'manager.notified', data: { about: inputsOf(t).facts[0]?.subject } }]),
  explain: emitFacts((t) =>
    inputsOf(t).facts.map((f) => ({
      fact: 'score.updated',
      subject: f.subject,
      data: { ...f.data, explanation: `backfilled for ${f.subject}` },
    })),
  ),
  badExplain: emitFacts((t) =>
    inputsOf(t).facts.map((f) => ({ fact: 'score.updated', subject: f.subject, data: { score: 1 } })),
  ),
  offPolicy: emitFacts(() => [{ fact: 'churn.alert', data: {} }]),
  ping: emitFacts(() => [{ fact: 'b.pinged', data: {} }]),
  pong: emitFacts(() => [{ fact: 'a.pinged', data: {} }]),
  fail: (): AgentResult => ({ ok: false, reason: 'it threw: boom', logs: [], durationMs: 1 }),
  ask: (): AgentResult => ({
    ok: true,
    emitted: [{ port: 'needs_person', value: 'Call the customer yourself.' }],
    logs: [],
    durationMs: 1,
  }),
  followUp: emitFacts(() => [{ fact: 'followup.sent', data: {} }]),
  reproject: emitFacts((t) => [
    { fact: 'interactions.projected', subject: '', data: { count: inputsOf(t).gap.detail?.actual ?? -1 } },
  ]),
  optimise: emitFacts((t) => [{ fact: 'optimisation.proposed', data: { metric: inputsOf(t).gap.summary } }]),
  step: (t: AgentTask): AgentResult => ({
    ok: true,
    emitted: t.outputPorts.map((port) => ({ port, value: 'x' })),
    logs: [],
    durationMs: 500,
  }),
};

async function studioWith(models: Record<string, string>, intents: unknown[], breakers: Record<string, number> = {}) {
  const studio = await new TestStudio(sha256, behaviours).open();
  for (const [name, behaviour] of Object.entries(models))
    await studio.model(name, [], ['facts', 'needs_person'], behaviour);
  await studio.do({ type: 'saveIntents', source: JSON.stringify({ version: 1, breakers, intents }, null, 2) });
  await studio.conductor.whenIdle();
  return studio;
}

const ofType = <T extends EventType>(studio: TestStudio, type: T) =>
  studio.events.filter((e): e is EventOfType<T> => e.type === type);
const fact = async (studio: TestStudio, name: string, subject: string, data: Record<string, unknown> = {}) => {
  await studio.do({ type: 'recordFact', fact: name, subject, data: data as never });
  await studio.conductor.whenIdle();
};
const gaps = (studio: TestStudio): Gap[] =>
  ofType(studio, 'intentGap.opened').map((e) => ({ kind: e.data.kind, intentId: e.data.intentId }));
const closes = (studio: TestStudio) => ofType(studio, 'intentGap.closed').map((e) => e.data.resolution);

const managerIntent = {
  id: 'notify-manager',
  kind: 'reaction',
  when: { fact: 'risk.assessed', if: 'data.risk >= 0.85' },
  expect: { fact: 'manager.notified' },
  model: 'notifier',
};

describe('reaction gaps', () => {
  it('opens a gap when a matching fact has no consequence, sends the named model, and closes it healed', async () => {
    const studio = await studioWith({ notifier: 'notify' }, [managerIntent]);
    await fact(studio, 'risk.assessed', 'acme', { risk: 0.9 });
    expect(gaps(studio)).toEqual([{ kind: 'reaction', intentId: 'notify-manager' }]);
    const lifecycle = studio.events
      .filter((e) => e.type.startsWith('intentAgent.') || e.type.startsWith('draft.'))
      .map((e) => e.type);
    expect(lifecycle).toEqual([
      'intentAgent.spawned',
      'intentAgent.worked',
      'draft.promoted',
      'intentAgent.resolved',
      'intentAgent.died',
    ]);
    const spawned = ofType(studio, 'intentAgent.spawned')[0]?.data;
    expect(spawned?.goal).toMatch(/notify-manager/);
    expect(spawned?.contextSeqs).toEqual([ofType(studio, 'fact.recorded')[0]?.seq]);
    expect(spawned?.budget.cost).toBe(1);
    expect(spawned?.constraints[0]).toBe('may record only: manager.notified');
    const healed = ofType(studio, 'fact.recorded').at(-1)?.data;
    expect(healed).toMatchObject({ fact: 'manager.notified', subject: 'acme', depth: 1, by: { kind: 'agent' } });
    expect(closes(studio)).toEqual(['healed']);
  });

  it('closes an open gap as withdrawn, not satisfied, when its intent is removed', async () => {
    const studio = await studioWith({ notifier: 'fail' }, [managerIntent]);
    await fact(studio, 'risk.assessed', 'acme', { risk: 0.9 });
    expect(gaps(studio)).toEqual([{ kind: 'reaction', intentId: 'notify-manager' }]);
    expect(closes(studio)).toEqual([]);
    await studio.do({ type: 'saveIntents', source: JSON.stringify({ version: 1, intents: [] }) });
    await studio.conductor.whenIdle();
    expect(closes(studio)).toEqual(['withdrawn']);
  });

  it('opens nothing when the condition does not hold or the consequence is there', async () => {
    const studio = await studioWith({ notifier: 'notify' }, [managerIntent]);
    await fact(studio, 'risk.assessed', 'acme', { risk: 0.2 });
    await fact(studio, 'risk.assessed', 'zeta', { notes: 'no risk field: the condition is false' });
    expect(gaps(studio)).toEqual([]);
  });

  it('a consequence for another subject does not satisfy it', async () => {
    const studio = await studioWith({}, [{ ...managerIntent, model: undefined }]);
    await studio.do({ type: 'recordFact', fact: 'risk.assessed', subject: 'acme', data: { risk: 0.95 } });
    await fact(studio, 'manager.notified', 'other');
    expect(gaps(studio)).toHaveLength(1);
  });
});

describe('the promotion gate', () => {
  it('rejects a draft that breaks an invariant, records why, and keeps the gap open for a new agent', async () => {
    const studio = await studioWith(
      { explainer: 'badExplain' },
      [
        {
          id: 'explained',
          kind: 'invariant',
          over: { fact: 'score.updated' },
          require: 'has(data.explanation)',
          model: 'explainer',
        },
      ],
      { cooldownMs: 1_000 },
    );
    await fact(studio, 'score.updated', 'acme', { score: 3 });
    const rejected = ofType(studio, 'draft.rejected');
    expect(rejected).toHaveLength(1);
    expect(rejected[0]?.data.reason).toMatch(/would break the invariant “explained”/);
    expect(closes(studio)).toEqual([]);
    // After the cooldown, a new agent is sent to the same gap.
    studio.advance(1_001);
    await studio.conductor.tick();
    await studio.conductor.whenIdle();
    expect(ofType(studio, 'intentAgent.spawned').map((e) => e.data.gapId)).toEqual([
      rejected[0]?.data.gapId,
      rejected[0]?.data.gapId,
    ]);
  });

  it('rejects facts the intent does not allow (policy)', async () => {
    const studio = await studioWith({ notifier: 'offPolicy' }, [managerIntent]);
    await fact(studio, 'risk.assessed', 'acme', { risk: 0.9 });
    expect(ofType(studio, 'draft.rejected')[0]?.data).toMatchObject({
      cause: 'gate',
      reason: expect.stringMatching(/only manager\.notified, not churn\.alert/),
    });
  });

  it('an agent may say the gap needs a person: it lands in the inbox and the gap stays open until they answer', async () => {
    const studio = await studioWith({ notifier: 'ask' }, [managerIntent]);
    await fact(studio, 'risk.assessed', 'acme', { risk: 0.9 });
    expect(ofType(studio, 'inbox.added')[0]?.data).toMatchObject({
      source: 'agent',
      reason: 'Call the customer yourself.',
    });
    expect(closes(studio)).toEqual([]);
    // No other agent goes while it waits for the person.
    await studio.advanceAndSettle(60_000);
    expect(ofType(studio, 'intentAgent.spawned')).toHaveLength(1);
  });
});

describe('intent gaps: a new invariant backfills', () => {
  it('adding “every score has an explanation” opens one intent gap over the existing scores, and an agent backfills them', async () => {
    const studio = await studioWith({ explainer: 'explain' }, []);
    for (const s of ['acme', 'zeta', 'omni']) await fact(studio, 'score.updated', s, { score: 2 });
    await fact(studio, 'score.updated', 'fine', { score: 1, explanation: 'already' });
    await studio.do({
      type: 'saveIntents',
      source: JSON.stringify({
        version: 1,
        intents: [
          {
            id: 'explained',
            kind: 'invariant',
            over: { fact: 'score.updated' },
            require: 'has(data.explanation)',
            model: 'explainer',
          },
        ],
      }),
    });
    await studio.conductor.whenIdle();
    const opened = ofType(studio, 'intentGap.opened');
    expect(opened.map((e) => e.data.kind)).toEqual(['intent']);
    expect(opened[0]?.data.summary).toBe('3 score.updated facts break “has(data.explanation)”');
    const backfilled = ofType(studio, 'fact.recorded').filter((e) => e.data.by.kind === 'agent');
    expect(backfilled.map((e) => e.data.subject).sort()).toEqual(['acme', 'omni', 'zeta']);
    expect(closes(studio)).toEqual(['healed']);
    // Intent edits are events: the history is in the log.
    expect(ofType(studio, 'intents.saved')).toHaveLength(2);
  });

  it('says “1 … fact breaks” for one fact and “facts break” for more', async () => {
    const studio = await studioWith({}, []);
    await fact(studio, 'score.updated', 'acme', { score: 2 });
    await studio.do({
      type: 'saveIntents',
      source: JSON.stringify({
        version: 1,
        intents: [
          { id: 'explained', kind: 'invariant', over: { fact: 'score.updated' }, require: 'has(data.explanation)' },
        ],
      }),
    });
    await studio.conductor.whenIdle();
    expect(ofType(studio, 'intentGap.opened')[0]?.data.summary).toBe(
      '1 score.updated fact breaks “has(data.explanation)”',
    );
  });
});

describe('temporal gaps on the virtual clock', () => {
  const followUp = {
    id: 'follow-up',
    kind: 'deadline',
    after: { fact: 'proposal.sent' },
    expect: { fact: 'followup.sent' },
    withinMs: 48 * 3_600_000,
    model: 'chaser',
  };

  it('opens when the clock passes the deadline, never before, and never when the follow-up came', async () => {
    const studio = await studioWith({ chaser: 'followUp' }, [followUp]);
    await fact(studio, 'proposal.sent', 'acme');
    await fact(studio, 'proposal.sent', 'zeta');
    await fact(studio, 'followup.sent', 'zeta');
    await studio.do({ type: 'advanceClock', byMs: 47 * 3_600_000 });
    await studio.conductor.whenIdle();
    expect(gaps(studio)).toEqual([]);
    await studio.do({ type: 'advanceClock', byMs: 2 * 3_600_000 });
    await studio.conductor.whenIdle();
    expect(gaps(studio)).toEqual([{ kind: 'temporal', intentId: 'follow-up' }]);
    expect(ofType(studio, 'clock.advanced').map((e) => e.data.offsetMs)).toEqual([47 * 3_600_000, 49 * 3_600_000]);
    expect(closes(studio)).toEqual(['healed']);
  });

  it('a reaction with withinMs waits for its time, not for the work to settle', async () => {
    const studio = await studioWith({ notifier: 'notify' }, [{ ...managerIntent, withinMs: 60_000 }]);
    await fact(studio, 'risk.assessed', 'acme', { risk: 0.9 });
    expect(gaps(studio)).toEqual([]);
    studio.advance(60_000);
    await studio.conductor.tick();
    await studio.conductor.whenIdle();
    expect(gaps(studio)).toEqual([{ kind: 'reaction', intentId: 'notify-manager' }]);
  });
});

describe('quality and consistency gaps', () => {
  it('p95 step latency over target opens a quality gap; meeting it again closes it', async () => {
    const studio = await studioWith({ optimiser: 'optimise' }, [
      {
        id: 'fast',
        kind: 'quality',
        metric: 'p95-step-latency-ms',
        target: { max: 200 },
        window: 2,
        model: 'optimiser',
        mayEmit: ['optimisation.proposed'],
      },
    ]);
    const slow = await studio.model('slow', [], ['out'], 'step');
    const flowId = await studio.do({ type: 'createFlow', name: 'F' });
    await studio.do({ type: 'addStep', flowId, modelId: slow, position: { x: 0, y: 0 } });
    await studio.do({ type: 'startRun', flowId, input: 'go' });
    await studio.conductor.whenIdle();
    expect(gaps(studio)).toEqual([{ kind: 'quality', intentId: 'fast' }]);
    expect(ofType(studio, 'intentGap.opened')[0]?.data.summary).toBe('p95-step-latency-ms is 500; target ≤ 200');
    expect(ofType(studio, 'fact.recorded').at(-1)?.data.fact).toBe('optimisation.proposed');
  });

  it('a projection whose count disagrees with the log opens a consistency gap; the repair agent rebuilds it', async () => {
    const studio = await studioWith({ projector: 'reproject' }, [
      {
        id: 'interactions',
        kind: 'consistency',
        projection: { fact: 'interactions.projected' },
        counts: { fact: 'call.logged' },
        model: 'projector',
      },
    ]);
    await fact(studio, 'call.logged', 'acme');
    expect(gaps(studio)).toEqual([{ kind: 'consistency', intentId: 'interactions' }]);
    expect(ofType(studio, 'fact.recorded').at(-1)?.data).toMatchObject({
      fact: 'interactions.projected',
      data: { count: 1 },
    });
    await fact(studio, 'interactions.projected', '', { count: 1 });
    expect(gaps(studio)).toHaveLength(1);
    await fact(studio, 'call.logged', 'zeta');
    expect(gaps(studio)).toHaveLength(2);
    expect(ofType(studio, 'intentGap.opened')[1]?.data.summary).toBe(
      'interactions.projected shows 1 count; the log holds 2 call.logged',
    );
    expect(ofType(studio, 'fact.recorded').at(-1)?.data).toMatchObject({
      fact: 'interactions.projected',
      data: { count: 2 },
    });
    expect(closes(studio)).toEqual(['healed', 'healed']);
  });
});

describe('breakers', () => {
  it('a self-feeding pair of intents stops at the depth limit, trips, and goes to the inbox', async () => {
    const studio = await studioWith({ pinger: 'ping', ponger: 'pong' }, [
      { id: 'a-to-b', kind: 'reaction', when: { fact: 'a.pinged' }, expect: { fact: 'b.pinged' }, model: 'pinger' },
      { id: 'b-to-a', kind: 'reaction', when: { fact: 'b.pinged' }, expect: { fact: 'a.pinged' }, model: 'ponger' },
    ]);
    await fact(studio, 'a.pinged', 'x');
    expect(ofType(studio, 'intentAgent.spawned').map((e) => e.data.depth)).toEqual([0, 1, 2, 3, 4]);
    const trip = ofType(studio, 'breaker.tripped');
    expect(trip.map((e) => e.data.breaker)).toEqual(['max-depth']);
    expect(ofType(studio, 'inbox.added')).toHaveLength(1);
    // The deepest gap went to a person and is open still; the others were healed.
    expect(closes(studio)).toEqual(['healed', 'healed', 'healed', 'healed', 'healed']);
    expect(ofType(studio, 'intentGap.opened')).toHaveLength(6);
  });

  it('max agents per gap: after three failed agents the gap goes to a person', async () => {
    const studio = await studioWith({ notifier: 'fail' }, [managerIntent], { cooldownMs: 0 });
    await fact(studio, 'risk.assessed', 'acme', { risk: 0.9 });
    expect(ofType(studio, 'intentAgent.resolved').map((e) => e.data.outcome)).toEqual(['failed', 'failed', 'failed']);
    expect(ofType(studio, 'breaker.tripped').map((e) => e.data.breaker)).toEqual(['max-agents-per-gap']);
    expect(closes(studio)).toEqual([]);
  });

  it('cooldown per gap: no second agent until the cooldown has passed on the clock', async () => {
    const studio = await studioWith({ notifier: 'fail' }, [managerIntent], { cooldownMs: 30_000 });
    await fact(studio, 'risk.assessed', 'acme', { risk: 0.9 });
    expect(ofType(studio, 'intentAgent.spawned')).toHaveLength(1);
    await studio.do({ type: 'advanceClock', byMs: 29_000 });
    await studio.conductor.whenIdle();
    expect(ofType(studio, 'intentAgent.spawned')).toHaveLength(1);
    await studio.do({ type: 'advanceClock', byMs: 1_000 });
    await studio.conductor.whenIdle();
    expect(ofType(studio, 'intentAgent.spawned')).toHaveLength(2);
  });

  it('budget per hour: when it is spent the gap waits, trips once, and gets its agent in the next hour', async () => {
    const studio = await studioWith({ notifier: 'notify' }, [{ ...managerIntent, cost: 5 }], { budgetPerHour: 10 });
    for (const s of ['a', 'b', 'c']) await fact(studio, 'risk.assessed', s, { risk: 0.9 });
    expect(ofType(studio, 'intentAgent.spawned')).toHaveLength(2);
    expect(ofType(studio, 'breaker.tripped').map((e) => e.data.breaker)).toEqual(['budget']);
    await studio.do({ type: 'advanceClock', byMs: 3_600_001 });
    await studio.conductor.whenIdle();
    expect(ofType(studio, 'intentAgent.spawned')).toHaveLength(3);
    expect(closes(studio)).toEqual(['healed', 'healed', 'healed']);
  });

  it('max concurrent agents holds across intents', async () => {
    const studio = await studioWith({ notifier: 'notify' }, [managerIntent], { maxConcurrentAgents: 2 });
    studio.agents.hold();
    for (const s of ['a', 'b', 'c', 'd'])
      await studio.do({ type: 'recordFact', fact: 'risk.assessed', subject: s, data: { risk: 0.9 } });
    studio.agents.release();
    await studio.conductor.whenIdle();
    expect(studio.agents.maxRunning).toBeLessThanOrEqual(2);
    expect(closes(studio)).toHaveLength(4);
  });
});

describe('a reload mid-work', () => {
  it('marks an intent agent that died with the page, and a new agent closes its gap after the cooldown', async () => {
    const studio = await studioWith({ notifier: 'notify' }, [managerIntent], { cooldownMs: 0 });
    studio.agents.hold();
    await studio.do({ type: 'recordFact', fact: 'risk.assessed', subject: 'acme', data: { risk: 0.9 } });
    expect(ofType(studio, 'intentAgent.spawned')).toHaveLength(1);
    // A second conductor over the same log, as after a reload; the first one's agent never returns.
    const { Conductor } = await import('./conductor');
    const agents = new (await import('../testing/memoryPorts')).ScriptedAgents(behaviours);
    let n = 100;
    const reopened = new Conductor({
      log: studio.log,
      artifacts: studio.artifacts,
      agents,
      clock: { now: () => 5_000 },
      sha256,
      compile: (source) => ({ ok: true, code: source }),
      newId: (prefix) => `${prefix}_r${n++}`,
      newSeed: () => 7,
    });
    await reopened.open('p_test' as never, 'Test project');
    await reopened.whenIdle();
    const resolved = ofType(studio, 'intentAgent.resolved');
    expect(resolved[0]?.data).toMatchObject({ outcome: 'failed', reason: 'The studio was closed while it worked.' });
    expect(ofType(studio, 'intentAgent.spawned')).toHaveLength(2);
    expect(closes(studio)).toEqual(['healed']);
  });
});

describe('gaps sent to a person', () => {
  const itemOf = (studio: TestStudio, i = 0) => ofType(studio, 'inbox.added')[i]?.data.itemId as string;

  it('retry sends agents again, as many as the breaker allows; dismiss closes the gap and it does not reopen', async () => {
    const studio = await studioWith({ notifier: 'fail' }, [managerIntent], { cooldownMs: 0, maxAgentsPerGap: 2 });
    await fact(studio, 'risk.assessed', 'acme', { risk: 0.9 });
    expect(ofType(studio, 'intentAgent.spawned')).toHaveLength(2);
    await studio.do({ type: 'answerInbox', itemId: itemOf(studio), decision: 'retry', notes: 'The CRM is back.' });
    await studio.conductor.whenIdle();
    expect(ofType(studio, 'inbox.answered')[0]?.data).toMatchObject({ decision: 'retry', notes: 'The CRM is back.' });
    expect(ofType(studio, 'intentAgent.spawned')).toHaveLength(4);
    // Still failing: back to the person, with a new item; the old one cannot be answered twice.
    expect(ofType(studio, 'inbox.added')).toHaveLength(2);
    expect(await studio.try({ type: 'answerInbox', itemId: itemOf(studio), decision: 'dismiss' })).toMatchObject({
      ok: false,
      error: { message: 'That gap has been answered already, or it closed by itself.' },
    });

    await studio.do({ type: 'answerInbox', itemId: itemOf(studio, 1), decision: 'dismiss' });
    await studio.conductor.whenIdle();
    expect(closes(studio)).toEqual(['dismissed']);
    await studio.advanceAndSettle(60_000);
    expect(ofType(studio, 'intentGap.opened')).toHaveLength(1);
  });

  it('closes by itself when the missing fact is recorded meanwhile, and the item no longer waits', async () => {
    const studio = await studioWith({ notifier: 'ask' }, [managerIntent]);
    await fact(studio, 'risk.assessed', 'acme', { risk: 0.9 });
    await fact(studio, 'manager.notified', 'acme');
    expect(closes(studio)).toEqual(['satisfied']);
    expect((await studio.try({ type: 'answerInbox', itemId: itemOf(studio), decision: 'retry' })).ok).toBe(false);
  });

  it('waits for its person across a reopening of the log', async () => {
    const studio = await studioWith({ notifier: 'ask' }, [managerIntent]);
    await fact(studio, 'risk.assessed', 'acme', { risk: 0.9 });
    const reopened = new TestStudio(sha256, behaviours, undefined, undefined, {}, 100_000);
    reopened.log.events.push(...studio.events);
    await reopened.open();
    await reopened.conductor.whenIdle();
    expect(ofType(reopened, 'intentAgent.spawned')).toHaveLength(1);
    await reopened.do({ type: 'answerInbox', itemId: itemOf(reopened), decision: 'dismiss' });
    expect(closes(reopened)).toEqual(['dismissed']);
  });
});
