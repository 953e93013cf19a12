import { describe, expect, it } from 'vitest';
import { sha256 } from '../../runtime/sha256';
import type { AgentResult, AgentTask } from './ports';
import { TestStudio } from '../testing/testStudio';
import type { EventOfType } from '../events/storedEvent';
import type { EventDraft, EventType } from '../events/eventMap';
import type { IntentHost } from './intentEngine/intentGaps';

const notify = (task: AgentTask): AgentResult => ({
  ok: true,
  emitted: [
    {
      port: 'facts',
      value: [
        {
          fact: 'manager.notified',
          subject: (task.inputs as { facts: Array<{ subject: string }> }).facts[0]?.subject,
          data: {},
        },
      ],
    },
  ],
  logs: [],
  durationMs: 1,
});
let openSlowGate: () => void = () => undefined;
const slowGate = () => new Promise<void>((resolve) => (openSlowGate = resolve));

const behaviours = {
  notify,
  fail: (): AgentResult => ({ ok: false, reason: 'it threw', logs: [], durationMs: 1 }),
  slowNotify: async (task: AgentTask): Promise<AgentResult> => {
    await slowGate();
    return notify(task);
  },
  page: (): AgentResult => ({
    ok: true,
    emitted: [{ port: 'facts', value: [{ fact: 'oncall.paged', subject: 'acme', data: {} }] }],
    logs: [],
    durationMs: 1,
  }),
};

const ofType = <T extends EventType>(studio: TestStudio, type: T) =>
  studio.events.filter((e): e is EventOfType<T> => e.type === type);
const reaction = (id: string, model: string, extra: Record<string, unknown> = {}) => ({
  id,
  kind: 'reaction',
  when: { fact: 'risk.assessed' },
  expect: { fact: 'manager.notified' },
  model,
  ...extra,
});

async function studioWith(models: Record<string, string>, intents: unknown[]) {
  const studio = await new TestStudio(sha256, behaviours).open();
  for (const [name, behaviour] of Object.entries(models)) await studio.model(name, [], ['facts'], behaviour);
  await studio.do({ type: 'saveIntents', source: JSON.stringify({ version: 1, intents }) });
  return studio;
}

describe('conflicts between agents', () => {
  it('serialises gaps with overlapping scopes, and records why', async () => {
    const studio = await studioWith({ notifier: 'fail' }, [reaction('notify', 'notifier', { withinMs: 1_000 })]);
    studio.agents.hold();
    await studio.do({ type: 'recordFact', fact: 'risk.assessed', subject: 'acme', data: {} });
    await studio.do({ type: 'recordFact', fact: 'risk.assessed', subject: 'acme', data: {} });
    await studio.do({ type: 'advanceClock', byMs: 1_000 });
    // Two gaps, one scope (manager.notified/acme): only one agent is out.
    expect(ofType(studio, 'intentGap.opened')).toHaveLength(2);
    expect(ofType(studio, 'intentAgent.spawned')).toHaveLength(1);
    studio.agents.release();
    await studio.conductor.whenIdle();
    const strategies = ofType(studio, 'intentAgent.spawned').map((e) => e.data.strategy);
    expect(strategies[0]?.name).toBe('alone');
    expect(strategies[1]).toMatchObject({ name: 'serialised', why: expect.stringMatching(/waited for that agent/) });
    expect(studio.agents.maxRunning).toBe(1);
  });

  it('does not race urgent gaps when the budget is too short for two drafts', async () => {
    const studio = await new TestStudio(sha256, behaviours).open();
    await studio.model('fast', [], ['facts'], 'notify');
    await studio.model('slow', [], ['facts'], 'notify');
    await studio.do({
      type: 'saveIntents',
      source: JSON.stringify({
        version: 1,
        breakers: { budgetPerHour: 2 },
        intents: [reaction('by-fast', 'fast'), reaction('by-slow', 'slow', { urgency: 'high', severity: 1 })],
      }),
    });
    await studio.do({ type: 'recordFact', fact: 'risk.assessed', subject: 'acme', data: {} });
    await studio.conductor.whenIdle();
    // The fast agent's fact meets both reactions: the serialised one never needed an agent.
    expect(ofType(studio, 'intentAgent.spawned').map((e) => e.data.intentId)).toEqual(['by-fast']);
    expect(ofType(studio, 'intentGap.closed').map((e) => e.data.resolution)).toEqual(['healed', 'satisfied']);
  });

  it('lets urgent overlapping gaps race (optimistic); the stale draft is discarded when its gap has closed', async () => {
    const studio = await studioWith({ fast: 'notify', slow: 'slowNotify' }, [
      reaction('by-fast', 'fast'),
      reaction('by-slow', 'slow', { urgency: 'high', severity: 1 }),
    ]);
    const append = studio.log.append.bind(studio.log);
    // The slow agent finishes only once the fast one's draft is promoted: the log says when.
    studio.log.append = async (drafts: readonly EventDraft[]) => {
      const sealed = await append(drafts);
      if (sealed.some((e) => e.type === 'draft.promoted')) openSlowGate();
      return sealed;
    };
    await studio.do({ type: 'recordFact', fact: 'risk.assessed', subject: 'acme', data: {} });
    await studio.conductor.whenIdle();
    expect(ofType(studio, 'intentAgent.spawned').map((e) => e.data.strategy.name)).toEqual(['alone', 'optimistic']);
    expect(ofType(studio, 'draft.rejected').map((e) => e.data.cause)).toEqual(['stale']);
    expect(
      ofType(studio, 'intentAgent.resolved')
        .map((e) => e.data.outcome)
        .sort(),
    ).toEqual(['promoted', 'stale']);
    expect(
      ofType(studio, 'intentGap.closed')
        .map((e) => e.data.resolution)
        .sort(),
    ).toEqual(['healed', 'satisfied']);
  });

  it('composes drafts that pass the gate together and write disjoint facts into one promotion; a clash is rejected', async () => {
    const studio = await studioWith({ notifier: 'notify', pager: 'page' }, [
      reaction('notify', 'notifier'),
      {
        id: 'page',
        kind: 'reaction',
        when: { fact: 'risk.assessed' },
        expect: { fact: 'oncall.paged' },
        model: 'pager',
      },
      reaction('notify-too', 'notifier', { urgency: 'high' }),
    ]);
    studio.agents.hold();
    await studio.do({ type: 'recordFact', fact: 'risk.assessed', subject: 'acme', data: {} });
    const spawned = ofType(studio, 'intentAgent.spawned');
    expect(spawned.map((e) => e.data.intentId)).toEqual(['notify', 'page', 'notify-too']);
    const gaps = studio.conductor.intents;
    const draft = (fact: string) => ({
      kind: 'draft' as const,
      facts: [{ fact, subject: 'acme', data: {} }],
      logs: [],
      durationMs: 1,
    });
    // Three drafts are done at once: the promotion gate sees them in one round.
    gaps.submit(spawned[0] as never, draft('manager.notified'));
    gaps.submit(spawned[1] as never, draft('oncall.paged'));
    gaps.submit(spawned[2] as never, draft('manager.notified'));
    let n = 0;
    const host = { clockNow: () => 0, newId: (p: string) => `${p}_t${n++}` } as unknown as IntentHost;
    const drafts = gaps.promote(host);
    const promoted = drafts.filter((d) => d.type === 'draft.promoted');
    expect(promoted).toHaveLength(1);
    expect(promoted[0]?.data).toMatchObject({
      strategy: 'composed',
      agentIds: [spawned[0]?.data.agentId, spawned[1]?.data.agentId],
    });
    expect(drafts.filter((d) => d.type === 'fact.recorded')).toHaveLength(2);
    const rejected = drafts.find((d) => d.type === 'draft.rejected');
    expect(rejected?.data).toMatchObject({ agentId: spawned[2]?.data.agentId, cause: 'conflict' });
  });
});
