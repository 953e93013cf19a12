import { alertsFeature } from '../alerts/alertsFeature';
import { intentsFeature } from '../intents/intentsFeature';
import { flowTestsFeature } from '../flowTests/flowTestsFeature';
import { exploreFeature } from '../explore/exploreFeature';
import { learningFeature } from '../learning/learningFeature';
import { extensionsFeature } from '../extensions/extensionsFeature';
import type { EventSchemas, EventType } from '../events/eventMap';
import { definitionsFeature } from '../definitions/definitionsFeature';
import { runningFeature } from '../running/runningFeature';
import { busFeature } from '../bus/busFeature';
import { importFeature } from '../import/importFeature';
import type { FeatureCommand, PageFold } from '../feature/feature';
import type { StoredEvent } from '../events/storedEvent';
import { buildCatalogue, foldPageViews } from './buildCatalogue';

/**
 * Every feature of the studio, in the order their folds run. Adding a feature is its folder (one
 * `defineFeature` object) and one line here.
 */
export const STUDIO_FEATURES = [
  definitionsFeature,
  runningFeature,
  extensionsFeature,
  intentsFeature,
  alertsFeature,
  learningFeature,
  flowTestsFeature,
  exploreFeature,
  busFeature,
  importFeature,
] as const;

type StudioFeature = (typeof STUDIO_FEATURES)[number];

/** The studio's catalogue: built once, when the module loads (a clash throws at once, in every test). */
export const studioCatalogue = buildCatalogue(STUDIO_FEATURES);

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type DeclaredEventTypes = StudioFeature extends infer F ? (F extends { events: infer E } ? keyof E : never) : never;
/**
 * Compile-time proof that the runtime map holds exactly the types `EventSchemas` declares: a
 * feature that declares its events by merging but is not listed here (or the reverse) fails to build.
 */
const eventMapIsExact: Same<DeclaredEventTypes, EventType> = true;
void eventMapIsExact;

/** Each event type's current schema, as one map (what the codec decodes and encodes by). */
export const eventDataSchemas = studioCatalogue.events.schemas as { readonly [T in EventType]: EventSchemas[T] };
export const EVENT_TYPES = Object.keys(eventDataSchemas) as EventType[];
/** Event types that belong to a run: they must carry `runId`, and the others must not. */
export const RUN_EVENT_TYPES = studioCatalogue.events.runEventTypes as ReadonlySet<EventType>;

type CommandSchemaOf<F> = F extends { commands: readonly (infer C)[] }
  ? C extends FeatureCommand<infer S>
    ? S
    : never
  : never;
/** The schema of every feature's commands (joined into conductor/commands.ts's commandSchema). */
export type FeatureCommandSchema = CommandSchemaOf<StudioFeature>;
export const featureCommandSchemas = studioCatalogue.commandSchemas as unknown as readonly [
  FeatureCommandSchema,
  ...FeatureCommandSchema[],
];

type PageKeyOf<F> = F extends { pageFold: PageFold<infer K, unknown> } ? K : never;
type PageViewOf<F, K> = F extends { pageFold: PageFold<infer Key, infer V> } ? (Key extends K ? V : never) : never;
/** What the page shows of the features, by key (`alerts`, `intents`…): one fold each. */
export type FeatureViews = { [K in PageKeyOf<StudioFeature>]: PageViewOf<StudioFeature, K> };

/** Folds a batch of events into what the page shows of every feature (views it lacks start empty). */
export function foldFeatureViews(views: Partial<FeatureViews>, events: readonly StoredEvent[]): FeatureViews {
  return foldPageViews(studioCatalogue, views, events) as FeatureViews;
}
