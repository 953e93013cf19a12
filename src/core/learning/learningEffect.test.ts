import { describe, expect, it } from 'vitest';
import { sha256 } from '../../runtime/sha256';
import { TestStudio } from '../testing/testStudio';
import { describeEffect, LearningEffectFold } from './learningEffect';

const usd = (n: number) => `$${n.toFixed(2)}`;

describe('whether learning helped: runs before and with learning', () => {
  it('counts fixed-order runs and learned runs apart, with success, cost and calls, per flow', async () => {
    const studio = await new TestStudio(sha256, {
      down: () => ({ ok: false, reason: 'down', logs: [], durationMs: 5, errorClass: 'server' }),
      up: (task) => ({
        ok: true,
        emitted: task.outputPorts.map((port) => ({ port, value: 'ok' })),
        logs: [],
        durationMs: 5,
      }),
    }).open();
    const down = await studio.model('Down', ['in'], ['out'], 'down');
    const up = await studio.model('Up', ['in'], ['out'], 'up');
    const flowId = await studio.do({ type: 'createFlow', name: 'F' });
    const stepId = await studio.do({ type: 'addStep', flowId, modelId: down, label: 'S', position: { x: 0, y: 0 } });
    await studio.do({ type: 'configureStep', flowId, stepId, settings: { fallbacks: [up] } });
    const run = async () => {
      await studio.do({ type: 'startRun', flowId, input: 'x' });
      await studio.conductor.whenIdle();
    };
    for (let i = 0; i < 4; i++) await run();
    await studio.do({ type: 'savePolicies', source: '{ "project": { "learning": { "fallbackOrder": "thompson" } } }' });
    for (let i = 0; i < 3; i++) await run();

    const fold = new LearningEffectFold();
    for (const e of studio.events) fold.observe(e);
    const effect = fold.effect(flowId);
    // Fixed: Down fails, then Up: two calls a run. Learned from 4 failures and 4 successes: Up first, one call.
    expect(effect.fixed).toEqual({ runs: 4, succeeded: 4, costUsd: 0, calls: 8 });
    expect(effect.learned.runs).toBe(3);
    expect(effect.learned.calls).toBeLessThan(6);
    expect(effect.learningSince).toBeGreaterThan(0);
    expect(fold.effect('flow_other')).toEqual({
      fixed: { runs: 0, succeeded: 0, costUsd: 0, calls: 0 },
      learned: { runs: 0, succeeded: 0, costUsd: 0, calls: 0 },
    });
    expect(describeEffect(effect, usd)).toMatch(
      /^With learning: success 100% → 100%, cost a run \$0\.00 → \$0\.00, model calls a run 2\.0 → 1\.\d\.$/,
    );
    expect(describeEffect(fold.effect('flow_other'), usd)).toBeUndefined();
  });
});
