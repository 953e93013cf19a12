import { describe, expect, it } from 'vitest';
import { alertsDocumentSchema } from '../../core/alerts/alertsDocument';
import { parseAlertCondition } from '../../core/alerts/alertCondition';
import { checkJsonc } from '../jsonc/jsoncCheck';
import { alertsJsonSchema, CONDITION_EXAMPLES } from './alertsJsonSchema';
import { ALERTS_TEMPLATE } from './alertsTemplate';

type Node = {
  properties: Record<string, Node>;
  additionalProperties: Node;
  examples?: unknown[];
  enum?: unknown[];
  description?: string;
};

describe('the alerts document in the editor', () => {
  it('starts with seed 003’s rules commented out: valid, and saving it changes nothing', () => {
    expect(checkJsonc(ALERTS_TEMPLATE, alertsDocumentSchema)).toEqual({ ok: true, value: { alerts: {} } });
    // Each commented rule would parse once uncommented.
    const rules = [...ALERTS_TEMPLATE.matchAll(/"when": "([^"]+)"/g)].map((m) => m[1] as string);
    expect(rules).toHaveLength(4);
    for (const when of rules) expect(parseAlertCondition(when).ok).toBe(true);
  });

  it('completion offers example conditions (each one valid) and the project’s flows; hover explains the fields', () => {
    const schema = alertsJsonSchema(['Release checks', 'Main']) as Node;
    const rule = schema.properties.alerts?.additionalProperties as Node;
    expect(rule.properties.when?.examples).toEqual(CONDITION_EXAMPLES);
    for (const example of CONDITION_EXAMPLES) expect(parseAlertCondition(example).ok).toBe(true);
    expect(rule.properties.flow?.enum).toEqual(['Release checks', 'Main']);
    expect(rule.properties.action?.enum).toEqual(['notify', 'throttle', 'review']);
    expect(rule.properties.when?.description).toContain('error_rate > 5% over 5m');
  });

  it('marks a broken condition at its line while typing', () => {
    const check = checkJsonc(
      '{\n  "alerts": {\n    "slow": { "when": "run_duration > soon" }\n  }\n}',
      alertsDocumentSchema,
    );
    expect(check.ok ? [] : check.issues).toEqual([
      expect.objectContaining({
        path: 'alerts.slow.when',
        line: 3,
        message: expect.stringContaining('run_duration is a length of time') as string,
      }),
    ]);
  });
});
