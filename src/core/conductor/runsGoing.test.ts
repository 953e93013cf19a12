import { describe, expect, it } from 'vitest';
import { sha256 } from '../../runtime/sha256';
import type { ScriptedBehaviour } from '../testing/memoryPorts';
import { emitAll, TestStudio } from '../testing/testStudio';

/** B's agents work until the test lets them answer; A answers at once. */
function heldB() {
  let letBAnswer = (): void => undefined;
  const answered = new Promise<void>((resolve) => (letBAnswer = resolve));
  const b: ScriptedBehaviour = async (task, host) => {
    await answered;
    return emitAll((i) => `b(${String(i.in)})`)(task, host);
  };
  return { behaviours: { a: emitAll((i) => `a(${String(i.in)})`), b }, letBAnswer: () => letBAnswer() };
}

async function chain(studio: TestStudio): Promise<string> {
  const a = await studio.model('A', ['in'], ['out'], 'a');
  const b = await studio.model('B', ['in'], ['out'], 'b');
  const flowId = await studio.do({ type: 'createFlow', name: 'Chain' });
  const stepA = await studio.do({ type: 'addStep', flowId, modelId: a, position: { x: 0, y: 0 } });
  const stepB = await studio.do({ type: 'addStep', flowId, modelId: b, position: { x: 300, y: 0 } });
  await studio.do({
    type: 'connect',
    flowId,
    source: { stepId: stepA, port: 'out' },
    target: { stepId: stepB, port: 'in' },
  });
  return flowId;
}

describe('the conductor says which runs are going', () => {
  it('lists runs from their start to their end: a stopped one leaves, a resumed one comes back, a finished one leaves', async () => {
    const { behaviours, letBAnswer } = heldB();
    const studio = await new TestStudio(sha256, behaviours).open();
    const flowId = await chain(studio);
    expect(studio.conductor.runsGoing()).toEqual([]);

    const kept = await studio.do({ type: 'startRun', flowId, input: 'kept' });
    const stopped = await studio.do({ type: 'startRun', flowId, input: 'stopped' });
    await expect.poll(() => studio.agents.tasks.filter((t) => t.code === 'b').length).toBe(2);
    expect([...studio.conductor.runsGoing()].sort()).toEqual([kept, stopped].sort());

    await studio.do({ type: 'stopRun', runId: stopped });
    expect(studio.conductor.runsGoing()).toEqual([kept]);
    await studio.do({ type: 'resumeRun', runId: stopped });
    expect([...studio.conductor.runsGoing()].sort()).toEqual([kept, stopped].sort());

    letBAnswer();
    await studio.conductor.whenIdle();
    expect(
      studio.events
        .filter((e) => e.type === 'run.finished' && e.data.status === 'succeeded')
        .map((e) => e.runId)
        .sort(),
    ).toEqual([kept, stopped].sort());
    expect(studio.conductor.runsGoing()).toEqual([]);
  });

  it('knows them again from the log alone when another conductor takes the log over', async () => {
    const first = heldB();
    const studio = await new TestStudio(sha256, first.behaviours).open();
    const flowId = await chain(studio);
    const runId = await studio.do({ type: 'startRun', flowId, input: 'x' });
    await expect.poll(() => studio.agents.tasks.length).toBe(2);

    // The runner's failover: a new driver's conductor opens the same log and continues the run.
    const second = heldB();
    const next = await studio.reopen(second.behaviours, 'takeover');
    expect(next.conductor.runsGoing()).toEqual([runId]);
    second.letBAnswer();
    await next.conductor.whenIdle();
    expect(next.conductor.runsGoing()).toEqual([]);
    first.letBAnswer();
  });
});
