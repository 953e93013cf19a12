import { defineFeature, type ConductorFold } from '../feature/feature';
import { LEARNING_RUN_EVENT_TYPES, learningEventSchemas } from './learningEvents';
import type { ModelId } from '../ids';
import type { LearningContext } from './learnedPlan';
import { OutcomeHistory } from './outcomeHistory';

/** What each model did at each step: what learning orders a fallback chain by (see learnedPlan.ts). */
export const outcomesFold: ConductorFold<OutcomeHistory> = {
  initial: () => new OutcomeHistory(),
  fold: (history, event) => {
    history.observe(event);
    return history;
  },
};

/** What a new run's learning steps order their models by: the outcomes so far, a fresh seed, the models' names. */
export function learningContextOf(
  history: OutcomeHistory,
  newSeed: () => number,
  models: ReadonlyMap<ModelId, { readonly name: string }>,
): LearningContext {
  return { history, newSeed, nameOf: (modelId) => models.get(modelId as ModelId)?.name };
}

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
