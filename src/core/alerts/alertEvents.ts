import { z } from 'zod';
import { labelSchema, runIdSchema } from '../events/primitives';
import { alertActionSchema, alertsDocumentSchema } from './alertsDocument';

const alertIdSchema = z.string().min(1).max(80);
const ruleNameSchema = z.string().min(1).max(60);

/**
 * Alert rules and what they did. `alert.fired` and `alert.resolved` are the project's (no run):
 * `causeRunId` and `causeSeq` name the event that tipped the value, so the Alerts list can open it.
 * `run.held` and `run.released` are a run's: a throttled or reviewed run waits between them.
 */
export const alertEventSchemas = {
  /** The project's alert rules, as written (JSON with comments) and as parsed. */
  'alerts.saved': z.strictObject({ source: z.string().max(200_000), document: alertsDocumentSchema }),
  'alert.fired': z.strictObject({
    alertId: alertIdSchema,
    rule: ruleNameSchema,
    condition: z.string().max(200),
    action: alertActionSchema,
    flow: labelSchema.optional(),
    /** The metric's value when it fired, and the threshold it crossed, in `unit`. */
    value: z.number().finite(),
    threshold: z.number().finite(),
    unit: z.enum(['%', 'count', '$', 'ms']),
    /** Virtual time (the clock the intents and deadlines use), in ms. */
    at: z.number().finite(),
    causeRunId: runIdSchema.optional(),
    causeSeq: z.number().int().nonnegative().optional(),
  }),
  /** `cleared`: the condition no longer holds; `rule-changed`: its rule was edited or removed. */
  'alert.resolved': z.strictObject({
    alertId: alertIdSchema,
    rule: ruleNameSchema,
    value: z.number().finite(),
    at: z.number().finite(),
    reason: z.enum(['cleared', 'rule-changed']),
    causeRunId: runIdSchema.optional(),
    causeSeq: z.number().int().nonnegative().optional(),
  }),
  /** The run takes no next step until a person lets it go on (throttle: before its first). */
  'run.held': z.strictObject({
    alertId: alertIdSchema,
    rule: ruleNameSchema,
    action: z.enum(['throttle', 'review']),
    reason: z.string().max(2_000),
  }),
  'run.released': z.strictObject({
    alertId: alertIdSchema,
    by: z.literal('person'),
    notes: z.string().max(2_000).optional(),
  }),
} as const;

export const ALERT_RUN_EVENT_TYPES = ['run.held', 'run.released'] as const;

type AlertEventSchemas = typeof alertEventSchemas;
declare module '../events/eventMap' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging: the alerts' events join the one event map
  interface EventSchemas extends AlertEventSchemas {}
}
