import { describe, expect, it } from 'vitest';
import { sha256 } from '../../runtime/sha256';
import { TestStudio } from '../testing/testStudio';
import { emptyAlertsView, firingAlerts, foldAlertsView } from './alertsView';

describe('the alerts view the page folds', () => {
  it('lists alerts as they fire and resolve, and the runs they hold until released', async () => {
    const studio = await new TestStudio(sha256, {
      fail: () => ({ ok: false, reason: 'boom', logs: [], durationMs: 1 }),
    }).open();
    const flowId = await studio.do({ type: 'createFlow', name: 'Flow' });
    await studio.do({
      type: 'addStep',
      flowId,
      modelId: await studio.model('Fail', ['in'], ['out'], 'fail'),
      position: { x: 0, y: 0 },
    });
    await studio.do({
      type: 'saveAlerts',
      source: '{ "alerts": { "failing": { "when": "failure_rate > 0% over 5m", "action": "throttle" } } }',
    });
    await studio.do({ type: 'startRun', flowId, input: 'x' });
    await studio.conductor.whenIdle();
    const held = await studio.do({ type: 'startRun', flowId, input: 'y' });
    const view = studio.events.reduce(foldAlertsView, emptyAlertsView);
    expect(firingAlerts(view).map((a) => [a.rule, a.value, a.unit])).toEqual([['failing', 100, '%']]);
    expect(view.held.get(held as never)).toMatchObject({ rule: 'failing', action: 'throttle' });
    await studio.do({ type: 'releaseRun', runId: held });
    await studio.conductor.whenIdle();
    await studio.advanceAndSettle(300_001);
    const after = studio.events.reduce(foldAlertsView, emptyAlertsView);
    expect(after.held.size).toBe(0);
    expect(firingAlerts(after)).toEqual([]);
    expect(after.alerts[0]?.resolved).toMatchObject({ reason: 'cleared', value: 0 });
  });
});
