import type { EventDraft, PlanStep } from '../../events/eventMap';
import type { AgentId, GapId } from '../../ids';
import type { KindModule } from '../../kinds/kindModule';
import type { ModelDefinition } from '../../models/modelDefinition';
import type { SpawnDecision } from '../flowEngine/stepDecisions';
import type { ConductorPorts } from '../ports';
import { agentLimits } from './agentLimits';
import type { BudgetCuts } from './runAgentForGap';

/** What spawning an agent for a step reads: the step as planned, its model at the planned version, and that model's kind. */
export interface SpawnContext {
  step: PlanStep;
  model: ModelDefinition | undefined;
  kind: KindModule | undefined;
  ports: Pick<ConductorPorts, 'newId' | 'newSeed' | 'clock'>;
}

/**
 * The events that send an agent for a step's gap: `gap.opened` and `agent.spawned`, with the
 * agent's goal, inputs, seed, start time and limits (its deadline and max_tokens, the least of
 * what the model, the policy and the budgets allow). `cutBy` names the budgets that set a limit,
 * so the agent's result can say which one cut it short.
 */
export function spawnDrafts(decision: SpawnDecision, ctx: SpawnContext): { drafts: EventDraft[]; cutBy?: BudgetCuts } {
  const { step, model, kind, ports } = ctx;
  const gapId = ports.newId('gap') as GapId;
  const agentId = ports.newId('agent') as AgentId;
  const limits = agentLimits(model, kind, step.policy, decision.room);
  const wall = limits.deadlineByBudget ? decision.budgets?.wallMs : undefined;
  const tokens = limits.maxTokensByBudget ? decision.budgets?.[limits.maxTokensByBudget] : undefined;
  const cutBy =
    wall !== undefined || tokens !== undefined
      ? { ...(wall !== undefined ? { wall } : {}), ...(tokens !== undefined ? { tokens } : {}) }
      : undefined;
  const outputs = step.outputs.map((p) => p.name).join(', ');
  const drafts: EventDraft[] = [
    {
      type: 'gap.opened',
      runId: decision.runId,
      data: { gapId, kind: 'reaction', stepId: decision.stepId, causeSeqs: decision.causeSeqs },
    },
    {
      type: 'agent.spawned',
      runId: decision.runId,
      data: {
        agentId,
        gapId,
        stepId: decision.stepId,
        modelId: decision.model.modelId,
        modelVersion: decision.model.modelVersion,
        goal: decision.reverse
          ? `Rebuild ${outputs} of “${step.label}” from downstream artifacts`
          : `Produce ${outputs} for step “${step.label}”`,
        inputs: decision.inputs,
        deadlineMs: limits.deadlineMs,
        seed: ports.newSeed(),
        now: ports.clock.now(),
        ...(decision.attempt > 1 ? { attempt: decision.attempt } : {}),
        ...(decision.item !== undefined ? { item: decision.item } : {}),
        ...(decision.reverse ? { mode: 'reverse' as const } : {}),
        ...(limits.maxTokens !== undefined ? { maxTokens: limits.maxTokens } : {}),
      },
    },
  ];
  return { drafts, ...(cutBy ? { cutBy } : {}) };
}
