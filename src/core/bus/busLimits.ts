import { z } from 'zod';

export { MAX_TOPIC_CHARS, TOPIC_PATTERN, topicSchema } from '../kinds/listen/busTopic';

/**
 * The bus's limits, the same in every host (the browser, the runner, the REST API): one home, so no
 * copy drifts. A message is small (the bus carries coordination, not payloads: large values belong
 * in artifacts), and one agent may not flood it.
 */
export const BUS_LIMITS = {
  /** A message's JSON text, in characters. */
  maxMessageChars: 16_000,
  /** Posts one agent may make in any one second of the conductor's clock… */
  maxPostsPerSecond: 20,
  /** …and in its whole life. */
  maxPostsPerAgent: 500,
  /** Messages one ctx.bus.read returns at most (read again from the last cursor for more). */
  maxReadMessages: 500,
  /** A claim key's length. */
  maxClaimKeyChars: 200,
} as const;

/** Who sees a message or a claim: the run tree it was posted in (the default), or the whole project. */
export const busScopeSchema = z.enum(['tree', 'project']);
export type BusScope = z.infer<typeof busScopeSchema>;
