import { describe, expect, it } from 'vitest';
import { sha256 } from '../../runtime/sha256';
import type { AgentResult } from '../ports/ports';
import type { StoredEvent } from '../events/storedEvent';
import { TestStudio, emitAll } from '../testing/testStudio';

const behaviours = {
  /** Fails when its input says so: a failing run of the flow. */
  check: (task: { inputs: Record<string, unknown>; outputPorts: string[] }): AgentResult =>
    String(task.inputs.in).includes('bad')
      ? { ok: false, reason: 'it threw: bad input', logs: [], durationMs: 1 }
      : { ok: true, emitted: task.outputPorts.map((port) => ({ port, value: 'ok' })), logs: [], durationMs: 1 },
  echo: emitAll((i) => i.in),
};

async function setup() {
  const studio = await new TestStudio(sha256, behaviours).open();
  const flowId = await studio.do({ type: 'createFlow', name: 'Release' });
  const first = await studio.do({
    type: 'addStep',
    flowId,
    modelId: await studio.model('Check', ['in'], ['out'], 'check'),
    position: { x: 0, y: 0 },
  });
  const second = await studio.do({
    type: 'addStep',
    flowId,
    modelId: await studio.model('Ship', ['in'], ['out'], 'echo'),
    position: { x: 0, y: 0 },
  });
  await studio.do({
    type: 'connect',
    flowId,
    source: { stepId: first, port: 'out' },
    target: { stepId: second, port: 'in' },
  });
  const run = async (input: string) => {
    const runId = await studio.do({ type: 'startRun', flowId, input });
    await studio.conductor.whenIdle();
    return runId;
  };
  const rules = (alerts: Record<string, unknown>) =>
    studio.do({ type: 'saveAlerts', source: JSON.stringify({ alerts }) });
  return { studio, flowId, run, rules, first, second };
}

const ofType = <T extends StoredEvent['type']>(events: StoredEvent[], type: T) =>
  events.filter((e): e is Extract<StoredEvent, { type: T }> => e.type === type);

describe('alert rules on the virtual clock', () => {
  it('an error-rate rule fires after failing runs and resolves after passing ones, naming the run that tipped it', async () => {
    const { studio, run, rules } = await setup();
    await rules({ highErrorRate: { when: 'error_rate > 50% over 1h', action: 'notify' } });
    await run('fine');
    expect(ofType(studio.events, 'alert.fired')).toHaveLength(0);
    const failing = await run('bad');
    await run('bad');
    const fired = ofType(studio.events, 'alert.fired');
    expect(fired).toHaveLength(1);
    // 1 of 2 is 50%, not over it: the second failing run (2 of 3) tipped it.
    expect(fired[0]?.data).toMatchObject({
      rule: 'highErrorRate',
      value: 200 / 3,
      threshold: 50,
      unit: '%',
      action: 'notify',
    });
    expect(fired[0]?.data.causeRunId).not.toBe(failing);
    const tipped = studio.events.find((e) => e.seq === fired[0]?.data.causeSeq);
    expect(tipped?.type).toBe('run.finished');
    // 2 of 4 is 50%: no longer over it.
    await run('fine');
    const resolved = ofType(studio.events, 'alert.resolved');
    expect(resolved).toHaveLength(1);
    expect(resolved[0]?.data).toMatchObject({ alertId: fired[0]?.data.alertId, value: 50, reason: 'cleared' });
    expect(resolved[0]?.data.causeRunId).toBe(studio.runs.order.at(-1));
  });

  it('resolves when the failures leave the window as the clock moves on, and asks to be woken then', async () => {
    const { studio, run, rules } = await setup();
    await rules({ failures: { when: 'failure_rate >= 100% over 5m' } });
    await run('bad');
    expect(ofType(studio.events, 'alert.fired')).toHaveLength(1);
    const firedAt = ofType(studio.events, 'run.finished')[0]?.ts ?? 0;
    expect(studio.wakes).toContain(firedAt + 300_000);
    await studio.advanceAndSettle(299_000);
    expect(ofType(studio.events, 'alert.resolved')).toHaveLength(0);
    await studio.advanceAndSettle(2_000);
    expect(ofType(studio.events, 'alert.resolved')[0]?.data).toMatchObject({
      rule: 'failures',
      value: 0,
      reason: 'cleared',
    });
  });

  it('counts agent failures in a window, and the virtual clock (advanceClock) moves the window too', async () => {
    const { studio, run, rules } = await setup();
    await rules({ agentFailure: { when: 'agent failures > 2 in 10m' } });
    await run('bad');
    await run('bad');
    expect(ofType(studio.events, 'alert.fired')).toHaveLength(0);
    await run('bad');
    expect(ofType(studio.events, 'alert.fired')[0]?.data).toMatchObject({ value: 3, threshold: 2, unit: 'count' });
    await studio.do({ type: 'advanceClock', byMs: 600_000 });
    await studio.conductor.whenIdle();
    expect(ofType(studio.events, 'alert.resolved')).toHaveLength(1);
  });

  it('a rule scoped to another flow ignores this one; a rule saved later still sees the last day', async () => {
    const { studio, run, rules } = await setup();
    await studio.do({ type: 'createFlow', name: 'Other' });
    await run('bad');
    await rules({
      other: { when: 'failure_rate > 0% over 1h', flow: 'Other' },
      here: { when: 'failure_rate > 0% over 1h', flow: 'Release' },
    });
    expect(ofType(studio.events, 'alert.fired').map((e) => e.data.rule)).toEqual(['here']);
  });

  it('throttle: while it fires, a new run of the flow waits for a person before its first step; releasing it lets it run', async () => {
    const { studio, run, rules } = await setup();
    await rules({ stop: { when: 'failure_rate > 0% over 1h', action: 'throttle' } });
    await run('bad');
    const agentsBefore = studio.agents.tasks.length;
    const held = await run('fine');
    expect(ofType(studio.events, 'run.held')[0]).toMatchObject({
      runId: held,
      data: { rule: 'stop', action: 'throttle' },
    });
    expect(studio.agents.tasks.length).toBe(agentsBefore);
    expect(studio.runs.runs.get(held as never)?.status).toBe('running');
    await studio.do({ type: 'releaseRun', runId: held, notes: 'checked' });
    await studio.conductor.whenIdle();
    expect(studio.runs.runs.get(held as never)?.status).toBe('succeeded');
    const again = await studio.try({ type: 'releaseRun', runId: held });
    expect(again.ok).toBe(false);
  });

  it('review: a run going too long pauses before its next step until a person lets it go on', async () => {
    const studio = await new TestStudio(sha256, behaviours).open();
    const flowId = await studio.do({ type: 'createFlow', name: 'Slow' });
    const person = await studio.define({
      kind: 'human',
      name: 'Sign-off',
      inputs: [{ name: 'in', type: 'any' }],
      outputs: [{ name: 'out', type: 'text' }],
      instructions: 'Write',
    });
    const a = await studio.do({ type: 'addStep', flowId, modelId: person, position: { x: 0, y: 0 } });
    const b = await studio.do({
      type: 'addStep',
      flowId,
      modelId: await studio.model('Ship', ['in'], ['out'], 'echo'),
      position: { x: 0, y: 0 },
    });
    await studio.do({ type: 'connect', flowId, source: { stepId: a, port: 'out' }, target: { stepId: b, port: 'in' } });
    await studio.do({
      type: 'saveAlerts',
      source: '{ "alerts": { "longRun": { "when": "run duration > 20m", "action": "review", "flow": "Slow" } } }',
    });
    const runId = await studio.do({ type: 'startRun', flowId, input: 'x' });
    await studio.conductor.whenIdle();
    await studio.advanceAndSettle(19 * 60_000);
    expect(ofType(studio.events, 'alert.fired')).toHaveLength(0);
    await studio.advanceAndSettle(2 * 60_000);
    expect(ofType(studio.events, 'alert.fired')[0]?.data).toMatchObject({
      rule: 'longRun',
      unit: 'ms',
      threshold: 1_200_000,
      causeRunId: runId,
    });
    expect(ofType(studio.events, 'run.held')[0]).toMatchObject({ runId, data: { action: 'review' } });
    const ask = studio.runs.runs.get(runId as never)?.steps.get(a as never)?.asks[0];
    await studio.do({
      type: 'answerAsk',
      runId,
      askId: ask?.askId as string,
      decision: 'provide',
      outputs: { out: 'signed' },
    });
    await studio.conductor.whenIdle();
    // The person's answer is in, but the next step waits for the review.
    expect(studio.runs.runs.get(runId as never)?.steps.get(b as never)?.status).not.toBe('done');
    expect(studio.agents.tasks.some((t) => t.code === 'echo')).toBe(false);
    await studio.do({ type: 'releaseRun', runId });
    await studio.conductor.whenIdle();
    expect(studio.runs.runs.get(runId as never)?.status).toBe('succeeded');
    // Finished: nothing runs any more, so the alert resolves, and the released run is not held again.
    await studio.advanceAndSettle(1_000);
    expect(ofType(studio.events, 'alert.resolved')).toHaveLength(1);
    expect(ofType(studio.events, 'run.held')).toHaveLength(1);
  });

  it('a reopened project continues where the log left it: a firing alert does not fire twice', async () => {
    const { studio, run, rules } = await setup();
    await rules({ failures: { when: 'failure_rate > 0% over 1h' } });
    await run('bad');
    const reopened = await studio.reopen(behaviours);
    await reopened.conductor.tick();
    await reopened.conductor.whenIdle();
    expect(ofType(reopened.events, 'alert.fired')).toHaveLength(1);
    expect(ofType(reopened.events, 'alert.resolved')).toHaveLength(0);
  });

  it('editing a rule resolves its alert and lets the new rule decide', async () => {
    const { studio, run, rules } = await setup();
    await rules({ failures: { when: 'failure_rate > 0% over 1h' } });
    await run('bad');
    await rules({ failures: { when: 'failure_rate > 90% over 1h' } });
    const resolved = ofType(studio.events, 'alert.resolved');
    expect(resolved[0]?.data.reason).toBe('rule-changed');
    expect(ofType(studio.events, 'alert.fired')).toHaveLength(2);
  });

  it('a rule that cannot be parsed is refused with its path and line, and nothing changes', async () => {
    const { studio, rules } = await setup();
    await rules({ ok: { when: 'error_rate > 5% over 5m' } });
    const before = studio.events.length;
    const source = '{\n  "alerts": {\n    "broken": {\n      "when": "error_rate > 5 over 5m"\n    }\n  }\n}';
    const refused = await studio.try({ type: 'saveAlerts', source });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.message).toContain(
      'At alerts.broken.when (line 4): error_rate is a percentage: write it with %',
    );
    expect(studio.events.length).toBe(before);
    expect(studio.definitions.alerts?.document.alerts).toHaveProperty('ok');
    const unknownFlow = await studio.try({
      type: 'saveAlerts',
      source: '{ "alerts": { "x": { "when": "run_duration > 1m", "flow": "Nope" } } }',
    });
    expect(unknownFlow.ok ? '' : unknownFlow.error.message).toContain(
      'At alerts.x.flow (line 1): no flow is called “Nope”',
    );
  });
});
