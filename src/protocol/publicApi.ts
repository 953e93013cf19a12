import { MAX_TOPIC_CHARS } from '../core/kinds/listen/busTopic';
import { z } from 'zod';

/**
 * The runner's public API: for callers outside the browser (scripts, CI, other services), with a
 * bearer token. The runner (runner/src/public/) serves it with Hono and builds its OpenAPI
 * document (GET /openapi.json) from these same schemas, so the document cannot drift from what
 * is checked. docs/api.md walks through it.
 *
 *   PUT  /projects/:id                      publish a project's definitions (a studio definitions export)
 *   GET  /projects/:id                      the published project: its flows by name and their triggers
 *   GET  /projects/:id/runs                 its runs, newest first (those a schedule or webhook started too)
 *   POST /projects/:id/flows/:name/runs     start a run of the flow named (Idempotency-Key: a replay answers the same run)
 *   POST /projects/:id/hooks/:path          a flow's webhook trigger: the body is the run's input
 *   GET  /runs/:id                          a run's status, steps and outputs
 *   GET  /runs/:id/events                   the run's events as Server-Sent Events, live, resumable with Last-Event-ID
 *   POST /runs/:id/stop                     stops the run (interrupted, finished steps kept)
 *   GET  /runs/:id/bus/:topic               the run's message bus: a topic's messages as the run sees them (?since=seq)
 *   POST /runs/:id/bus/:topic               posts the body (any JSON) to the run's bus, as from “API”
 */

const describe = <T extends z.ZodType>(schema: T, id: string, description: string): T =>
  schema.meta({ id, description });

/** A studio project's id, as the studio shows it in a project's export and the runner's key. */
export const projectIdParamSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a project id');
export const runIdParamSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a run id');
/** A flow by its name as the person gave it (URL-encoded in the path). */
export const flowNameParamSchema = z.string().min(1).max(120);
export const hookPathParamSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be a webhook slug');

/** Idempotency keys: what a caller generates once per intended run (a UUID, say). */
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
export const idempotencyKeySchema = z
  .string()
  .regex(/^[\x21-\x7e]{1,200}$/, 'must be 1 to 200 visible ASCII characters (a UUID, say)');

export const errorBodySchema = describe(
  z.strictObject({
    error: z.strictObject({
      /** Stable: callers branch on it, never on the sentence. */
      code: z.enum([
        'unauthorized',
        'forbidden-origin',
        'bad-request',
        'not-found',
        'conflict',
        'too-large',
        'refused',
        'unavailable',
      ]),
      message: z.string(),
      hint: z.string().optional(),
    }),
  }),
  'Error',
  'What went wrong, in a sentence, and what to do about it; `code` is stable.',
);
export type PublicErrorBody = z.infer<typeof errorBodySchema>;
export type PublicErrorCode = PublicErrorBody['error']['code'];

export const publishRequestSchema = describe(
  z.string().min(2).max(16_000_000),
  'DefinitionsExport',
  "A studio definitions export (the studio's Export → Definitions file), as sent: its JSON text.",
);

export const triggerViewSchema = z.strictObject({
  cron: z.string().optional(),
  webhook: z.string().optional(),
  /** When the schedule next starts a run (ms since the epoch, UTC). */
  nextRunAt: z.number().optional(),
});

export const projectViewSchema = describe(
  z.strictObject({
    projectId: z.string(),
    name: z.string(),
    /** When these definitions were published (ms since the epoch). */
    publishedAt: z.number(),
    flows: z.array(z.strictObject({ name: z.string(), trigger: triggerViewSchema.optional() })),
  }),
  'Project',
  'A published project: its flows by name, and what starts each without a caller.',
);
export type ProjectView = z.infer<typeof projectViewSchema>;

export const startRunBodySchema = describe(
  z.strictObject({
    /** The run's input: text as is; any other JSON value is sent as its JSON text. */
    input: z
      .unknown()
      .refine((v) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? '')).length <= 100_000, {
        message: 'must be at most 100,000 characters (as JSON text, when it is not text)',
      })
      .optional(),
  }),
  'StartRun',
  "The run's input. Send an Idempotency-Key header to make retrying safe: the same key answers the same run.",
);
export type StartRunBody = z.infer<typeof startRunBodySchema>;

export const runStatusSchema = z.enum(['running', 'succeeded', 'failed', 'interrupted']);

export const runViewSchema = describe(
  z.strictObject({
    runId: z.string(),
    projectId: z.string(),
    flow: z.string(),
    status: runStatusSchema,
    reason: z.string().optional(),
    startedAt: z.number(),
    finishedAt: z.number().optional(),
    steps: z.array(z.strictObject({ step: z.string(), status: z.string() })),
    /** The outputs of the flow's last steps (those no edge leaves), by "step.port": text, or JSON text. */
    outputs: z.record(z.string(), z.string()),
    /** The last event of the run so far: GET /runs/:id/events with Last-Event-ID set to it follows on from here. */
    lastEventId: z.number().int(),
  }),
  'Run',
  'A run as it is now.',
);
export type RunView = z.infer<typeof runViewSchema>;

export const startedRunSchema = describe(
  z.strictObject({ runId: z.string(), projectId: z.string(), flow: z.string(), status: runStatusSchema }),
  'StartedRun',
  'The run started (or, for a replayed Idempotency-Key, the run that key started before).',
);
export type StartedRun = z.infer<typeof startedRunSchema>;

export const stopAnswerSchema = describe(
  z.strictObject({ runId: z.string(), stopped: z.boolean(), status: runStatusSchema }),
  'StopAnswer',
  '`stopped`: this call stopped it; false when it had already ended.',
);
export type StopAnswer = z.infer<typeof stopAnswerSchema>;

/** One Server-Sent Event's data: an event of the run's log, as recorded. Its SSE id is `seq`. */
export const runEventSchema = describe(
  z.strictObject({
    seq: z.number().int(),
    ts: z.number(),
    type: z.string(),
    runId: z.string(),
    data: z.unknown(),
    hash: z.string(),
  }),
  'RunEvent',
  'One event of the run, in log order; the SSE `id:` is its seq. The stream sends `event: end` after run.finished and closes.',
);
export type RunEvent = z.infer<typeof runEventSchema>;

export const runListSchema = describe(
  z.strictObject({
    runs: z.array(
      z.strictObject({
        runId: z.string(),
        flow: z.string(),
        status: runStatusSchema,
        startedAt: z.number(),
        finishedAt: z.number().optional(),
      }),
    ),
  }),
  'RunList',
  'The runs of the published definitions, newest first (at most 100).',
);
export type RunList = z.infer<typeof runListSchema>;

/** A topic in a bus route's path: the bus's slug rule (no `/`, which a path segment cannot hold). */
export const busTopicParamSchema = z
  .string()
  .max(MAX_TOPIC_CHARS)
  .regex(/^[a-z0-9]+(?:[-_.][a-z0-9]+)*$/, 'must be a topic, a slug such as work-items');

export const busMessageSchema = describe(
  z.strictObject({
    seq: z.number().int(),
    ts: z.number(),
    topic: z.string(),
    /** Who posted it, by name: a step's label, a person, or “API”. */
    from: z.string(),
    body: z.unknown(),
  }),
  'BusMessage',
  'One message of the run’s bus; `seq` is its place in the log, the cursor to read on from (`?since=`).',
);
export const busMessagesSchema = describe(
  z.strictObject({ messages: z.array(busMessageSchema) }),
  'BusMessages',
  'The messages on the topic that the run sees (its own, its outer runs’, the project’s), oldest first.',
);
export type BusMessages = z.infer<typeof busMessagesSchema>;
export const busPostedSchema = describe(
  z.strictObject({ runId: z.string(), topic: z.string(), seq: z.number().int() }),
  'BusPosted',
  'Posted: `seq` is the log position after the post.',
);
export type BusPosted = z.infer<typeof busPostedSchema>;
