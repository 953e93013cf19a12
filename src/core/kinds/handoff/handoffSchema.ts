import { z } from 'zod';
import { modelFields } from '../modelFields';

/**
 * A handoff model: its steps are done by an executor outside the studio, through task files in the
 * project's handoff folder (docs/handoff.md). Its fields are the task contract's fields that do not
 * come from the run. `timeoutMs` (every model has it) is how long the step waits in all, pending
 * included; `timeoutSeconds` is the executor's time once it has claimed the task.
 */
export const handoffModelSchema = z.strictObject({
  ...modelFields,
  kind: z.literal('handoff'),
  /** The task's instruction; `{{port}}` is replaced by that input's artifact. */
  instruction: z.string().trim().min(1).max(50_000),
  /** `instruction`: any executor reads it; `script`: the instruction is a script model's TypeScript. */
  contract: z.enum(['instruction', 'script']).default('instruction'),
  allowedFiles: z.array(z.string().trim().min(1).max(500)).max(100).default([]),
  constraints: z
    .array(z.string().trim().min(1).max(1_000))
    .max(50)
    .default(['Do NOT modify files outside allowed_files', 'Do NOT run shell commands unless instructed']),
  timeoutSeconds: z.number().int().min(1).max(86_400).default(300),
  /** Which executor may take the task (its --name); absent: any. */
  executor: z.string().trim().min(1).max(120).optional(),
  timeoutMs: z.number().int().min(1_000).max(604_800_000).default(86_400_000),
});
export type HandoffModel = z.infer<typeof handoffModelSchema>;
