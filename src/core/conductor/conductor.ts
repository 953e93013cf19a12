import { StudioError, describeError } from '../errors/studioError';
import { formatIssues } from '../errors/formatIssues';
import type { EventDraft } from '../events/eventMap';
import type { StoredEvent } from '../events/storedEvent';
import { openSoundLog } from '../log/openLog';
import type { ProjectId, RunId } from '../ids';
import type { ModelDefinition } from '../models/modelDefinition';
import type { ProjectDefinitions } from '../project/projectState';
import { planReopenedRuns, type Handover } from './planReopenedRuns';
import { commandSchema, type Command, type CommandResult, type ParsedCommand } from './commands';
import type { Decision, GapLoop } from './flowEngine/gapLoop';
import type { PlannedCommand } from '../feature/feature';
import { AgentLauncher } from './agents/agentLauncher';
import type { ConductorPorts } from './ports';
import type { IntentGaps, IntentHost } from './intentEngine/intentGaps';
import { draftsForDecision, type DecisionDraftContext } from './flowEngine/decisionDrafts';
import { ConductorFaults } from './agents/failureDrafts';
import { ConductorState } from './conductorState';
import { SerialQueue } from './serialQueue';
import { withLifecycleEvents } from '../kinds/extension/extensionLifecycle';
import { studioCatalogue } from '../catalogue/studioCatalogue';
import { planContextOf } from './planContext';
import { learningContextOf } from '../learning/learningFeature';
import type { PlanStep } from '../events/eventMap';
import type { StepId } from '../ids';
import type { LearningContext } from '../learning/learnedPlan';

export interface ConductorLimits {
  /** Breaker: agents running at once across the project. */
  maxConcurrentAgents: number;
}
export const defaultLimits: ConductorLimits = { maxConcurrentAgents: 20 };

/**
 * The project's only writer. It turns commands into events (dispatch, through the planners), and
 * pumps: it takes the engines' decisions (the flow engine's gap loop, then alerts, then the intent
 * engine), appends them, and hands the agents they spawn to the launcher. The engines and the
 * extension lifecycle return events and never append; what the conductor appends is folded into
 * its ConductorState. Every append goes through one queue (SerialQueue), so events are observed in
 * the order they were written. See README.md in this folder for the map.
 */
export class Conductor {
  /** Everything folded from the log: definitions, plans, asks, the gap loop and the intent gaps. */
  private readonly state = new ConductorState();
  /** The one queue every append goes through (agents' results batched in it: see serialQueue.ts). */
  private readonly queue = new SerialQueue();
  /** Agents from spawn to death: launched here, their results appended through the queue. */
  private readonly agents: AgentLauncher;
  /** Agents in flight plus pumps not yet finished: idle means zero. */
  private busy = 0;
  private idleWaiters: Array<() => void> = [];
  /** What throws while the conductor works on a run becomes an event, never a silent hang. */
  private readonly faults = new ConductorFaults((error) => this.ports.onFault?.(error));

  constructor(
    private readonly ports: ConductorPorts,
    private readonly limits: ConductorLimits = defaultLimits,
  ) {
    this.agents = new AgentLauncher({
      state: this.state,
      ports,
      faults: this.faults,
      intentHost: this.intentHost,
      appendResults: (drafts) => this.appendResults(drafts),
      serial: (work) => this.serial(work),
      appendNow: (drafts) => this.appendNow(drafts),
      agentDone: (life) =>
        void this.track(life.then(() => this.pump())).catch((error: unknown) => this.faults.shown(error, 'loop')),
      wake: () => void this.tick(),
    });
  }

  get definitions(): ProjectDefinitions {
    return this.state.definitions;
  }

  /** Intents: the second detector feeding the same pump (see intentGaps.ts). */
  get intents(): IntentGaps {
    return this.state.intents;
  }

  private get defs(): ProjectDefinitions {
    return this.state.definitions;
  }

  private get loop(): GapLoop {
    return this.state.loop;
  }

  /**
   * Loads and checks the log, creating the project (filled from `template`) if the log is empty.
   * Runs the log says were going lost their agents with the page that ran them: they continue by
   * themselves, or are marked interrupted when the project's settings say so (planReopenedRuns).
   * `after` says why this conductor has the log: the leading tab closed, or the studio reopened.
   */
  async open(
    projectId: ProjectId,
    name: string,
    template: (newId: (prefix: string) => string) => EventDraft[] = () => [],
    after: Handover = 'reopen',
  ): Promise<void> {
    await this.serial(async () => {
      // Verify the records as stored, then upcast and parse: a damaged log throws, naming its
      // first bad event, and this conductor never writes to it.
      const { events } = await openSoundLog(await this.ports.log.readRecords(), this.ports.sha256);
      for (const event of events) this.observe(event);
      this.state.markOpened();
      // A new project and its template land in one append: never half made.
      if (events.length === 0)
        await this.appendNow([{ type: 'project.created', data: { projectId, name } }, ...template(this.ports.newId)]);
      // One append for every run: a page that dies meanwhile leaves all of them as they were, to be found again.
      const reopened = planReopenedRuns(this.loop, this.defs.settings, after);
      if (reopened.length > 0) await this.appendNow(reopened);
      const dangling = this.intents.danglingAgents(this.intents.now(this.intentHost));
      if (dangling.length > 0) await this.appendNow(dangling);
    });
    await this.track(this.pump());
  }

  /** Validates and carries out one command. Never throws: failures come back as sentences. */
  async execute(raw: Command): Promise<CommandResult> {
    const parsed = commandSchema.safeParse(raw);
    if (!parsed.success) {
      return {
        ok: false,
        error: {
          code: 'invalid-command',
          message: `That request was refused. ${formatIssues(parsed.error)}`,
          hint: 'Nothing was changed.',
        },
      };
    }
    try {
      const result = await this.serial(async () => {
        const planned = await this.plan(parsed.data);
        const events = planned.drafts.length > 0 ? await this.appendNow(planned.drafts) : [];
        return {
          ok: true as const,
          seq: events.at(-1)?.seq ?? this.defs.headSeq,
          ...(planned.createdId !== undefined ? { createdId: planned.createdId } : {}),
        };
      });
      // After a command that wakes the loop (a run started, a rule changed…), look at what is due.
      if (studioCatalogue.loopCommands.has(parsed.data.type)) await this.track(this.pump());
      return result;
    } catch (error) {
      return { ok: false, error: describeError(error) };
    }
  }

  /** Looks again at what may be due: deadlines on the clock, cooldowns that ended. */
  tick(): Promise<void> {
    return this.track(this.pump()).catch((error: unknown) => this.faults.shown(error, 'loop'));
  }

  /**
   * The runs going, as the log has them so far: started and not finished, those waiting for a
   * person, a timer or a release included. A host asks this (the runner, to know whether its
   * driver may let go) instead of folding the log again.
   */
  runsGoing(): RunId[] {
    return this.loop.goingRuns();
  }

  /** Resolves when no agent is running and nothing is due: for tests and the run-to-completion API. */
  whenIdle(): Promise<void> {
    if (this.busy === 0) return this.queue.drained();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Every command is a feature's (see src/core/catalogue): its planner reads the state as it is now. */
  private async plan(cmd: ParsedCommand): Promise<PlannedCommand> {
    const handled = studioCatalogue.commands.get(cmd.type);
    if (!handled)
      throw new StudioError('invalid-command', `This studio has no command “${cmd.type}”.`, 'Nothing was changed.');
    return handled.plan(cmd, planContextOf(this.state, this.ports));
  }

  /** What a run's learning steps order their models by: the project's recorded outcomes, a fresh seed, the models' names. */
  private get learning(): LearningContext {
    return learningContextOf(this.state.outcomes, () => this.ports.newSeed(), this.defs.models);
  }

  /** Turns due decisions into events and agents, until the gap loop has nothing more to say. */
  private async pump(): Promise<void> {
    const intentAgents: StoredEvent[] = [];
    await this.serial(async () => {
      for (;;) {
        const free = this.maxAgents() - this.agents.agentsInFlight - intentAgents.length;
        let decisions: Decision[];
        try {
          decisions = this.loop.takeDecisions(Math.max(0, free), this.ports.clock.now());
        } catch (error) {
          // A bug in the gap loop itself: the runs still going fail with its sentence rather than hang.
          const failed = this.faults.loopFailed(
            error,
            this.state.plannedRuns().filter((runId) => !this.loop.isResumable(runId)),
          );
          if (failed.length === 0) break;
          await this.appendNow(failed);
          continue;
        }
        if (decisions.length === 0) {
          // Alerts read what the runs just did (and the clock): firing, resolving, holding runs.
          const alerting = this.state.alerts.evaluate(
            this.state.alerts.virtualNow(this.ports.clock.now()),
            this.ports.newId,
          );
          if (alerting.length > 0) {
            await this.appendNow(alerting);
            continue;
          }
          // Flows first, then intents: one pump, one concurrency budget, one append queue.
          // The intent engine decides; the conductor appends, and launches the agents it spawned.
          let appended: StoredEvent[];
          try {
            const decided = this.intents.decide(this.intentHost);
            if (decided.length === 0) break;
            appended = await this.appendNow(decided);
          } catch (error) {
            this.faults.shown(error, 'intent-detector');
            break;
          }
          intentAgents.push(...appended.filter((e) => e.type === 'intentAgent.spawned'));
          continue;
        }
        // A decision that throws fails its step (or its run), not the pump: other runs go on.
        const decided = await this.faults.draftAll(
          decisions,
          (d) => draftsForDecision(d, this.decisionContext),
          (runId, stepId) => this.planStep(runId, stepId)?.label,
        );
        // The extension lifecycle adds what the round implies (activated before a first agent, unloaded when idle); the fold applies it.
        const drafts = withLifecycleEvents(decided, this.state.lifecycleView());
        if (drafts.length === 0) continue;
        const committed = this.appendNow(drafts);
        // Pipelined: each agent starts from its spawn draft while the spawn commits (see AgentLauncher.launch).
        for (const draft of drafts)
          if (draft.type === 'agent.spawned' && draft.runId !== undefined)
            this.agents.launch(draft.runId as RunId, draft.data, committed);
        await committed;
      }
    });
    const wake = this.loop.nextWakeAt();
    if (wake !== undefined) this.ports.wakeAt?.(wake);
    const alerts = this.state.alerts;
    const alertWake = alerts.nextWakeAt(alerts.virtualNow(this.ports.clock.now()));
    if (alertWake !== undefined) this.ports.wakeAt?.(alerts.clockTime(alertWake));
    for (const event of intentAgents) this.agents.launchIntent(event);
  }

  private maxAgents(): number {
    return this.intents.detector.document?.breakers?.maxConcurrentAgents ?? this.limits.maxConcurrentAgents;
  }

  private readonly intentHost: IntentHost = {
    clockNow: () => this.ports.clock.now(),
    freeSlots: () => this.maxAgents() - this.agents.agentsInFlight - this.intents.agentsInFlight,
    runsIdle: () => !this.loop.hasActiveRuns,
    modelNamed: (name) => [...this.defs.models.values()].find((m) => m.name === name),
    newId: (prefix) => this.ports.newId(prefix),
    newSeed: () => this.ports.newSeed(),
  };

  private async track(work: Promise<void>): Promise<void> {
    this.busy += 1;
    try {
      await work;
    } finally {
      this.busy -= 1;
      this.notifyIfIdle();
    }
  }

  /** What the gap loop's decisions are drafted with: the folded state, the ports, and the agents' spawns. */
  private get decisionContext(): DecisionDraftContext {
    return {
      ports: this.ports,
      defs: this.defs,
      plan: (runId) => this.state.runPlan(runId),
      model: (ref) => this.modelAt(ref),
      kinds: this.state.kinds,
      runRoom: (runId) => this.loop.runRoom(runId),
      depthOf: (runId) => this.state.depthOf(runId),
      learning: this.learning,
      openAsk: (askId) => this.state.openAsks.get(askId),
      planStep: (runId, stepId) => this.planStep(runId, stepId),
      spawn: (decision) => this.agents.spawn(decision),
    };
  }

  /** A model as it was at one version: runs and agents name the version they were planned with. */
  private modelAt(ref: { modelId: string; modelVersion: number }): ModelDefinition | undefined {
    return this.state.modelAt(ref);
  }

  private planStep(runId: RunId, stepId: StepId): PlanStep | undefined {
    return this.state.planStep(runId, stepId);
  }

  /**
   * Agents' results, appended in the queue. Results that wait for their turn together are
   * appended together (group commit): their appends reach the log at once, so it writes them in
   * one transaction. Each agent's drafts stay atomic and fail alone; the batch is observed inside
   * the queue, in seq order, like every other append.
   */
  private readonly results = this.queue.batched((batch: EventDraft[][]) => this.appendBatch(batch));

  private async appendResults(drafts: EventDraft[]): Promise<void> {
    await this.results(drafts);
  }

  private async appendBatch(batch: EventDraft[][]): Promise<Array<PromiseSettledResult<StoredEvent[]>>> {
    // An agent of a run stopped meanwhile is abandoned: what it still sends is not written.
    const outcomes = await Promise.allSettled(
      batch.map((drafts) => (this.ofStoppedRun(drafts) ? Promise.resolve([]) : this.ports.log.append(drafts))),
    );
    // The log resolves callers in the order they called: observe in seq order.
    for (const outcome of outcomes) if (outcome.status === 'fulfilled') this.observeAppended(outcome.value);
    // One caller's drafts refused by the log (invalid, or the write failed) fail that caller only.
    return outcomes.map((o) =>
      o.status === 'rejected' && !(o.reason instanceof Error)
        ? { status: 'rejected', reason: new Error(describeError(o.reason).message) }
        : o,
    );
  }

  /** Drafts of a run that is interrupted: only an agent that outlived a Stop sends them. */
  private ofStoppedRun(drafts: EventDraft[]): boolean {
    const runId = drafts.find((d) => d.runId !== undefined)?.runId;
    return runId !== undefined && this.loop.isResumable(runId as RunId);
  }

  private notifyIfIdle(): void {
    if (this.busy > 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  private async appendNow(drafts: EventDraft[]): Promise<StoredEvent[]> {
    const events = await this.ports.log.append(drafts);
    this.observeAppended(events);
    return events;
  }

  private observeAppended(events: StoredEvent[]): void {
    for (const event of events) this.observe(event);
    this.ports.onAppended?.(events);
  }

  private observe(event: StoredEvent): void {
    this.state.observe(event);
    // A stopped run's agents are abandoned: abort their model calls, so nobody pays for the rest.
    if (event.type === 'run.finished' && event.data.status === 'interrupted' && event.runId !== undefined)
      this.agents.cancelRun(event.runId);
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    return this.queue.run(work);
  }
}
