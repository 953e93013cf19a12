import { describe, expect, it } from 'vitest';
import { sha256 } from '../../runtime/sha256';
import { RUN_STOPPED_REASON, type RunState } from '../run/runState';
import type { ScriptedBehaviour } from '../testing/memoryPorts';
import { emitAll, TestStudio } from '../testing/testStudio';

const emitB = emitAll((i) => `b(${String(i.in)})`);

/** A answers at once; B's first agent works until the test lets it answer. */
function behaviours() {
  let letBAnswer = (): void => undefined;
  const answered = new Promise<void>((resolve) => (letBAnswer = resolve));
  let first = true;
  const b: ScriptedBehaviour = async (task, host) => {
    if (first) {
      first = false;
      await answered;
    }
    return emitB(task, host);
  };
  return { behaviours: { a: emitAll((i) => `a(${String(i.in)})`), b }, letBAnswer: () => letBAnswer() };
}

/** A → B, with B's agent held at work when the run is stopped. */
async function stoppedAtB() {
  const { behaviours: scripted, letBAnswer } = behaviours();
  const studio = await new TestStudio(sha256, scripted).open();
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
  const runId = await studio.do({ type: 'startRun', flowId, input: 'x' });
  await expect.poll(() => studio.agents.tasks.length).toBe(2);
  await studio.do({ type: 'stopRun', runId });
  return { studio, runId, stepA, stepB, letBAnswer };
}

describe('stopping a run', () => {
  it('interrupts it at once; what its agent still sends is not written; Resume runs only what had not finished', async () => {
    const { studio, runId, stepA, stepB, letBAnswer } = await stoppedAtB();
    const finishedAt = studio.events.findIndex((e) => e.runId === runId && e.type === 'run.finished');
    expect(studio.events[finishedAt]?.data).toEqual({ status: 'interrupted', reason: RUN_STOPPED_REASON });

    // B's agent finishes after the stop: nothing of it reaches the log.
    letBAnswer();
    await studio.conductor.whenIdle();
    expect(studio.events.slice(finishedAt + 1).filter((e) => e.runId === runId)).toEqual([]);
    const stopped = studio.runs.runs.get(runId as never) as RunState;
    expect(stopped.status).toBe('interrupted');
    expect(stopped.steps.get(stepA as never)?.status).toBe('done');
    expect(stopped.steps.get(stepB as never)?.status).toBe('waiting');
    expect(stopped.steps.get(stepB as never)?.attempts.map((t) => [t.outcome, t.reason])).toEqual([
      ['abandoned', 'It was stopped with the run.'],
    ]);

    await studio.do({ type: 'resumeRun', runId });
    await studio.conductor.whenIdle();
    const resumed = studio.runs.runs.get(runId as never) as RunState;
    expect(resumed.status).toBe('succeeded');
    // A ran once; B twice (the stopped agent, then its successor).
    expect(studio.agents.tasks.map((t) => t.code)).toEqual(['a', 'b', 'b']);
  });

  it('refuses a run that is not going, with what to do', async () => {
    const { studio, runId, letBAnswer } = await stoppedAtB();
    const again = await studio.try({ type: 'stopRun', runId });
    expect(again.ok).toBe(false);
    if (!again.ok)
      expect(`${again.error.message} ${again.error.hint}`).toBe(
        'That run is not going, so there is nothing to stop. It is already interrupted: resume it to finish it.',
      );
    letBAnswer();
  });
});
