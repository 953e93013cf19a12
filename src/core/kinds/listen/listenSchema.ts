import { z } from 'zod';
import { topicSchema } from './busTopic';
import { modelFields } from '../modelFields';

/**
 * A listen step becomes due when messages it filters for arrive on the bus (seed 004): `take`
 * messages on `topic`, seen by its run, posted after its run started, for which the CEL `filter`
 * holds (over `message`, `topic` and `from`). Its one output carries the message (or, when it takes
 * several, the list of them), so agents hand each other work without an edge.
 */
export const listenModelSchema = z.strictObject({
  ...modelFields,
  kind: z.literal('listen'),
  topic: topicSchema,
  filter: z.string().trim().max(2_000).default('true'),
  take: z.number().int().min(1).max(1_000).default(1),
});
export type ListenModel = z.infer<typeof listenModelSchema>;
