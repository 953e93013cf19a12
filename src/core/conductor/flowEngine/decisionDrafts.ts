import type { EventDraft, PlanStep } from '../../events/eventMap';
import type { RunId, StepId } from '../../ids';
import { planTimeout, type OpenAsk } from '../../running/planAnswer';
import { settleDecision, type SettleContext } from './settleStep';
import type { Decision, SpawnDecision } from './stepDecisions';

/** What turning the gap loop's decisions into events reads, beyond what settling a step reads. */
export interface DecisionDraftContext extends SettleContext {
  openAsk(askId: string): OpenAsk | undefined;
  planStep(runId: RunId, stepId: StepId): PlanStep | undefined;
  /** The events that send an agent (agents/AgentLauncher.spawn). */
  spawn(decision: SpawnDecision): EventDraft[];
}

/**
 * The events one decision of the gap loop becomes: a run's finish, an ask's timeout policy, an
 * agent's spawn, or what the conductor settles itself (settleStep.ts). May throw: the caller
 * (ConductorFaults.draftAll) fails the step or the run with the sentence.
 */
export async function draftsForDecision(decision: Decision, ctx: DecisionDraftContext): Promise<EventDraft[]> {
  if (decision.type === 'finish') {
    return [
      {
        type: 'run.finished',
        runId: decision.runId,
        data: {
          status: decision.status,
          ...(decision.reason !== undefined ? { reason: decision.reason } : {}),
          ...(decision.stoppedAt !== undefined ? { stoppedAt: decision.stoppedAt } : {}),
        },
      },
    ];
  }
  if (decision.type === 'ask-timeout') {
    const ask = ctx.openAsk(decision.askId);
    return ask ? planTimeout(ask, ctx.planStep(ask.runId, ask.data.stepId), ctx.ports) : [];
  }
  ctx.ports.testHooks?.beforeDraft?.('model' in decision ? ctx.model(decision.model)?.name : undefined);
  if (decision.type !== 'spawn') return settleDecision(ctx, decision);
  return ctx.spawn(decision);
}
