import { z } from 'zod';
import { agentIdSchema, labelSchema, stepIdSchema } from '../events/primitives';
import { BUS_LIMITS, busScopeSchema, topicSchema } from './busLimits';

/** A message's body: any JSON value (checked for size before it is written; see planBusPost.ts). */
const jsonBodySchema = z.json();

/** Who posted or claimed: an agent of a step (by the step's name), or a person or caller from outside. */
export const busSenderSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('agent'), agentId: agentIdSchema, stepId: stepIdSchema, name: labelSchema }),
  z.strictObject({ kind: z.literal('person'), name: labelSchema }),
  z.strictObject({ kind: z.literal('api'), name: labelSchema }),
]);
export type BusSender = z.infer<typeof busSenderSchema>;

const messageIdSchema = z.string().min(1).max(80);

/**
 * The message bus (seed 004's MESSAGE-BUS.md, as events). Every event is a run's: a message is
 * posted from a run (its scope says whether the run tree or the whole project sees it); a claim is
 * made from a run; a listen step heard messages in its run. Order is the log's order (`seq`), so a
 * cursor is a seq; replays and exports carry them like any other event.
 */
export const busEventSchemas = {
  'bus.posted': z.strictObject({
    messageId: messageIdSchema,
    topic: topicSchema,
    scope: busScopeSchema,
    from: busSenderSchema,
    body: jsonBodySchema,
  }),
  /** One claim on a key: the first in its scope wins; every later one is told who holds it. */
  'bus.claimed': z.strictObject({
    key: z.string().min(1).max(BUS_LIMITS.maxClaimKeyChars),
    scope: busScopeSchema,
    by: busSenderSchema,
    won: z.boolean(),
    /** The winner: the claimer itself when `won`. */
    holder: busSenderSchema,
  }),
  /** A listen step took these messages (by their events' seqs): why it became due. */
  'bus.heard': z.strictObject({
    stepId: stepIdSchema,
    topic: topicSchema,
    messages: z.array(z.strictObject({ seq: z.number().int().nonnegative(), messageId: messageIdSchema })).min(1),
  }),
} as const;

export const BUS_RUN_EVENT_TYPES = ['bus.posted', 'bus.claimed', 'bus.heard'] as const;

type BusEventSchemas = typeof busEventSchemas;
declare module '../events/eventMap' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging: the bus's events join the one event map
  interface EventSchemas extends BusEventSchemas {}
}
