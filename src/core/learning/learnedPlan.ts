import type { EventData, ModelRef, PlanStep, RunPlan } from '../events/eventMap';
import type { ModelId } from '../ids';
import type { OutcomeHistory } from './outcomeHistory';
import { chooseFromTallies, defaultWeights, type LearningWeights } from './thompson';

export type ModelChoice = EventData<'model.chosen'>;

/** What learning needs from the conductor: the project's history, a fresh seed, and model names for the sentence. */
export interface LearningContext {
  history: OutcomeHistory;
  newSeed: () => number;
  nameOf: (modelId: string) => string | undefined;
}

/** The weights a step's merged policy gives, the rest from the defaults. */
export function weightsOf(step: PlanStep): LearningWeights {
  const set = step.policy?.learning?.weights;
  return {
    success: set?.success ?? defaultWeights.success,
    cost: set?.cost ?? defaultWeights.cost,
    latency: set?.latency ?? defaultWeights.latency,
  };
}

/** A step's candidate models as written: its own model, then its fallback chain, each model once. */
export function candidatesOf(step: PlanStep): ModelRef[] {
  const all = [{ modelId: step.modelId, modelVersion: step.modelVersion }, ...(step.fallbacks ?? [])];
  return all.filter((ref, i) => all.findIndex((r) => r.modelId === ref.modelId) === i);
}

/** Whether learning orders this step: its policy says `thompson` and there is more than one model to order. */
export const learnsOrder = (step: PlanStep): boolean =>
  step.policy?.learning?.fallbackOrder === 'thompson' && candidatesOf(step).length > 1;

/**
 * The run's plan with each learning step's chain put in the order Thompson sampling chose, and
 * one `model.chosen` per such step saying why. Steps whose policy keeps the fixed order (the
 * default) are left exactly as they are, and then no event is written. Each step draws from a
 * seed of its own, recorded in its event, so the choice can be made again from the log.
 */
export function learnedPlan(plan: RunPlan, learning: LearningContext): { plan: RunPlan; choices: ModelChoice[] } {
  const choices: ModelChoice[] = [];
  const steps = plan.steps.map((step) => {
    if (!learnsOrder(step)) return step;
    const candidates = candidatesOf(step);
    const weights = weightsOf(step);
    const seed = learning.newSeed() >>> 0;
    const names: Record<string, string> = {};
    for (const c of candidates) names[c.modelId] = learning.nameOf(c.modelId) ?? c.modelId;
    const chosen = chooseFromTallies(
      candidates.map((c) => c.modelId),
      (modelId) => learning.history.tallyOf(step.stepId, modelId),
      seed,
      weights,
      names,
    );
    const refOf = (modelId: string) => candidates.find((c) => c.modelId === modelId) as ModelRef;
    const [first, ...rest] = chosen.order.map(refOf) as [ModelRef, ...ModelRef[]];
    choices.push({
      stepId: step.stepId,
      order: chosen.order as ModelId[],
      seed,
      weights,
      candidates: chosen.stats.map((s) => ({
        ...s,
        modelId: s.modelId as ModelId,
        modelVersion: refOf(s.modelId).modelVersion,
      })),
      reason: chosen.reason,
    });
    const { fallbacks: _written, ...others } = step;
    return {
      ...others,
      modelId: first.modelId,
      modelVersion: first.modelVersion,
      ...(rest.length > 0 ? { fallbacks: rest } : {}),
    };
  });
  return { plan: choices.length > 0 ? { ...plan, steps } : plan, choices };
}

/**
 * A fork runs the flow as it is now, but it must try each learning step's chain in the order its
 * parent did: a step is reused only when its first model is the one the parent planned (planReuse),
 * and learning again would draw a new order for what the parent already paid for.
 */
export function alignToParent(plan: RunPlan, parent: RunPlan): RunPlan {
  let changed = false;
  const steps = plan.steps.map((step) => {
    const before = parent.steps.find((s) => s.stepId === step.stepId);
    if (!before || !learnsOrder(step) || !learnsOrder(before)) return step;
    const now = candidatesOf(step);
    const then = candidatesOf(before).map((c) => now.find((n) => n.modelId === c.modelId));
    if (then.some((c) => c === undefined) || then.length !== now.length) return step;
    const [first, ...rest] = then as [ModelRef, ...ModelRef[]];
    changed = true;
    const { fallbacks: _written, ...others } = step;
    return {
      ...others,
      modelId: first.modelId,
      modelVersion: first.modelVersion,
      ...(rest.length > 0 ? { fallbacks: rest } : {}),
    };
  });
  return changed ? { ...plan, steps } : plan;
}
