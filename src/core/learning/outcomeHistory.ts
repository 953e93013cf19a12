import type { StoredEvent } from '../events/storedEvent';
import type { AgentId, StepId } from '../ids';
import { addOutcome, emptyTally, type OutcomeTally } from './thompson';

const keyOf = (stepId: string, modelId: string): string => `${stepId}\u0000${modelId}`;

/**
 * What each model did at each step, folded from the log: every agent that resolved (a forward
 * attempt, a map item), whether it succeeded, what it cost and how long it took. Runs of every
 * kind count (started here, forked, tested, imported with the project, brought back from a
 * runner), since all of them are events in the log. Pure and incremental: one event at a time,
 * kept as sums per step and model.
 */
export class OutcomeHistory {
  /** Agents between their spawn and their resolve: which step and model they work for. */
  private readonly atWork = new Map<AgentId, { stepId: StepId; modelId: string }>();
  private readonly tallies = new Map<string, OutcomeTally>();

  observe(event: StoredEvent): void {
    switch (event.type) {
      case 'agent.spawned':
        // A reverse rebuild runs the inverse model, which is not a candidate of the chain.
        if (event.data.mode !== 'reverse')
          this.atWork.set(event.data.agentId, { stepId: event.data.stepId, modelId: event.data.modelId });
        return;
      case 'agent.resolved': {
        const agent = this.atWork.get(event.data.agentId);
        if (!agent) return;
        this.atWork.delete(event.data.agentId);
        const key = keyOf(agent.stepId, agent.modelId);
        this.tallies.set(
          key,
          addOutcome(this.tallies.get(key) ?? emptyTally, {
            succeeded: event.data.outcome === 'succeeded',
            costUsd: event.data.usage?.costUsd ?? 0,
            latencyMs: event.data.durationMs,
          }),
        );
        return;
      }
      case 'run.continued':
        // Agents that died with their page never resolve: they are no outcome at all.
        for (const agent of event.data.abandoned) this.atWork.delete(agent.agentId);
        return;
      default:
        return;
    }
  }

  /** The recorded attempts of one model at one step (empty when there are none). */
  tallyOf(stepId: string, modelId: string): OutcomeTally {
    return this.tallies.get(keyOf(stepId, modelId)) ?? emptyTally;
  }
}
