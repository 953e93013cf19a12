import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../events/storedEvent';
import type { RunId } from '../ids';
import { BusIndex } from './busIndex';
import { BUS_LIMITS } from './busLimits';
import { planBusClaim, planBusPost } from './planBusPost';
import { StudioError } from '../errors/studioError';
import type { BusSender } from './busEvents';

/** Events as the log would hand them to the fold (only what the index reads is filled in). */
let seq = 0;
const stored = (type: string, runId: string | undefined, data: unknown, ts = 1_000): StoredEvent =>
  ({ v: 1, projectId: 'p', seq: seq++, ts, type, ...(runId ? { runId } : {}), data, prevHash: '', hash: '' }) as never;

const agent = (n: number): BusSender =>
  ({ kind: 'agent', agentId: `agent_${n}`, stepId: `step_${n}`, name: `Agent ${n}` }) as BusSender;
const started = (runId: string, parent?: string) =>
  stored('run.started', runId, {
    runId,
    ...(parent ? { parentStep: { runId: parent, stepId: 'step_sub', gapId: 'gap_1' } } : {}),
  });
const posted = (
  runId: string,
  topic: string,
  body: unknown,
  scope: 'tree' | 'project' = 'tree',
  from = agent(1),
  ts = 1_000,
) => stored('bus.posted', runId, { messageId: `msg_${seq}`, topic, scope, from, body }, ts);

const run = (id: string) => id as RunId;
const host = { now: 1_000, newId: (p: string) => `${p}_x` };

describe('the bus index: order, scope and cursors', () => {
  it('reads a topic in log order, after a cursor, and only that topic', () => {
    const index = new BusIndex();
    index.observe(started('run_a'));
    for (const [topic, body] of [
      ['work', 1],
      ['other', 'x'],
      ['work', 2],
      ['work', 3],
    ] as const)
      index.observe(posted('run_a', topic, body));
    const all = index.read(run('run_a'), 'work');
    expect(all.map((m) => m.body)).toEqual([1, 2, 3]);
    expect(index.read(run('run_a'), 'work', all[0]?.seq).map((m) => m.body)).toEqual([2, 3]);
    expect(index.read(run('run_a'), 'work', all[2]?.seq)).toEqual([]);
  });

  it('a sub-flow run sees its outer runs’ topics; the outer run and other trees do not see the child’s', () => {
    const index = new BusIndex();
    index.observe(started('run_root'));
    index.observe(started('run_child', 'run_root'));
    index.observe(started('run_grandchild', 'run_child'));
    index.observe(started('run_other'));
    index.observe(posted('run_root', 'plan', 'from the root'));
    index.observe(posted('run_child', 'plan', 'from the child'));
    const bodies = (r: string) => index.read(run(r), 'plan').map((m) => m.body);
    expect(bodies('run_grandchild')).toEqual(['from the root', 'from the child']);
    expect(bodies('run_child')).toEqual(['from the root', 'from the child']);
    expect(bodies('run_root')).toEqual(['from the root']);
    expect(bodies('run_other')).toEqual([]);
    expect(index.rootOf(run('run_grandchild'))).toBe('run_root');
  });

  it('a project-scoped message is seen by every run', () => {
    const index = new BusIndex();
    index.observe(started('run_a'));
    index.observe(started('run_b'));
    index.observe(posted('run_a', 'news', 'hello all', 'project'));
    expect(index.read(run('run_b'), 'news').map((m) => m.body)).toEqual(['hello all']);
  });

  it('next resolves with a message already there, or with the next one the run sees, or null when its agent resolves', async () => {
    const index = new BusIndex();
    index.observe(started('run_a'));
    index.observe(started('run_b'));
    const waiting = index.next(run('run_a'), 'work', -1, 'agent_9');
    index.observe(posted('run_b', 'work', 'not for run_a'));
    index.observe(posted('run_a', 'work', 'for run_a'));
    expect((await waiting)?.body).toBe('for run_a');
    expect((await index.next(run('run_a'), 'work', -1))?.body).toBe('for run_a');
    const abandoned = index.next(run('run_a'), 'quiet', -1, 'agent_9');
    index.observe(stored('agent.resolved', 'run_a', { agentId: 'agent_9' }));
    expect(await abandoned).toBeNull();
  });
});

describe('posting: each refusal is a sentence with a stable code, and writes nothing', () => {
  const refusal = (work: () => unknown): StudioError => {
    try {
      work();
    } catch (error) {
      if (error instanceof StudioError) return error;
      throw error;
    }
    throw new Error('it was not refused');
  };

  it('a topic that is not a slug', () => {
    const index = new BusIndex();
    for (const topic of ['Work Items', '', 'a//b', 'x'.repeat(81), 7]) {
      const error = refusal(() => planBusPost(index, { runId: run('r'), topic, body: 1, from: agent(1) }, host));
      expect(error.code).toBe('bus-invalid-topic');
      expect(error.message).toMatch(/is not a slug/);
    }
    expect(planBusPost(index, { runId: run('r'), topic: 'review/done-2', body: 1, from: agent(1) }, host).type).toBe(
      'bus.posted',
    );
  });

  it('a message over the size limit, and one that is not JSON', () => {
    const index = new BusIndex();
    const big = 'x'.repeat(BUS_LIMITS.maxMessageChars);
    const error = refusal(() => planBusPost(index, { runId: run('r'), topic: 't', body: big, from: agent(1) }, host));
    expect(error.code).toBe('bus-message-too-large');
    expect(error.message).toContain('at most 16,000');
    const circular: Record<string, unknown> = {};
    circular['self'] = circular;
    expect(
      refusal(() => planBusPost(index, { runId: run('r'), topic: 't', body: circular, from: agent(1) }, host)).code,
    ).toBe('bus-message-too-large');
  });

  it('a flood from one agent: more than the rate in one second is refused, another agent and a later second are not', () => {
    const index = new BusIndex();
    index.observe(started('r'));
    for (let i = 0; i < BUS_LIMITS.maxPostsPerSecond; i += 1)
      index.observe(posted('r', 't', i, 'tree', agent(1), 1_000 + i));
    const flood = refusal(() =>
      planBusPost(index, { runId: run('r'), topic: 't', body: 'one more', from: agent(1) }, { ...host, now: 1_500 }),
    );
    expect(flood.code).toBe('bus-rate-limited');
    expect(flood.message).toContain('“Agent 1” posted 20 messages in the last second');
    expect(
      planBusPost(index, { runId: run('r'), topic: 't', body: 'other agent', from: agent(2) }, { ...host, now: 1_500 })
        .type,
    ).toBe('bus.posted');
    expect(
      planBusPost(index, { runId: run('r'), topic: 't', body: 'later', from: agent(1) }, { ...host, now: 3_000 }).type,
    ).toBe('bus.posted');
  });
});

describe('claims: one winner per key and scope', () => {
  it('the first claim wins; later claims in the same tree lose and name the holder; another tree has its own', () => {
    const index = new BusIndex();
    index.observe(started('run_root'));
    index.observe(started('run_child', 'run_root'));
    index.observe(started('run_other'));
    const first = planBusClaim(index, { runId: run('run_root'), key: 'item-1', by: agent(1) });
    expect(first.won).toBe(true);
    index.observe(stored('bus.claimed', 'run_root', first.draft.data));
    const second = planBusClaim(index, { runId: run('run_child'), key: 'item-1', by: agent(2) });
    expect(second).toMatchObject({ won: false, holder: { name: 'Agent 1' } });
    expect(second.draft.data).toMatchObject({ won: false, key: 'item-1', holder: { agentId: 'agent_1' } });
    expect(planBusClaim(index, { runId: run('run_other'), key: 'item-1', by: agent(3) }).won).toBe(true);
    // The project scope is one for every run.
    const project = planBusClaim(index, { runId: run('run_other'), key: 'item-1', scope: 'project', by: agent(3) });
    index.observe(stored('bus.claimed', 'run_other', project.draft.data));
    expect(planBusClaim(index, { runId: run('run_root'), key: 'item-1', scope: 'project', by: agent(1) }).won).toBe(
      false,
    );
  });
});
