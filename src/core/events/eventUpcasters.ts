import type { EventType } from './eventMap';

/**
 * Brings one event type's stored data up by one version. Every change to the shape of an event
 * type's data (its own fields or a schema it embeds: models, settings, policies, intents) bumps
 * that type's version and adds one upcaster (in the feature that declares the type), even when the change is a new optional or
 * defaulted field and `up` is the identity: an older studio then says "made by a newer studio"
 * instead of "damaged", and the frozen fixture of the new version is written.
 */
export interface EventUpcaster {
  type: EventType;
  /** The version this produces: 2 for a type's first upcaster, then 3, 4… with no gap. */
  to: number;
  /** What changed, for the reader of this list. */
  what: string;
  /** Pure: returns new data, never mutates its input, never reads anything but its argument. */
  up(data: unknown): unknown;
}

/** An upcaster for a change that only adds (a new optional field, a new variant): the old data is valid as it is. */
export const widened = (type: EventType, to: number, what: string): EventUpcaster => ({
  type,
  to,
  what: `${what} Every v${to - 1} event is a v${to} event as it is.`,
  up: (data) => data,
});

/** The change every event type that embeds a policy went through at its version 2. */
export const LEARNING_POLICY =
  'A policy may say how a step orders its candidate models (`learning`: fixed, or learned by Thompson sampling).';
