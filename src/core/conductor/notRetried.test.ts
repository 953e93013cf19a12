import { describe, expect, it } from 'vitest';
import { sha256 } from '../../runtime/sha256';
import { retrySchema } from '../flow/stepSettings';
import { TestStudio } from '../testing/testStudio';
import type { AgentResult } from './ports';
import type { RunState } from '../run/runState';
import { notRetriedNote } from './stepResilience';

const throwing = (): Promise<AgentResult> =>
  Promise.resolve({ ok: false, reason: 'The script threw: boom', logs: [], durationMs: 1, errorClass: 'script-error' });

describe('a retry that does not apply says why', () => {
  const retry = retrySchema.parse({ maxAttempts: 3 });

  it('names the class and how to retry it; nothing when a retry followed or none was left', () => {
    expect(notRetriedNote(retry, 1, 'script-error')).toBe(
      'Not retried: “script-error” failures are not in retry.on (timeout, rate-limit, server, network). Add "script-error" to retry.on in the step settings to retry them.',
    );
    expect(notRetriedNote(retry, 1, 'server')).toBeUndefined();
    expect(notRetriedNote(retry, 3, 'script-error')).toBeUndefined();
    expect(notRetriedNote(undefined, 1, 'script-error')).toBeUndefined();
    expect(notRetriedNote(retry, 1, 'budget')).toContain('never retried');
  });

  it('a throwing script is retried once the settings name “script-error”', async () => {
    const studio = await new TestStudio(sha256, { throwing }).open();
    const flowId = await studio.do({ type: 'createFlow', name: 'Main' });
    const stepId = await studio.do({
      type: 'addStep',
      flowId,
      modelId: await studio.model('Thrower', ['in'], ['out'], 'throwing'),
      position: { x: 0, y: 0 },
    });
    await studio.do({
      type: 'configureStep',
      flowId,
      stepId,
      settings: { retry: { maxAttempts: 2, backoff: 'fixed', baseMs: 0, on: ['script-error'] } },
    });
    const runId = await studio.do({ type: 'startRun', flowId, input: 'x' });
    await studio.conductor.whenIdle();
    await studio.advanceAndSettle(0);
    const done = studio.runs.runs.get(runId as never) as RunState;
    expect(done.steps.get(stepId as never)?.attempts.map((a) => [a.attempt, a.outcome, a.errorClass])).toEqual([
      [1, 'failed', 'script-error'],
      [2, 'failed', 'script-error'],
    ]);
  });
});
