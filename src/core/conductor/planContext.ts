import type { ConductorFacts, PlanContext } from '../feature/feature';
import type { FlowId } from '../ids';
import { studioCatalogue } from '../catalogue/studioCatalogue';
import type { ConductorPorts } from './ports';
import type { ConductorState } from './conductorState';

/** A flow and every flow its sub-flow steps run, however deep. */
function flowsReachedFrom(state: ConductorState, flowId: FlowId): Set<string> {
  const reached = new Set<string>();
  const visit = (id: string) => {
    if (reached.has(id)) return;
    reached.add(id);
    for (const step of state.definitions.flows.get(id as never)?.steps.values() ?? []) {
      const model = state.definitions.models.get(step.modelId);
      const inner = model ? state.kinds.of(model)?.flowOf?.(model) : undefined;
      if (inner !== undefined) visit(inner);
    }
  };
  visit(flowId);
  return reached;
}

/**
 * What a command's planner may read, taken from the conductor's folded state as it is now. Built
 * for each command inside the serial queue, so a planner never sees a state that moves under it.
 */
export function planContextOf(state: ConductorState, ports: ConductorPorts): PlanContext {
  const facts: ConductorFacts = {
    isGoing: (runId) => state.loop.isGoing(runId),
    isResumable: (runId) => state.loop.isResumable(runId),
    danglingGaps: (runId) => state.loop.danglingGaps(runId),
    openAsks: state.openAsks,
    planStep: (runId, stepId) => state.planStep(runId, stepId),
    history: state.history,
    flowEdits: state.flowEdits,
    intents: {
      clockOffset: state.intents.clockOffset,
      answer: (itemId, decision, notes) => state.intents.answer(itemId, decision, notes),
    },
    activeExtensions: state.activeExtensions.ids,
    flowsReachedFrom: (flowId) => flowsReachedFrom(state, flowId),
  };
  const context: PlanContext = {
    defs: state.definitions,
    kinds: state.kinds,
    ports,
    conductor: facts,
    stateOf: (fold) => state.stateOf(fold),
    async checkRun(flowId) {
      for (const feature of studioCatalogue.features) await feature.checkRun?.(flowId, context);
    },
    amendRun: (drafts, flowId) =>
      studioCatalogue.features.reduce(
        (amended, feature) => feature.amendRun?.(amended, flowId, context) ?? amended,
        drafts,
      ),
  };
  return context;
}
