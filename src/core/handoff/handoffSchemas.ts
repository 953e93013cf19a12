import { z } from 'zod';

/**
 * The handoff contract: one schema per file an executor reads or writes. These are the source of
 * the TypeScript types, of the validators the conductor and the reference executor use, and of the
 * JSON Schemas in docs/handoff.md (z.toJSONSchema; handoffDocs.test.ts keeps the doc in step).
 * Unknown fields are refused (strict objects), so a typo in an executor's output is an error, not
 * a silently missing value.
 */

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 as 64 lower-case hex digits');
const taskId = z.string().regex(/^step_\d{3,}$/, 'a task id such as step_001');
const isoTime = z.iso.datetime({ offset: true });
/** A workspace path: relative, with `/`, never leaving the workspace. */
const workspacePath = z
  .string()
  .min(1)
  .max(1024)
  .regex(/^(?!\/)(?![A-Za-z]:)(?!.*(?:^|\/)\.\.(?:\/|$)).+$/, 'a relative path inside the workspace');

export const confidenceSchema = z.strictObject({
  score: z.number().min(0).max(1),
  level: z.enum(['high', 'medium', 'low']),
});

/** An input artifact: inline when small, else a file under the fork's `inputs/` named with its hash. */
export const taskInputSchema = z.union([
  z.strictObject({ value: z.json() }),
  z.strictObject({ file: workspacePath, sha256: sha256Hex }),
]);

export const TASK_SCHEMA_ID = 'conductor.handoff.task/1';

/** `<task_id>.task.json`: written by the conductor into `pending/`; executors move it, never edit it. */
export const handoffTaskSchema = z.strictObject({
  schema: z.literal(TASK_SCHEMA_ID),
  task_id: taskId,
  /** The run tree's root run and this run (the `plan_` and `fork_` folders). */
  plan_id: z.string().min(1),
  fork_id: z.string().min(1),
  /** The step of the flow, by its label, for people reading the folder. */
  step: z.string().min(1),
  /**
   * `instruction`: do what `instruction` says (any executor, e.g. a coding agent). `script`: the
   * instruction is a script model's TypeScript (`export default async (ctx) => …`), run offline by
   * the reference executor.
   */
  contract: z.enum(['instruction', 'script']),
  instruction: z.string().min(1),
  allowed_files: z.array(z.string().min(1)),
  constraints: z.array(z.string()),
  timeout_seconds: z.number().int().min(1).max(86_400),
  confidence: confidenceSchema,
  /** Which executors may take it (their `--name`); absent: any. */
  executor: z.string().min(1).optional(),
  inputs: z.record(z.string(), taskInputSchema),
  /** The output ports a result must fill. */
  outputs: z.array(z.string().min(1)),
  created_at: isoTime,
  /** SHA-256 of the canonical JSON of every other field (keys sorted, no spaces). */
  checksum: sha256Hex,
});
export type HandoffTask = z.infer<typeof handoffTaskSchema>;
export type UnsignedTask = Omit<HandoffTask, 'checksum'>;

/** `<task_id>.claim.json`: written by the executor into `in_progress/` right after its rename won. */
export const handoffClaimSchema = z.strictObject({
  task_id: taskId,
  executor: z.string().min(1),
  claimed_at: isoTime,
});
export type HandoffClaim = z.infer<typeof handoffClaimSchema>;

/** `<task_id>.result.json`: the executor's answer, in `completed/` or `failed/`. */
export const handoffResultSchema = z.strictObject({
  task_id: taskId,
  /** The checksum of the task it answers: a result for another task (or none) is refused. */
  task_checksum: sha256Hex,
  status: z.enum(['completed', 'failed']),
  /** A value per output port (each must be JSON); required for every port when `completed`. */
  outputs: z.record(z.string(), z.json()),
  summary: z.string().max(4000),
});
export type HandoffResult = z.infer<typeof handoffResultSchema>;

export const changedFileSchema = z.strictObject({
  path: workspacePath,
  /** SHA-256 of the file's bytes before and after; null: it did not exist. */
  before: sha256Hex.nullable(),
  after: sha256Hex.nullable(),
});
export type ChangedFile = z.infer<typeof changedFileSchema>;

/** `<task_id>.provenance.json`: who did it, when, and every file it changed. */
export const handoffProvenanceSchema = z.strictObject({
  task_id: taskId,
  executor: z.strictObject({ name: z.string().min(1), version: z.string().min(1) }),
  started_at: isoTime,
  ended_at: isoTime,
  changed_files: z.array(changedFileSchema),
});
export type HandoffProvenance = z.infer<typeof handoffProvenanceSchema>;

/** `<task_id>.failure.json`: written by the conductor when it moves a task to `failed/` itself. */
export const handoffFailureSchema = z.strictObject({
  task_id: taskId,
  code: z.string().min(1),
  reason: z.string().min(1),
  failed_at: isoTime,
});
export type HandoffFailure = z.infer<typeof handoffFailureSchema>;

export const AUDIT_EVENTS = [
  'task.written',
  'task.claimed',
  'task.accepted',
  'task.failed',
  'task.rejected',
  'task.requeued',
  'task.timed_out',
  'task.held',
] as const;
export type AuditEventName = (typeof AUDIT_EVENTS)[number];

/**
 * One line of `audit.log`. The conductor is its only writer (as it is of the project's log), so the
 * chain never forks: `hash` = SHA-256 of the canonical JSON of the line without `hash`, and
 * `prev_hash` is the line before's hash (64 zeros for the first).
 */
export const auditLineSchema = z.strictObject({
  seq: z.number().int().nonnegative(),
  at: isoTime,
  event: z.enum(AUDIT_EVENTS),
  task_id: taskId,
  /** Who: `conductor`, or the executor's name. */
  actor: z.string().min(1),
  /** A sentence for a person. */
  detail: z.string(),
  /** The step, by its label (so metrics and people can group a task's lines). */
  step: z.string().optional(),
  /** The model the step ran, by name (on `task.written`): the history a model's confidence is scored from. */
  model: z.string().optional(),
  /** The error code of a rejection or failure (errorCatalogue.ts). */
  code: z.string().optional(),
  prev_hash: sha256Hex,
  hash: sha256Hex,
});
export type AuditLine = z.infer<typeof auditLineSchema>;

const durationSummary = z.strictObject({
  count: z.number().int().nonnegative(),
  total_ms: z.number().nonnegative(),
  max_ms: z.number().nonnegative(),
});

export const METRICS_SCHEMA_ID = 'conductor.handoff.metrics/1';

/** `.conductor/handoff/metrics.json`: rewritten by the conductor after each audit line. */
export const handoffMetricsSchema = z.strictObject({
  schema: z.literal(METRICS_SCHEMA_ID),
  updated_at: isoTime,
  tasks: z.strictObject({
    pending: z.number().int().nonnegative(),
    in_progress: z.number().int().nonnegative(),
    completed: z.number().int().nonnegative(),
    failed: z.number().int().nonnegative(),
  }),
  time_pending: durationSummary,
  time_executing: durationSummary,
  violations: z.number().int().nonnegative(),
  rejections: z.record(z.string(), z.number().int().nonnegative()),
  by_executor: z.record(
    z.string(),
    z.strictObject({
      completed: z.number().int().nonnegative(),
      failed: z.number().int().nonnegative(),
      violations: z.number().int().nonnegative(),
    }),
  ),
});
export type HandoffMetrics = z.infer<typeof handoffMetricsSchema>;

/** Every file of the contract, by the name docs/handoff.md gives it. */
export const HANDOFF_FILE_SCHEMAS = {
  'task.json': handoffTaskSchema,
  'claim.json': handoffClaimSchema,
  'result.json': handoffResultSchema,
  'provenance.json': handoffProvenanceSchema,
  'failure.json': handoffFailureSchema,
  'audit.log line': auditLineSchema,
  'metrics.json': handoffMetricsSchema,
} as const;
