import { z } from 'zod';
import { flowIdSchema } from '../events/primitives';
import { factDataSchema, subjectSchema } from './intentEvents';
import { factNameSchema } from './intentSchema';

/** The intents document as text (JSON with comments); refused with path and line if it is broken. */
export const saveIntentsSchema = z.strictObject({ type: z.literal('saveIntents'), source: z.string().max(200_000) });
/** A person records a domain fact; `runFlowId` starts that flow with the fact as its input. */
export const recordFactSchema = z.strictObject({
  type: z.literal('recordFact'),
  fact: factNameSchema,
  subject: subjectSchema.default(''),
  data: factDataSchema.default({}),
  runFlowId: flowIdSchema.optional(),
});
/** Moves the virtual clock forward, so deadlines come due without waiting. */
export const advanceClockSchema = z.strictObject({
  type: z.literal('advanceClock'),
  byMs: z.number().int().positive().max(31_536_000_000),
});
/** A person answers a gap sent to them (an inbox item): send agents again, or dismiss the gap. */
export const answerInboxSchema = z.strictObject({
  type: z.literal('answerInbox'),
  itemId: z.string().min(1).max(80),
  decision: z.enum(['retry', 'dismiss']),
  notes: z.string().max(5_000).optional(),
});

export type IntentCommand =
  z.output<typeof saveIntentsSchema> | z.output<typeof recordFactSchema> | z.output<typeof advanceClockSchema>;
