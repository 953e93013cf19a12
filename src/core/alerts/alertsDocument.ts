import { z } from 'zod';
import { labelSchema } from '../events/primitives';
import { parseAlertCondition } from './alertCondition';

/** What happens while an alert fires, beside showing in the Alerts list (every alert does). */
export const alertActionSchema = z.enum(['notify', 'throttle', 'review']);
export type AlertAction = z.infer<typeof alertActionSchema>;

/** A rule's name: a key of the document, shown in the Alerts list. */
const ruleNameSchema = z
  .string()
  .regex(/^[A-Za-z][\w.-]{0,59}$/, 'a rule’s name starts with a letter and has at most 60 letters, digits, -, _ or .');

export const alertRuleSchema = z
  .strictObject({
    /** The condition, e.g. `error_rate > 5% over 5m` (see alertCondition.ts). */
    when: z.string().max(200),
    /** `notify` (the default): the Alerts list and a browser notification; `throttle`: new runs of the flow wait for a person; `review`: runs going pause before their next step. */
    action: alertActionSchema.default('notify'),
    /** Only runs of this flow, by its name; without it, every flow of the project. */
    flow: labelSchema.optional(),
    /** The budget `N × budget` in a daily_cost condition refers to, in US dollars. */
    budgetUsd: z.number().positive().optional(),
    /** A sentence for whoever sees the alert: what it means and what to do. */
    description: z.string().max(500).optional(),
  })
  .superRefine((rule, ctx) => {
    const parsed = parseAlertCondition(rule.when);
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', path: ['when'], message: `${parsed.message} (at character ${parsed.column})` });
      return;
    }
    if (parsed.condition.budgetFactor !== undefined && rule.budgetUsd === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['when'],
        message: '“budget” needs the rule’s "budgetUsd": add it beside "when", e.g. "budgetUsd": 500',
      });
    }
  });
export type AlertRule = z.infer<typeof alertRuleSchema>;

/** The project's alert rules, by name. Saved as one event (`alerts.saved`), so exports carry it. */
export const alertsDocumentSchema = z.strictObject({
  alerts: z.record(ruleNameSchema, alertRuleSchema),
});
export type AlertsDocument = z.infer<typeof alertsDocumentSchema>;
