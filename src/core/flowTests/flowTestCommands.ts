import { z } from 'zod';
import { flowTestIdSchema, flowTestResultSchema, flowTestSchema } from './flowTestSchema';

/** A flow test saved whole: new when `testId` is absent (the conductor makes one), else replacing it. */
export const saveFlowTestSchema = z.strictObject({
  type: z.literal('saveFlowTest'),
  test: flowTestSchema.extend({ testId: flowTestIdSchema.optional() }),
});
export const removeFlowTestSchema = z.strictObject({ type: z.literal('removeFlowTest'), testId: flowTestIdSchema });
/** Starts a run of a test: its input, its pinned outputs given (their models never run). */
export const runFlowTestSchema = z.strictObject({ type: z.literal('runFlowTest'), testId: flowTestIdSchema });
/** The verdict on a finished test run, judged by evaluateFlowTest: the test's history. */
export const recordFlowTestResultSchema = z.strictObject({
  type: z.literal('recordFlowTestResult'),
  result: flowTestResultSchema,
});

export type FlowTestCommand =
  | z.output<typeof saveFlowTestSchema>
  | z.output<typeof removeFlowTestSchema>
  | z.output<typeof runFlowTestSchema>
  | z.output<typeof recordFlowTestResultSchema>;
