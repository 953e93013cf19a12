import { describe, expect, it } from 'vitest';
import { sha256 } from '../../runtime/sha256';
import { verifyChain } from '../events/hashChain';
import type { AgentBusReply, AgentBusRequest, AgentResult, AgentTask, HostReply } from '../ports/ports';
import { TestStudio } from '../testing/testStudio';
import type { ScriptedBehaviour } from '../testing/memoryPorts';
import { foldBusView, emptyBusView } from './busView';
import { messageBusMarkdown } from './messageBusMarkdown';

const done = (port: string, value: unknown): AgentResult => ({
  ok: true,
  emitted: [{ port, value }],
  logs: [],
  durationMs: 1,
});

/** A scripted agent that uses ctx.bus through the conductor's host, as model code does through ctx. */
const withBus =
  (work: (bus: BusCall, task: AgentTask) => Promise<unknown>): ScriptedBehaviour =>
  async (task, host) => {
    const bus = host?.bus?.bind(host);
    if (!bus) return { ok: false, reason: 'no bus', logs: [], durationMs: 0 };
    return done(task.outputPorts[0] ?? 'out', await work(bus, task));
  };
type BusCall = (request: AgentBusRequest) => Promise<HostReply<AgentBusReply>>;

/** Two steps side by side on the run's input: no edge between them. */
async function twoBranches(studio: TestStudio, left: string, right: string) {
  const a = await studio.model('Producer', ['x'], ['out'], left);
  const b = await studio.model('Worker', ['x'], ['out'], right);
  const flowId = await studio.do({ type: 'createFlow', name: 'Coordinate' });
  await studio.do({ type: 'addStep', flowId, modelId: a, position: { x: 0, y: 0 } });
  await studio.do({ type: 'addStep', flowId, modelId: b, position: { x: 0, y: 100 } });
  return flowId;
}

describe('ctx.bus through the conductor', () => {
  it('one agent posts work items, another waits for each with next and a cursor: both finish, in log order', async () => {
    const studio = await new TestStudio(sha256, {
      produce: withBus(async (bus) => {
        for (const item of [1, 2, 3]) {
          const reply = await bus({ op: 'post', topic: 'work-items', message: { item } });
          if (!reply.ok) throw new Error(reply.message);
        }
        return 'posted';
      }),
      consume: withBus(async (bus) => {
        const taken: unknown[] = [];
        let since = -1;
        while (taken.length < 3) {
          const reply = await bus({ op: 'next', topic: 'work-items', since });
          if (!reply.ok || !('next' in reply.value) || !reply.value.next) throw new Error('no message');
          taken.push(reply.value.next.body);
          since = reply.value.next.seq;
        }
        return taken;
      }),
    }).open();
    const flowId = await twoBranches(studio, 'produce', 'consume');
    const runId = await studio.do({ type: 'startRun', flowId, input: 'go' });
    await studio.conductor.whenIdle();
    expect(studio.runs.runs.get(runId as never)?.status).toBe('succeeded');
    const posts = studio.events.filter((e) => e.type === 'bus.posted');
    expect(posts.map((e) => (e.type === 'bus.posted' ? e.data.body : null))).toEqual([
      { item: 1 },
      { item: 2 },
      { item: 3 },
    ]);
    expect(posts.every((e) => e.runId === runId && e.type === 'bus.posted' && e.data.from.name === 'Producer')).toBe(
      true,
    );
    const worker = studio.events.find(
      (e) => e.type === 'artifact.produced' && e.data.port === 'out' && e.seq > (posts[2]?.seq ?? 0),
    );
    expect(worker).toBeDefined();
    expect((await verifyChain(studio.events, sha256)).ok).toBe(true);
  });

  it('two agents claiming one key at once: one winner, and the log says who holds it', async () => {
    const claim = withBus(async (bus) => {
      const reply = await bus({ op: 'claim', key: 'item-7' });
      if (!reply.ok || !('claim' in reply.value)) throw new Error('no claim');
      return reply.value.claim;
    });
    const studio = await new TestStudio(sha256, { a: claim, b: claim }).open();
    const flowId = await twoBranches(studio, 'a', 'b');
    await studio.do({ type: 'startRun', flowId, input: 'go' });
    await studio.conductor.whenIdle();
    const claims = studio.events.flatMap((e) => (e.type === 'bus.claimed' ? [e.data] : []));
    expect(claims.map((c) => c.won)).toEqual([true, false]);
    expect(claims[1]?.holder).toEqual(claims[0]?.by);
    const outputs = studio.events.flatMap((e) => (e.type === 'artifact.produced' ? [e.data.artifact.hash] : []));
    expect(new Set(outputs).size).toBe(2);
  });

  it('a refused post is the bus’s sentence to the agent, and nothing is written', async () => {
    let said = '';
    const studio = await new TestStudio(sha256, {
      bad: withBus(async (bus) => {
        const reply = await bus({ op: 'post', topic: 'Not A Slug', message: 'hi' });
        said = reply.ok ? '' : reply.message;
        return said;
      }),
      idle: withBus(() => Promise.resolve('idle')),
    }).open();
    const flowId = await twoBranches(studio, 'bad', 'idle');
    await studio.do({ type: 'startRun', flowId, input: 'go' });
    await studio.conductor.whenIdle();
    expect(said).toMatch(/^The topic “Not A Slug” is not a slug.*Nothing was posted\.$/);
    expect(studio.events.some((e) => e.type === 'bus.posted')).toBe(false);
  });

  it('replays: a reopened studio reads the same messages and keeps the claims; the page view and MESSAGE-BUS.md come from the log', async () => {
    const behaviours = {
      post: withBus(async (bus) => {
        await bus({ op: 'post', topic: 'notes', message: 'first\nline' });
        await bus({ op: 'claim', key: 'lead', scope: 'project' });
        return 'ok';
      }),
      read: withBus(async (bus) => {
        const reply = await bus({ op: 'read', topic: 'notes' });
        return reply.ok && 'messages' in reply.value ? reply.value.messages.length : -1;
      }),
    };
    const studio = await new TestStudio(sha256, behaviours).open();
    const flowId = await twoBranches(studio, 'post', 'read');
    const runId = await studio.do({ type: 'startRun', flowId, input: 'go' });
    await studio.conductor.whenIdle();
    const reopened = await studio.reopen(behaviours);
    // A second run in the reopened studio: the project-scoped claim is held from before, so it loses.
    const again = await reopened.do({ type: 'startRun', flowId, input: 'again' });
    await reopened.conductor.whenIdle();
    const claims = reopened.events.flatMap((e) => (e.type === 'bus.claimed' ? [e.data.won] : []));
    expect(claims).toEqual([true, false]);
    const view = foldBusView(emptyBusView, reopened.events);
    expect(view.messages.map((m) => [m.runId, m.text])).toEqual([
      [runId, 'first\nline'],
      [again, 'first\nline'],
    ]);
    expect(view.perRun.get(runId as never)?.count).toBe(1);
    const md = messageBusMarkdown(view.messages, {
      run: (m) => (m.runId === runId ? 'Coordinate #1' : 'Coordinate #2'),
      time: (ts) => `t=${ts}`,
    });
    expect(md.split('\n').filter((l) => l.includes('→'))).toEqual([
      't=1000 [Coordinate #1] Producer → notes: first\\nline',
      't=1000 [Coordinate #2] Producer → notes: first\\nline',
    ]);
  });

  it('a person posts into a going run with postToBus; a finished run is refused with a sentence', async () => {
    const studio = await new TestStudio(sha256, {
      wait: withBus(async (bus) => {
        const reply = await bus({ op: 'next', topic: 'go-ahead' });
        return reply.ok && 'next' in reply.value ? reply.value.next?.body : null;
      }),
      idle: withBus(() => Promise.resolve('idle')),
    }).open();
    const flowId = await twoBranches(studio, 'wait', 'idle');
    const runId = await studio.do({ type: 'startRun', flowId, input: 'go' });
    await studio.do({ type: 'postToBus', runId, topic: 'go-ahead', message: { ok: true } });
    await studio.conductor.whenIdle();
    expect(studio.runs.runs.get(runId as never)?.status).toBe('succeeded');
    const post = studio.events.find((e) => e.type === 'bus.posted');
    expect(post?.type === 'bus.posted' && post.data.from).toEqual({ kind: 'person', name: 'You' });
    const late = await studio.try({ type: 'postToBus', runId, topic: 'go-ahead', message: 'late' });
    expect(late).toMatchObject({ ok: false, error: { code: 'not-found' } });
    const bad = await studio.try({ type: 'postToBus', runId, topic: 'Bad Topic', message: 'x' });
    expect(bad.ok).toBe(false);
  });
});
