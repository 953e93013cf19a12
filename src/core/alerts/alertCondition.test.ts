import { describe, expect, it } from 'vitest';
import { parseJsoncWith } from '../errors/jsoncDocument';
import { parseAlertCondition } from './alertCondition';
import { alertsDocumentSchema } from './alertsDocument';

describe('the alert condition language', () => {
  it('reads the shapes of seed 003’s alerting rules', () => {
    expect(parseAlertCondition('error_rate > 5% over 5m')).toEqual({
      ok: true,
      condition: { metric: 'error_rate', comparison: '>', threshold: 5, windowMs: 300_000 },
    });
    expect(parseAlertCondition('daily_cost > 0.8 × budget')).toEqual({
      ok: true,
      condition: { metric: 'daily_cost', comparison: '>', threshold: 0, budgetFactor: 0.8, windowMs: 86_400_000 },
    });
    expect(parseAlertCondition('daily_cost > budget * 0.8')).toMatchObject({
      ok: true,
      condition: { budgetFactor: 0.8 },
    });
    expect(parseAlertCondition('daily_cost >= $400')).toMatchObject({
      ok: true,
      condition: { threshold: 400, comparison: '>=' },
    });
    expect(parseAlertCondition('run duration > 20m')).toEqual({
      ok: true,
      condition: { metric: 'run_duration', comparison: '>', threshold: 1_200_000 },
    });
    expect(parseAlertCondition('agent failures > 2 in 10m')).toEqual({
      ok: true,
      condition: { metric: 'agent_failures', comparison: '>', threshold: 2, windowMs: 600_000 },
    });
  });

  it('says what it expected, and where', () => {
    expect(parseAlertCondition('error_rat > 5% over 5m')).toMatchObject({
      ok: false,
      column: 1,
      message: expect.stringContaining('“error_rat” is not a metric') as string,
    });
    expect(parseAlertCondition('error_rate = 5%')).toMatchObject({
      ok: false,
      column: 12,
      message: expect.stringContaining('write a comparison') as string,
    });
    expect(parseAlertCondition('error_rate > 5%')).toMatchObject({
      ok: false,
      column: 16,
      message: expect.stringContaining('add “over 5m”') as string,
    });
    expect(parseAlertCondition('run_duration > 20')).toMatchObject({
      ok: false,
      column: 16,
      message: expect.stringContaining('with its unit') as string,
    });
    expect(parseAlertCondition('run_duration > 20m over 5m')).toMatchObject({
      ok: false,
      column: 20,
      message: expect.stringContaining('has no window') as string,
    });
    expect(parseAlertCondition('agent_failures > 2 in 2d')).toMatchObject({
      ok: false,
      message: 'a window can be at most 1 day (1d)',
    });
    expect(parseAlertCondition('agent_failures > 2 in 5m now')).toMatchObject({ ok: false, column: 26 });
    expect(parseAlertCondition('')).toMatchObject({ ok: false, column: 1 });
  });

  it('the document schema places a broken rule by path and line', () => {
    const text =
      '{\n  // rules\n  "alerts": {\n    "cost": { "when": "daily_cost > 0.8 × budget" },\n    "odd": { "when": "error_rate > 5% over 5m", "acton": "notify" }\n  }\n}';
    const parsed = parseJsoncWith(text, alertsDocumentSchema);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          path: 'alerts.cost.when',
          line: 4,
          message: expect.stringContaining('"budgetUsd"') as string,
        }),
        expect.objectContaining({ path: 'alerts.odd.acton', line: 5 }),
      ]),
    );
  });
});
