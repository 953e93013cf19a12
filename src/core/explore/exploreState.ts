import type { EventData } from '../events/eventMap';
import type { StoredEvent } from '../events/storedEvent';

/** One exploration as the log tells it: started, then (once every variant finished) scored, maybe promoted. */
export interface Exploration {
  started: EventData<'explore.started'>;
  /** When it started (the event's seq and time). */
  seq: number;
  at: number;
  scored?: EventData<'explore.scored'>;
  /** Variants promoted, by run, in order (a promotion undone stays here: it happened). */
  promoted: readonly string[];
}

/** The project's explorations by id, in the order they started. */
export type ExploreState = ReadonlyMap<string, Exploration>;
export const emptyExplorations: ExploreState = new Map();

/** Folds one event; any event that is not about explorations returns the same state object. */
export function foldExplorations(state: ExploreState, event: StoredEvent): ExploreState {
  switch (event.type) {
    case 'explore.started':
      return new Map(state).set(event.data.exploreId, {
        started: event.data,
        seq: event.seq,
        at: event.ts,
        promoted: [],
      });
    case 'explore.scored': {
      const known = state.get(event.data.exploreId);
      return known ? new Map(state).set(event.data.exploreId, { ...known, scored: event.data }) : state;
    }
    case 'explore.promoted': {
      const known = state.get(event.data.exploreId);
      return known
        ? new Map(state).set(event.data.exploreId, { ...known, promoted: [...known.promoted, event.data.runId] })
        : state;
    }
    default:
      return state;
  }
}

export const foldAllExplorations = (
  events: Iterable<StoredEvent>,
  from: ExploreState = emptyExplorations,
): ExploreState => {
  let state = from;
  for (const event of events) state = foldExplorations(state, event);
  return state;
};

/** The explorations of one flow, newest first. */
export const explorationsOfFlow = (state: ExploreState, flowId: string): Exploration[] =>
  [...state.values()].filter((e) => e.started.flowId === flowId).reverse();
