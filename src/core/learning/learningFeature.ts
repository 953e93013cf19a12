import { defineFeature, type ConductorFold } from '../feature/feature';
import { LEARNING_RUN_EVENT_TYPES, learningEventSchemas } from './learningEvents';
import { OutcomeHistory } from './outcomeHistory';

/** What each model did at each step: what learning orders a fallback chain by (see learnedPlan.ts). */
export const outcomesFold: ConductorFold<OutcomeHistory> = {
  initial: () => new OutcomeHistory(),
  fold: (history, event) => {
    history.observe(event);
    return history;
  },
};

/**
 * Learning: steps whose policy learns their model order have it chosen (Thompson sampling) from the
 * outcomes recorded so far; each choice is an event of the run, so replays never choose again.
 */
export const learningFeature = defineFeature({
  name: 'learning',
  events: learningEventSchemas,
  runEventTypes: LEARNING_RUN_EVENT_TYPES,
  conductorFold: outcomesFold,
});
