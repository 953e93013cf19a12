import type { AgentId, GapId, RunId, StepId } from '../../ids';

/** An agent the log says is at work: spawned, not yet resolved. */
export interface AgentAtWork {
  agentId: AgentId;
  gapId: GapId;
  stepId: StepId;
  item?: number;
}

/** Per run, the agents between their spawn and their resolve: those a closing page leaves behind. */
export class AgentsAtWork {
  private readonly byRun = new Map<RunId, Map<AgentId, AgentAtWork>>();

  spawned(runId: RunId, agent: AgentAtWork): void {
    let agents = this.byRun.get(runId);
    if (!agents) this.byRun.set(runId, (agents = new Map<AgentId, AgentAtWork>()));
    agents.set(agent.agentId, agent);
  }

  /** The agent resolved, or the run went on without it. */
  gone(runId: RunId, agentId: AgentId): void {
    this.byRun.get(runId)?.delete(agentId);
  }

  /** The run finished, or a resume abandoned every agent it had. */
  forget(runId: RunId): void {
    this.byRun.delete(runId);
  }

  of(runId: RunId): AgentAtWork[] {
    return [...(this.byRun.get(runId)?.values() ?? [])];
  }
}
