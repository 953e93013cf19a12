import { z } from 'zod';
import { flowIdSchema, portNameSchema, runIdSchema, stepIdSchema } from '../events/primitives';
import { artifactRecordSchema } from '../artifacts/artifactRecord';
import { runEventSchemas } from './runEvents';

export const startRunSchema = z.strictObject({
  type: z.literal('startRun'),
  flowId: flowIdSchema,
  input: z.string().max(100_000),
  /** Artifacts a person already has, as text (JSON text for json/table ports): their steps count as done. */
  given: z
    .array(z.strictObject({ stepId: stepIdSchema, port: portNameSchema, text: z.string().max(1_000_000) }))
    .max(64)
    .optional(),
});
/**
 * A person answers a question in the inbox: approve or reject (with notes), or provide a human
 * model's outputs as text by port.
 */
export const answerAskSchema = z.strictObject({
  type: z.literal('answerAsk'),
  runId: runIdSchema,
  askId: z.string().min(1).max(80),
  decision: z.enum(['approve', 'reject', 'provide']),
  notes: z.string().max(5_000).optional(),
  outputs: z.record(portNameSchema, z.string().max(1_000_000)).optional(),
});
/** A new run from the current flow and models that reuses what `runId` had done by `atSeq`. */
export const forkRunSchema = z.strictObject({
  type: z.literal('forkRun'),
  runId: runIdSchema,
  atSeq: z.number().int().nonnegative(),
});
/**
 * A runner's run whose remote log's chain and signature the page checked: its events (remote seq,
 * time, type, data as decoded), the artifacts they use, and what vouched for them. See planRemoteImport.
 */
export const importRemoteRunSchema = z.strictObject({
  type: z.literal('importRemoteRun'),
  runId: runIdSchema,
  events: z
    .array(
      z.strictObject({
        seq: z.number().int().nonnegative(),
        ts: z.number().finite().nonnegative(),
        type: z.string().max(80),
        data: z.unknown(),
      }),
    )
    .min(1)
    .max(200_000),
  artifacts: z.array(artifactRecordSchema).max(100_000),
  source: runEventSchemas['run.imported'].omit({ events: true }),
});
export const resumeRunSchema = z.strictObject({ type: z.literal('resumeRun'), runId: runIdSchema });
/** Stops a run that is going: it is interrupted (finished steps keep their artifacts) and can be resumed. */
export const stopRunSchema = z.strictObject({ type: z.literal('stopRun'), runId: runIdSchema });

/** Any command about runs, as parsed. */
export type AnyRunCommand =
  | z.output<typeof startRunSchema>
  | z.output<typeof answerAskSchema>
  | z.output<typeof forkRunSchema>
  | z.output<typeof importRemoteRunSchema>
  | z.output<typeof resumeRunSchema>
  | z.output<typeof stopRunSchema>;
