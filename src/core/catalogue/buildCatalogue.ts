import type { z } from 'zod';
import type { EventCatalogue } from '../events/eventCodec';
import type { EventUpcaster } from '../events/eventUpcasters';
import type { StoredEvent } from '../events/storedEvent';
import type { CommandSchema, ConductorFold, Feature, FeatureCommand, FeatureHost, PageFold } from '../feature/feature';

/**
 * Everything the studio derives from its list of features: the event map (schemas, upcasters, run
 * events), the commands (by type, with their schemas) and both folds. Pure: tests build catalogues
 * of their own lists.
 */
export interface Catalogue {
  readonly features: readonly Feature[];
  readonly events: EventCatalogue;
  /** Every command, by its `type`. */
  readonly commands: ReadonlyMap<string, FeatureCommand>;
  /** The types of the commands after which the loop may have new work (they replace a hand-kept list). */
  readonly loopCommands: ReadonlySet<string>;
  readonly commandSchemas: readonly CommandSchema[];
  readonly conductorFolds: readonly ConductorFold<unknown>[];
  readonly pageFolds: readonly PageFold<string, unknown>[];
}

const literalType = (schema: CommandSchema): string => String(schema.shape.type.value);

/**
 * Builds the catalogue, refusing (with a sentence naming both features) an event type, a command or
 * a page view key that two features claim, and a run event a feature does not declare.
 */
export function buildCatalogue(features: readonly Feature[]): Catalogue {
  const schemas: Record<string, z.ZodType> = {};
  const upcasters: EventUpcaster[] = [];
  const runEventTypes = new Set<string>();
  const commands = new Map<string, FeatureCommand>();
  const owners = new Map<string, string>();
  const claim = (what: string, by: string): void => {
    const taken = owners.get(what);
    if (taken !== undefined)
      throw new Error(`The features ${taken} and ${by} both declare ${what}; each must be declared by one feature.`);
    owners.set(what, by);
  };
  for (const feature of features) {
    claim(`the feature name “${feature.name}”`, feature.name);
    for (const [type, schema] of Object.entries(feature.events ?? {})) {
      claim(`the event type ${type}`, feature.name);
      schemas[type] = schema;
    }
    for (const type of feature.runEventTypes ?? []) {
      if (!Object.hasOwn(feature.events ?? {}, type))
        throw new Error(`The feature ${feature.name} names ${type} as a run event but does not declare it.`);
      runEventTypes.add(type);
    }
    for (const upcaster of feature.upcasters ?? []) {
      if (!Object.hasOwn(feature.events ?? {}, upcaster.type))
        throw new Error(
          `The feature ${feature.name} lists an upcaster of ${upcaster.type}, an event type it does not declare.`,
        );
      upcasters.push(upcaster);
    }
    for (const handled of feature.commands ?? []) {
      const type = literalType(handled.schema);
      claim(`the command ${type}`, feature.name);
      commands.set(type, handled);
    }
    if (feature.pageFold) claim(`the page view ${feature.pageFold.key}`, feature.name);
  }
  return {
    features,
    events: { schemas, upcasters, runEventTypes },
    commands,
    loopCommands: new Set([...commands].filter(([, c]) => c.wakesLoop).map(([type]) => type)),
    commandSchemas: [...commands.values()].map((c) => c.schema),
    conductorFolds: features.flatMap((f) => (f.conductorFold ? [f.conductorFold] : [])),
    pageFolds: features.flatMap((f) => (f.pageFold ? [f.pageFold] : [])),
  };
}

/** Each feature's conductor state, keyed by its fold (what `PlanContext.stateOf` reads). */
export type ConductorStates = Map<ConductorFold<unknown>, unknown>;

export function initialConductorStates(catalogue: Catalogue, host: FeatureHost): ConductorStates {
  return new Map(catalogue.conductorFolds.map((fold) => [fold, fold.initial(host)]));
}

/** Folds one event into every feature's conductor state, in catalogue order. */
export function foldConductorStates(catalogue: Catalogue, states: ConductorStates, event: StoredEvent): void {
  for (const fold of catalogue.conductorFolds) states.set(fold, fold.fold(states.get(fold), event));
}

/**
 * Folds a batch of events into every feature's page view (a view absent from `views` starts from
 * its initial one). A view no event changed keeps its identity, so the page re-renders only what changed.
 */
export function foldPageViews(
  catalogue: Catalogue,
  views: object,
  events: readonly StoredEvent[],
): Record<string, unknown> {
  const before = views as Readonly<Record<string, unknown>>;
  const next: Record<string, unknown> = {};
  for (const fold of catalogue.pageFolds) next[fold.key] = fold.fold(before[fold.key] ?? fold.initial, events);
  return next;
}
