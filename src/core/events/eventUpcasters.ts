import type { EventType } from './eventMap';

/**
 * Brings one event type's stored data up by one version. Every change to the shape of an event
 * type's data (its own fields or a schema it embeds: models, settings, policies, intents) bumps
 * that type's version and adds one upcaster here, even when the change is a new optional or
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

/**
 * The ordered upcasters of the studio's event types. Append only; never edit or remove one that
 * has shipped, since logs written with every older version must keep opening.
 */
export const eventUpcasters: readonly EventUpcaster[] = [
  {
    type: 'model.saved',
    to: 2,
    what: 'A model may be of a kind an extension provides (`kind: "extension"`, naming the extension and its kind, with its settings). Every v1 model is a v2 model as it is.',
    up: (data) => data,
  },
  {
    type: 'intentGap.closed',
    to: 2,
    what: 'A gap may close as `dismissed` (a person it was sent to closed it); gaps sent to a person stay open until answered. Every v1 closing is a v2 closing as it is.',
    up: (data) => data,
  },
  {
    type: 'policies.saved',
    to: 2,
    what: 'A policy may say how a step orders its candidate models (`learning`: fixed, or learned by Thompson sampling). Every v1 event is a v2 event as it is.',
    up: (data) => data,
  },
  {
    type: 'step.configured',
    to: 2,
    what: 'A policy may say how a step orders its candidate models (`learning`: fixed, or learned by Thompson sampling). Every v1 event is a v2 event as it is.',
    up: (data) => data,
  },
  {
    type: 'flow.changed',
    to: 2,
    what: 'A change may be `step.modelChanged` (a step set to run another model), and a policy in it may say how a step orders its candidate models (`learning`: fixed, or learned by Thompson sampling). Every v1 event is a v2 event as it is.',
    up: (data) => data,
  },
  {
    type: 'run.started',
    to: 2,
    what: 'A policy may say how a step orders its candidate models (`learning`: fixed, or learned by Thompson sampling). Every v1 event is a v2 event as it is.',
    up: (data) => data,
  },
  {
    type: 'model.saved',
    to: 3,
    what: 'A model may be a Function Quest function (`kind: "quest"`, naming its level and function). Every v2 model is a v3 model as it is.',
    up: (data) => data,
  },
];
