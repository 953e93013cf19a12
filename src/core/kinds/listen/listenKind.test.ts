import { describe, expect, it } from 'vitest';
import { sha256 } from '../../../runtime/sha256';
import { TestStudio, emitAll } from '../../testing/testStudio';
import type { ScriptedBehaviour } from '../../testing/memoryPorts';
import { explain } from '../../explain/explain';

/** An agent that posts each of `items` on work-items through its ctx.bus, then emits "posted". */
const poster =
  (items: unknown[]): ScriptedBehaviour =>
  async (task, host) => {
    for (const item of items) {
      const reply = await host?.bus?.({ op: 'post', topic: 'work-items', message: item });
      if (!reply?.ok) return { ok: false, reason: reply?.message ?? 'no bus', logs: [], durationMs: 0 };
    }
    return { ok: true, emitted: [{ port: task.outputPorts[0] ?? 'out', value: 'posted' }], logs: [], durationMs: 1 };
  };

const listenDefinition = (filter: string, take = 1) => ({
  kind: 'listen',
  name: 'Take work',
  inputs: [],
  outputs: [{ name: 'message', type: 'json' }],
  topic: 'work-items',
  filter,
  take,
});

/** Producer (posts) ∥ Listen → Worker: the worker's only way to its work is the bus. */
async function coordination(studio: TestStudio, filter: string, take = 1) {
  const producer = await studio.model('Producer', ['x'], ['done'], 'produce');
  const listen = await studio.define(listenDefinition(filter, take));
  const worker = await studio.model('Worker', ['message'], ['result'], 'work');
  const flowId = await studio.do({ type: 'createFlow', name: 'Coordinate' });
  const add = (modelId: string) => studio.do({ type: 'addStep', flowId, modelId, position: { x: 0, y: 0 } });
  await add(producer);
  const listenStep = await add(listen);
  const workerStep = await add(worker);
  await studio.do({
    type: 'connect',
    flowId,
    source: { stepId: listenStep, port: 'message' },
    target: { stepId: workerStep, port: 'message' },
  });
  return { flowId, listenStep };
}

const worked: ScriptedBehaviour = emitAll((inputs) => ({ took: inputs.message }));

describe('listen steps: due when a message they filter for arrives', () => {
  it('takes the first message its filter passes, cites it in bus.heard, and hands it to the next step', async () => {
    const studio = await new TestStudio(sha256, {
      produce: poster([{ item: 1 }, { item: 2 }, { item: 3 }]),
      work: worked,
    }).open();
    const { flowId, listenStep } = await coordination(studio, 'message.item >= 2');
    const runId = await studio.do({ type: 'startRun', flowId, input: 'go' });
    await studio.conductor.whenIdle();
    const run = studio.runs.runs.get(runId as never);
    expect(run?.status).toBe('succeeded');
    const posts = studio.events.filter((e) => e.type === 'bus.posted');
    const heard = studio.events.find((e) => e.type === 'bus.heard');
    expect(heard?.type === 'bus.heard' && heard.data).toEqual({
      stepId: listenStep,
      topic: 'work-items',
      messages: [{ seq: posts[1]?.seq, messageId: posts[1]?.type === 'bus.posted' ? posts[1].data.messageId : '' }],
    });
    const workerTask = studio.agents.tasks.find((t) => t.code === 'work');
    expect(workerTask?.inputs).toEqual({ message: { item: 2 } });
    expect(studio.events.filter((e) => e.type === 'bus.heard')).toHaveLength(1);
    // Explain cites the message that made the step due, at its own event.
    const why = explain(studio.events, { kind: 'step', runId, stepId: listenStep });
    const cited = why.lines.find((l) => l.seq === posts[1]?.seq);
    expect(cited?.text).toBe('“Producer” posted “{"item":2}” on the bus topic “work-items”.');
    expect(why.lines.some((l) => l.text.includes('became due when it heard that message'))).toBe(true);
  });

  it('take: several messages arrive as one list, in log order; a run that never hears them keeps waiting', async () => {
    const studio = await new TestStudio(sha256, { produce: poster([{ item: 1 }, { item: 2 }]), work: worked }).open();
    const { flowId } = await coordination(studio, 'true', 3);
    const runId = await studio.do({ type: 'startRun', flowId, input: 'go' });
    await studio.conductor.whenIdle();
    expect(studio.runs.runs.get(runId as never)?.status).toBe('running');
    expect(studio.events.some((e) => e.type === 'bus.heard')).toBe(false);
    // A person posts the third: the step hears all three and the run finishes.
    await studio.do({ type: 'postToBus', runId, topic: 'work-items', message: { item: 3 } });
    await studio.conductor.whenIdle();
    expect(studio.runs.runs.get(runId as never)?.status).toBe('succeeded');
    expect(studio.agents.tasks.find((t) => t.code === 'work')?.inputs).toEqual({
      message: [{ item: 1 }, { item: 2 }, { item: 3 }],
    });
  });

  it('replays: a studio reopened while a listen step waits hears the next message once, and what it heard before stays heard', async () => {
    const behaviours = { produce: poster([{ item: 1 }]), work: worked };
    const studio = await new TestStudio(sha256, behaviours).open();
    const { flowId } = await coordination(studio, 'message.item == 5');
    const runId = await studio.do({ type: 'startRun', flowId, input: 'go' });
    await studio.conductor.whenIdle();
    const reopened = await studio.reopen(behaviours);
    expect(reopened.runs.runs.get(runId as never)?.status).toBe('running');
    await reopened.do({ type: 'postToBus', runId, topic: 'work-items', message: { item: 5 } });
    await reopened.conductor.whenIdle();
    expect(reopened.runs.runs.get(runId as never)?.status).toBe('succeeded');
    expect(reopened.events.filter((e) => e.type === 'bus.heard')).toHaveLength(1);
    const again = await reopened.reopen(behaviours);
    await again.conductor.whenIdle();
    expect(again.events.filter((e) => e.type === 'bus.heard')).toHaveLength(1);
    expect(again.events.length).toBe(reopened.events.length);
  });

  it('a filter that does not compile is refused with a sentence and a stable code; nothing is saved', async () => {
    const studio = await new TestStudio(sha256, {}).open();
    const before = studio.events.length;
    const result = await studio.try({
      type: 'saveModelDefinition',
      definition: listenDefinition('message.item >>> 2'),
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'listen-filter-invalid' } });
    expect(!result.ok && result.error.message).toMatch(
      /^Its filter “message\.item >>> 2” is not a valid CEL condition/,
    );
    const badTopic = await studio.try({
      type: 'saveModelDefinition',
      definition: { ...listenDefinition('true'), topic: 'Work Items' },
    });
    expect(badTopic.ok).toBe(false);
    expect(studio.events.length).toBe(before);
  });
});
