import { z } from 'zod';
import { flowIdSchema, labelSchema, portNameSchema, runIdSchema, stepIdSchema } from '../events/primitives';

/** A test's id: `test_…`, made by the conductor when the test is first saved. */
export const flowTestIdSchema = z
  .string()
  .min(1)
  .max(80)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'use letters, digits, _ . : or -');

const target = { stepId: stepIdSchema, port: portNameSchema };
/** A JSON value, bounded so one test cannot swamp the log. */
const jsonValue = z.json().refine((v) => JSON.stringify(v).length <= 200_000, 'is larger than 200,000 characters');

/**
 * What one output of one step must be:
 *  - `exact`: equal to `value` (text compared as text, JSON compared structurally);
 *  - `subset`: JSON that contains `value` (every key of an object, every item of an array, at the same place);
 *  - `cel`: a CEL predicate over the artifact (`artifact` in scope) that must be true.
 */
export const expectationSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('exact'), ...target, value: jsonValue }),
  z.strictObject({ kind: z.literal('subset'), ...target, value: jsonValue }),
  z.strictObject({ kind: z.literal('cel'), ...target, predicate: z.string().min(1).max(2_000) }),
]);
export type Expectation = z.infer<typeof expectationSchema>;
export type ExpectationKind = Expectation['kind'];

/** An output given instead of running the step (as text; JSON text for json and table ports): its model is never called. */
export const pinSchema = z.strictObject({ ...target, text: z.string().max(1_000_000) });
export type Pin = z.infer<typeof pinSchema>;

export const flowTestSchema = z.strictObject({
  testId: flowTestIdSchema,
  flowId: flowIdSchema,
  name: labelSchema,
  /** The run input, as the Run box takes it. */
  input: z.string().max(100_000),
  expectations: z.array(expectationSchema).min(1, 'a test needs at least one expectation').max(64),
  pins: z.array(pinSchema).max(64),
  /** The run it was saved from, if any (for the person's reference; the test does not need it). */
  fromRunId: runIdSchema.optional(),
});
export type FlowTest = z.infer<typeof flowTestSchema>;

/** One expectation's verdict: what was expected and what the run produced, both as text for a diff. */
export const expectationResultSchema = z.strictObject({
  ...target,
  kind: z.enum(['exact', 'subset', 'cel']),
  passed: z.boolean(),
  expected: z.string().max(200_000),
  actual: z.string().max(200_000),
  /** Why it failed, as a sentence; absent on a pass. */
  message: z.string().max(2_000).optional(),
});
export type ExpectationResult = z.infer<typeof expectationResultSchema>;

export const flowTestResultSchema = z.strictObject({
  testId: flowTestIdSchema,
  runId: runIdSchema,
  passed: z.boolean(),
  /** The run's own ending: a test whose run failed fails, whatever its expectations say. */
  runStatus: z.enum(['succeeded', 'failed', 'interrupted']),
  expectations: z.array(expectationResultSchema).max(64),
});
export type FlowTestResult = z.infer<typeof flowTestResultSchema>;

/** Flow-test events. None belongs to a run: a result names its run in its data. */
export const flowTestEventSchemas = {
  /** A test saved whole: new, or replacing the one with its id. */
  'flowTest.saved': z.strictObject({ test: flowTestSchema }),
  'flowTest.removed': z.strictObject({ testId: flowTestIdSchema }),
  /** A test was run and judged: its history is these events. */
  'flowTest.evaluated': z.strictObject({ result: flowTestResultSchema }),
} as const;

type FlowTestEventSchemas = typeof flowTestEventSchemas;
declare module '../events/eventMap' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging: the flow tests' events join the one event map
  interface EventSchemas extends FlowTestEventSchemas {}
}
