import { describe, expect, it } from 'vitest';
import type { EventDraft } from '../events/eventMap';
import type { StoredEvent } from '../events/storedEvent';
import { AlertMonitor } from './alertMonitor';
import { describeValue } from './describeAlert';

/** A synthetic log: drafts sealed with seq and ts by hand (the monitor reads no hashes). */
function syntheticLog() {
  const monitor = new AlertMonitor({ flowName: () => 'Main', isGate: () => false });
  let seq = 0;
  let ids = 0;
  // Ids are plain strings here: the monitor never checks their brand.
  const append = (draft: EventDraft | { type: string; runId?: string; data: object }, ts: number) =>
    monitor.observe({
      v: 1,
      projectId: 'p',
      seq: seq++,
      ts,
      prevHash: '',
      hash: '',
      ...draft,
    } as unknown as StoredEvent);
  /** Evaluates at `now` and writes what it decided back, as the conductor does. */
  const evaluate = (now: number) => {
    const drafts = monitor.evaluate(now, (prefix) => `${prefix}_${++ids}`);
    for (const d of drafts) append(d, now);
    return drafts;
  };
  const run = (runId: string, ts: number) =>
    append(
      {
        type: 'run.started',
        runId,
        data: {
          runId,
          flowId: 'flow_1',
          plan: { steps: [], edges: [] },
          input: { hash: 'a'.repeat(64), kind: 'text', size: 1 },
        },
      },
      ts,
    );
  const spend = (runId: string, costUsd: number, ts: number) =>
    append(
      {
        type: 'agent.resolved',
        runId,
        data: {
          agentId: 'agent_1',
          gapId: 'gap_1',
          stepId: 'step_1',
          outcome: 'succeeded',
          durationMs: 1,
          logs: [],
          usage: { promptTokens: 1, completionTokens: 1, costUsd },
        },
      },
      ts,
    );
  return { monitor, append, evaluate, run, spend };
}

describe('the alert monitor over a synthetic log', () => {
  it('daily_cost > 0.8 × budget fires when the last 24 h cross 80% of the budget, and resolves as spend leaves the day', () => {
    const log = syntheticLog();
    const source = '{ "alerts": { "budget": { "when": "daily_cost > 0.8 × budget", "budgetUsd": 10 } } }';
    log.append(
      {
        type: 'alerts.saved',
        data: {
          source,
          document: { alerts: { budget: { when: 'daily_cost > 0.8 × budget', budgetUsd: 10, action: 'notify' } } },
        },
      },
      0,
    );
    log.run('run_1', 1_000);
    log.spend('run_1', 5, 2_000);
    expect(log.evaluate(2_000)).toEqual([]);
    log.spend('run_1', 3.5, 3_600_000);
    const fired = log.evaluate(3_600_000);
    expect(fired).toEqual([
      {
        type: 'alert.fired',
        data: expect.objectContaining({
          rule: 'budget',
          value: 8.5,
          threshold: 8,
          unit: '$',
          causeRunId: 'run_1',
        }) as unknown,
      },
    ]);
    expect(log.evaluate(3_600_001)).toEqual([]);
    // The first $5 leaves the window a day after it was spent: $3.50 is under $8.
    expect(log.monitor.nextWakeAt(3_600_001)).toBe(2_000 + 86_400_000);
    expect(log.evaluate(2_000 + 86_400_000)).toEqual([
      {
        type: 'alert.resolved',
        data: expect.objectContaining({ rule: 'budget', value: 3.5, reason: 'cleared' }) as unknown,
      },
    ]);
  });

  it('compares fractions of a cent as they are: daily_cost > $0.001 fires at $0.0022 and says $0.0022', () => {
    const log = syntheticLog();
    const when = 'daily_cost > $0.001';
    log.append(
      { type: 'alerts.saved', data: { source: '{}', document: { alerts: { cents: { when, action: 'notify' } } } } },
      0,
    );
    log.run('run_1', 1_000);
    log.spend('run_1', 0.0011, 2_000);
    log.spend('run_1', 0.0011, 3_000);
    const fired = log.evaluate(3_000);
    expect(fired).toEqual([
      {
        type: 'alert.fired',
        data: expect.objectContaining({ rule: 'cents', value: 0.0022, threshold: 0.001, unit: '$' }) as unknown,
      },
    ]);
    expect(describeValue(0.0022, '$')).toBe('$0.0022');
  });

  it('the virtual clock counts: clock.advanced moves every event’s time and the windows with it', () => {
    const log = syntheticLog();
    log.append(
      {
        type: 'alerts.saved',
        data: { source: '', document: { alerts: { cost: { when: 'daily_cost > $1', action: 'notify' } } } },
      },
      0,
    );
    log.run('run_1', 0);
    log.spend('run_1', 2, 10);
    expect(log.evaluate(10)[0]?.type).toBe('alert.fired');
    log.append({ type: 'clock.advanced', data: { byMs: 86_400_000, offsetMs: 86_400_000 } }, 20);
    expect(log.monitor.virtualNow(20)).toBe(86_400_020);
    expect(log.evaluate(log.monitor.virtualNow(20))[0]).toMatchObject({ type: 'alert.resolved', data: { value: 0 } });
  });
});
