import type { EventData, EventDraft } from '../../events/eventMap';
import type { StoredEvent } from '../../events/storedEvent';
import type { AgentId, RunId } from '../../ids';
import { llmModelNamed } from '../../kinds/llm/llmKind';
import type { ConductorState } from '../conductorState';
import type { SpawnDecision } from '../flowEngine/stepDecisions';
import type { IntentHost } from '../intentEngine/intentGaps';
import { agentBus } from '../../bus/agentBus';
import { busIndexFold } from '../../bus/busFeature';
import type { AgentHost, ConductorPorts } from '../ports';
import { StudioError } from '../../errors/studioError';
import { agentFailureDrafts, faultReason, type ConductorFaults } from './failureDrafts';
import { runAgentForGap, type BudgetCuts } from './runAgentForGap';
import { runIntentAgent } from './runIntentAgent';
import { spawnDrafts } from './spawnDrafts';

/** What the launcher needs from the conductor: its folded state, ports and faults, and its one queue. */
export interface LauncherHost {
  readonly state: ConductorState;
  readonly ports: ConductorPorts;
  readonly faults: ConductorFaults;
  readonly intentHost: IntentHost;
  /** Appends one agent's results in the conductor's queue (with the results that wait their turn beside them, in one transaction). */
  appendResults(drafts: EventDraft[]): Promise<void>;
  /** Runs a job in the conductor's queue. */
  serial<T>(work: () => Promise<T>): Promise<T>;
  /** Appends at once: only from inside a job of the queue. */
  appendNow(drafts: EventDraft[]): Promise<StoredEvent[]>;
  /** An agent's life is over (its results written, or its failure told): the conductor tracks it, then pumps. */
  agentDone(life: Promise<void>): void;
  /** Something an agent wrote while it works (a message on the bus) may make steps due: the conductor pumps. */
  wake(): void;
}

/**
 * Agents from their spawn to their death: a step's agent (runAgentForGap) and an intent's agent
 * (runIntentAgent). It drafts a step agent's spawn, starts the agent while its spawn commits, and
 * hands what the agent produced to the conductor's queue; whatever throws becomes the agent's
 * failure in the log, never a lost agent. It counts the step agents at work, for the breaker on
 * agents at once.
 */
export class AgentLauncher {
  private running = 0;
  /** Agents whose deadline or max_tokens a budget set, by which budget: their results name it if it cut them short. */
  private readonly budgetCuts = new Map<AgentId, BudgetCuts>();
  /** Step agents at work, by run: a stopped run's agents have their LLM calls cancelled. */
  private readonly atWork = new Map<RunId, Set<AgentId>>();

  constructor(private readonly host: LauncherHost) {}

  /** Step agents launched and not yet over. */
  get agentsInFlight(): number {
    return this.running;
  }

  /**
   * The run was stopped: its agents' LLM calls in flight are aborted, so the model stops generating
   * (and billing). What the agents still send is dropped by the conductor, as for any stopped run.
   */
  cancelRun(runId: RunId): void {
    for (const agentId of this.atWork.get(runId) ?? []) this.host.ports.llm?.cancel?.(agentId);
  }

  /** The events that send an agent for a spawn decision (`gap.opened`, `agent.spawned`). */
  spawn(decision: SpawnDecision): EventDraft[] {
    const { state, ports } = this.host;
    const step = state.planStep(decision.runId, decision.stepId);
    if (!step) throw new StudioError('not-found', 'A run refers to a step it does not contain.');
    const model = state.modelAt(decision.model);
    const { drafts, cutBy } = spawnDrafts(decision, {
      step,
      model,
      kind: model ? state.kinds.of(model) : undefined,
      ports,
    });
    const spawned = drafts.find((d) => d.type === 'agent.spawned');
    if (cutBy && spawned?.type === 'agent.spawned') this.budgetCuts.set(spawned.data.agentId, cutBy);
    return drafts;
  }

  /**
   * A step agent's life after its spawn was drafted: it starts at once and its results wait for
   * `committed` (the spawn's append), so the log's order holds and nothing is promoted for a spawn
   * that was never written. A crash before the commit loses only work never acknowledged: the gap
   * is found again when the project reopens.
   */
  launch(runId: RunId, spawned: EventData<'agent.spawned'>, committed: Promise<unknown>): void {
    const { state, ports, faults } = this.host;
    this.running += 1;
    const ofRun = this.atWork.get(runId) ?? new Set<AgentId>();
    ofRun.add(spawned.agentId);
    this.atWork.set(runId, ofRun);
    const model = state.modelAt(spawned);
    const written = committed.then(
      () => true,
      () => false,
    );
    const promote = async (drafts: EventDraft[]) => {
      if (await written) await this.host.appendResults(drafts);
    };
    const defs = state.definitions;
    const cutBy = this.budgetCuts.get(spawned.agentId);
    this.budgetCuts.delete(spawned.agentId);
    const life = runAgentForGap({
      ...(cutBy ? { cutBy } : {}),
      spawned,
      runId,
      model,
      kind: model ? state.kinds.of(model) : undefined,
      step: state.planStep(runId, spawned.stepId),
      journal: state.journalOf(runId),
      spawnedAt: spawned.now ?? ports.clock.now(),
      ports,
      llmModelNamed: (name) => llmModelNamed(defs.models.values(), name),
      bus: this.busFor(runId, spawned),
    })
      .then(promote)
      // Its work or its promotion threw: the agent resolves failed with a sentence naming the code.
      .catch((error: unknown) =>
        promote(agentFailureDrafts(runId, spawned, faultReason(faults.caught(error, 'agent')))),
      )
      // A failure to append even the failure is a storage fault; the run stays open and is marked
      // interrupted at the next start, so nothing is lost, and the page is told now.
      .catch((error: unknown) => faults.unrecorded(error, 'agent'))
      .finally(() => {
        this.running -= 1;
        ofRun.delete(spawned.agentId);
        if (ofRun.size === 0 && this.atWork.get(runId) === ofRun) this.atWork.delete(runId);
      });
    this.host.agentDone(life);
  }

  /** The agent's ctx.bus: it posts and claims by its step's name, in its run's tree. */
  private busFor(runId: RunId, spawned: EventData<'agent.spawned'>): AgentHost['bus'] {
    const { state, ports } = this.host;
    const name = state.planStep(runId, spawned.stepId)?.label ?? spawned.stepId;
    return agentBus(
      runId,
      { kind: 'agent', agentId: spawned.agentId, stepId: spawned.stepId, name },
      {
        index: () => state.stateOf(busIndexFold),
        serial: (work) => this.host.serial(work),
        appendNow: (drafts) => this.host.appendNow(drafts),
        now: () => ports.clock.now(),
        newId: (prefix) => ports.newId(prefix),
        wake: () => this.host.wake(),
      },
    );
  }

  /** An intent agent's life after its spawn was appended: work in a sandbox, then the promotion gate, then die. */
  launchIntent(spawned: StoredEvent): void {
    if (spawned.type !== 'intentAgent.spawned') return;
    const { state, ports, faults, intentHost } = this.host;
    const intents = state.intents;
    const model = state.modelAt(spawned.data);
    const violation = intents.detector.violation(intents.keyOf(spawned.data.gapId) ?? '');
    const life = runIntentAgent(spawned.data, model, violation, intents.now(intentHost), ports.agents)
      .catch((error: unknown) => ({
        kind: 'failed' as const,
        reason: faultReason(faults.caught(error, 'intent-agent')),
        logs: [],
        durationMs: 0,
      }))
      .then((result) => {
        intents.submit(spawned, result);
        faults.intentSubmitted(spawned);
        // Drafts that finish together are promoted in one round, so they can be composed.
        return this.host.serial(() =>
          faults.promoteIntents(
            () => intents.promote(intentHost),
            (drafts) => this.host.appendNow(drafts),
            () => intents.now(intentHost),
          ),
        );
      })
      // Not even the failure could be appended: the agent is settled at the next open; the page is told now.
      .catch((error: unknown) => faults.unrecorded(error, 'intent-agent'));
    this.host.agentDone(life);
  }
}
