import type { StoredEvent } from '../events/storedEvent';
import type { FlowTest, FlowTestResult } from './flowTestSchema';

/** One judged run of a test, with when it was judged (the event's time). */
export interface FlowTestOutcome {
  result: FlowTestResult;
  at: number;
  seq: number;
}

/** The project's flow tests and the history of their results, folded from the log. */
export interface FlowTestsState {
  tests: ReadonlyMap<string, FlowTest>;
  /** By test id, oldest first. A removed test's history goes with it. */
  history: ReadonlyMap<string, readonly FlowTestOutcome[]>;
}

export const emptyFlowTests: FlowTestsState = { tests: new Map(), history: new Map() };

/** Folds one event; any event that is not about flow tests returns the same state object. */
export function foldFlowTests(state: FlowTestsState, event: StoredEvent): FlowTestsState {
  switch (event.type) {
    case 'flowTest.saved':
      return { ...state, tests: new Map(state.tests).set(event.data.test.testId, event.data.test) };
    case 'flowTest.removed': {
      if (!state.tests.has(event.data.testId)) return state;
      const tests = new Map(state.tests);
      tests.delete(event.data.testId);
      const history = new Map(state.history);
      history.delete(event.data.testId);
      return { tests, history };
    }
    case 'flowTest.evaluated': {
      const { result } = event.data;
      if (!state.tests.has(result.testId)) return state;
      const before = state.history.get(result.testId) ?? [];
      return {
        ...state,
        history: new Map(state.history).set(result.testId, [...before, { result, at: event.ts, seq: event.seq }]),
      };
    }
    default:
      return state;
  }
}

export const foldAllFlowTests = (
  events: Iterable<StoredEvent>,
  from: FlowTestsState = emptyFlowTests,
): FlowTestsState => {
  let state = from;
  for (const event of events) state = foldFlowTests(state, event);
  return state;
};

/** The tests of one flow, in the order they were first saved. */
export const testsOfFlow = (state: FlowTestsState, flowId: string): FlowTest[] =>
  [...state.tests.values()].filter((t) => t.flowId === flowId);
