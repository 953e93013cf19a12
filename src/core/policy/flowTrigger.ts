import { z } from 'zod';
import { Cron } from 'croner';

/**
 * What starts a flow without a person pressing Run: a cron schedule, a webhook, or both. Declared
 * in the flow's entry of the policies document (`flows["Nightly report"].trigger`) and acted on by
 * a runner (runner/src/public/), which starts the runs and keeps the schedule in Restate's durable
 * timers. The studio itself starts nothing from it.
 */

/** A webhook path: one slug, so `POST /projects/:id/hooks/<path>` on the runner names it whole. */
export const WEBHOOK_PATH_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** A cron expression croner reads (5 fields, or 6 with seconds first), in UTC; the sentence says why not. */
export function cronProblem(expression: string): string | undefined {
  try {
    // Paused and without a function: croner only parses, it schedules nothing.
    new Cron(expression, { paused: true, timezone: 'UTC' });
    return undefined;
  } catch (error) {
    return `the cron expression "${expression}" does not parse (${error instanceof Error ? error.message : String(error)})`;
  }
}

export const flowTriggerSchema = z.strictObject({
  /** When to start a run, e.g. "0 6 * * *" (06:00 UTC daily) or "*\/30 * * * * *" (every 30 s). */
  cron: z
    .string()
    .min(1)
    .max(200)
    .superRefine((value, ctx) => {
      const problem = cronProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .optional(),
  /** A slug: the runner starts a run on `POST /projects/:id/hooks/<webhook>`, with the body as input. */
  webhook: z
    .string()
    .regex(WEBHOOK_PATH_PATTERN, 'must be a slug: lower-case letters, digits and dashes, at most 63')
    .optional(),
  /** The input a scheduled run starts with (a webhook's run takes the request's body). */
  input: z.string().max(100_000).optional(),
});
export type FlowTrigger = z.infer<typeof flowTriggerSchema>;
