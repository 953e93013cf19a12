import { StudioError, describeError } from '../errors/studioError';
import { formatIssues } from '../errors/formatIssues';
import type { EventData, EventDraft } from '../events/eventMap';
import type { StoredEvent } from '../events/storedEvent';
import { openSoundLog } from '../log/openLog';
import type { AgentId, GapId, ProjectId, RunId } from '../ids';
import type { ModelDefinition } from '../models/modelDefinition';
import type { ProjectDefinitions } from '../project/projectState';
import { planReopenedRuns, type Handover } from './planReopenedRuns';
import { commandSchema, type Command, type CommandResult, type ParsedCommand } from './commands';
import type { Decision, GapLoop } from './gapLoop';
import type { PlannedCommand } from '../feature/feature';
import { runAgentForGap, type BudgetCuts } from './runAgentForGap';
import { llmModelNamed } from '../kinds/llm/llmKind';
import type { ConductorPorts } from './ports';
import type { IntentGaps, IntentHost } from './intentGaps';
import { runIntentAgent } from './runIntentAgent';
import { planTimeout } from '../running/planAnswer';
import { settleDecision, type SettleContext } from './settleStep';
import { agentLimits } from './agentLimits';
import { ConductorFaults, agentFailureDrafts, faultReason } from './failureDrafts';
import { ConductorState } from './conductorState';
import { studioCatalogue } from '../catalogue/studioCatalogue';
import { planContextOf } from './planContext';
import { learningContextOf } from '../learning/learningFeature';
import { GroupCommitQueue } from './groupCommit';
import type { PlanStep } from '../events/eventMap';
import type { StepId } from '../ids';
import type { LearningContext } from '../learning/learnedPlan';

export interface ConductorLimits {
  /** Breaker: agents running at once across the project. */
  maxConcurrentAgents: number;
}
export const defaultLimits: ConductorLimits = { maxConcurrentAgents: 20 };

/**
 * The project's only writer. It turns commands into events (dispatch), and pumps the gap loop's
 * decisions into events and agents. What it knows is folded from those events into its
 * ConductorState. All appends go through one queue, so events are observed in the order they were written.
 */
export class Conductor {
  /** Everything folded from the log: definitions, plans, asks, the gap loop and the intent gaps. */
  private readonly state = new ConductorState();
  private queue: Promise<unknown> = Promise.resolve();
  private agentsInFlight = 0;
  /** Agents whose deadline or max_tokens a budget set, by which budget: their results name it if it cut them short. */
  private readonly budgetCuts = new Map<AgentId, BudgetCuts>();
  /** Agents in flight plus pumps not yet finished: idle means zero. */
  private busy = 0;
  private idleWaiters: Array<() => void> = [];
  /** What throws while the conductor works on a run becomes an event, never a silent hang. */
  private readonly faults = new ConductorFaults((error) => this.ports.onFault?.(error));

  constructor(
    private readonly ports: ConductorPorts,
    private readonly limits: ConductorLimits = defaultLimits,
  ) {}

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
  async open(projectId: ProjectId, name: string, template: (newId: (prefix: string) => string) => EventDraft[] = () => [], after: Handover = 'reopen'): Promise<void> {
    await this.serial(async () => {
      // Verify the records as stored, then upcast and parse: a damaged log throws, naming its
      // first bad event, and this conductor never writes to it.
      const { events } = await openSoundLog(await this.ports.log.readRecords(), this.ports.sha256);
      for (const event of events) this.observe(event);
      this.state.markOpened();
      // A new project and its template land in one append: never half made.
      if (events.length === 0) await this.appendNow([{ type: 'project.created', data: { projectId, name } }, ...template(this.ports.newId)]);
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
      return { ok: false, error: { code: 'invalid-command', message: `That request was refused. ${formatIssues(parsed.error)}`, hint: 'Nothing was changed.' } };
    }
    try {
      const result = await this.serial(async () => {
        const planned = await this.plan(parsed.data);
        const events = planned.drafts.length > 0 ? await this.appendNow(planned.drafts) : [];
        return { ok: true as const, seq: events.at(-1)?.seq ?? this.defs.headSeq, ...(planned.createdId !== undefined ? { createdId: planned.createdId } : {}) };
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

  /** Resolves when no agent is running and nothing is due: for tests and the run-to-completion API. */
  whenIdle(): Promise<void> {
    if (this.busy === 0) return this.queue.then(() => undefined);
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Every command is a feature's (see src/core/catalogue): its planner reads the state as it is now. */
  private async plan(cmd: ParsedCommand): Promise<PlannedCommand> {
    const handled = studioCatalogue.commands.get(cmd.type);
    if (!handled) throw new StudioError('invalid-command', `This studio has no command “${cmd.type}”.`, 'Nothing was changed.');
    return handled.plan(cmd, planContextOf(this.state, this.ports));
  }

  /** What a run's learning steps order their models by: the project's recorded outcomes, a fresh seed, the models' names. */
  private get learning(): LearningContext {
    return learningContextOf(this.state.outcomes, () => this.ports.newSeed(), this.defs.models);
  }

  /** Extensions activated in this conductor's life and not unloaded since. */
  private get activeExtensions(): Set<string> {
    return this.state.activeExtensions;
  }

  /**
   * An extension is activated lazily, on the first agent of one of its kinds, and unloaded when no
   * run still going uses it. Both are events, so replays and metrics see an extension's life.
   */
  private lifecycleBefore(extensionId: string | undefined): EventDraft[] {
    if (extensionId === undefined || this.activeExtensions.has(extensionId)) return [];
    const extension = this.defs.extensions.get(extensionId);
    if (!extension) return [];
    // Marked now, not when the event comes back: decisions drafted together activate it once.
    this.activeExtensions.add(extensionId);
    return [{ type: 'extension.activated', data: { extensionId, version: extension.version, hash: extension.hash } }];
  }

  private idleUnloads(finishing: RunId): EventDraft[] {
    if (this.activeExtensions.size === 0) return [];
    const inUse = new Set<string>();
    for (const runId of this.state.plannedRuns()) {
      if (runId === finishing) continue;
      for (const step of this.state.runPlan(runId)?.steps ?? []) {
        const model = this.modelAt(step);
        if (model?.kind === 'extension') inUse.add(model.extension.id);
      }
    }
    const idle = [...this.activeExtensions].filter((id) => !inUse.has(id));
    for (const id of idle) this.activeExtensions.delete(id);
    return idle.map((extensionId) => ({ type: 'extension.unloaded', data: { extensionId, reason: 'idle' } }));
  }

  /** Turns due decisions into events and agents, until the gap loop has nothing more to say. */
  private async pump(): Promise<void> {
    const intentAgents: StoredEvent[] = [];
    await this.serial(async () => {
      for (;;) {
        const free = this.maxAgents() - this.agentsInFlight - intentAgents.length;
        let decisions: Decision[];
        try {
          decisions = this.loop.takeDecisions(Math.max(0, free), this.ports.clock.now());
        } catch (error) {
          // A bug in the gap loop itself: the runs still going fail with its sentence rather than hang.
          const failed = this.faults.loopFailed(error, this.state.plannedRuns().filter((runId) => !this.loop.isResumable(runId)));
          if (failed.length === 0) break;
          await this.appendNow(failed);
          continue;
        }
        if (decisions.length === 0) {
          // Alerts read what the runs just did (and the clock): firing, resolving, holding runs.
          const alerting = this.state.alerts.evaluate(this.state.alerts.virtualNow(this.ports.clock.now()), this.ports.newId);
          if (alerting.length > 0) {
            await this.appendNow(alerting);
            continue;
          }
          // Flows first, then intents: one pump, one concurrency budget, one append queue.
          const next = await this.intents.step(this.intentHost).catch((error: unknown) => {
            this.faults.shown(error, 'intent-detector');
            return null;
          });
          if (next === null) break;
          intentAgents.push(...next);
          continue;
        }
        // A decision that throws fails its step (or its run), not the pump: other runs go on.
        const drafts = await this.faults.draftAll(decisions, (d) => this.draftsFor(d), (runId, stepId) => this.planStep(runId, stepId)?.label);
        if (drafts.length === 0) continue;
        const committed = this.appendNow(drafts);
        // Pipelined: each agent starts from its spawn draft while the spawn commits, and its
        // results queue behind that commit, so the log's order holds and nothing is promoted
        // for a spawn that was never written. A crash before the commit loses only work that
        // was never acknowledged: the gap is found again when the project reopens.
        for (const draft of drafts) if (draft.type === 'agent.spawned' && draft.runId !== undefined) this.launch(draft.runId as RunId, draft.data, committed);
        await committed;
      }
    });
    const wake = this.loop.nextWakeAt();
    if (wake !== undefined) this.ports.wakeAt?.(wake);
    const alerts = this.state.alerts;
    const alertWake = alerts.nextWakeAt(alerts.virtualNow(this.ports.clock.now()));
    if (alertWake !== undefined) this.ports.wakeAt?.(alerts.clockTime(alertWake));
    for (const event of intentAgents) this.launchIntentAgent(event);
  }

  private maxAgents(): number {
    return this.intents.detector.document?.breakers?.maxConcurrentAgents ?? this.limits.maxConcurrentAgents;
  }

  private readonly intentHost: IntentHost = {
    append: (drafts) => this.appendNow(drafts),
    clockNow: () => this.ports.clock.now(),
    freeSlots: () => this.maxAgents() - this.agentsInFlight - this.intents.agentsInFlight,
    runsIdle: () => !this.loop.hasActiveRuns,
    modelNamed: (name) => [...this.defs.models.values()].find((m) => m.name === name),
    newId: (prefix) => this.ports.newId(prefix),
    newSeed: () => this.ports.newSeed(),
  };

  /** An intent agent's life after its spawn: work in a sandbox, then the promotion gate, then die. */
  private launchIntentAgent(spawned: StoredEvent): void {
    if (spawned.type !== 'intentAgent.spawned') return;
    const model = this.modelAt(spawned.data);
    const violation = this.intents.detector.violation(this.intents.keyOf(spawned.data.gapId) ?? '');
    const work = runIntentAgent(spawned.data, model, violation, this.intents.now(this.intentHost), this.ports.agents)
      .catch((error: unknown) => ({ kind: 'failed' as const, reason: faultReason(this.faults.caught(error, 'intent-agent')), logs: [], durationMs: 0 }))
      .then((result) => {
        this.intents.submit(spawned, result);
        this.faults.intentSubmitted(spawned);
        // Drafts that finish together are promoted in one round, so they can be composed.
        return this.serial(() => this.faults.promoteIntents(() => this.intents.promote(this.intentHost), (drafts) => this.appendNow(drafts), () => this.intents.now(this.intentHost)));
      })
      // Not even the failure could be appended: the agent is settled at the next open; the page is told now.
      .catch((error: unknown) => this.faults.unrecorded(error, 'intent-agent'))
      .then(() => this.pump());
    this.track(work).catch((error: unknown) => this.faults.shown(error, 'loop'));
  }

  private async track(work: Promise<void>): Promise<void> {
    this.busy += 1;
    try {
      await work;
    } finally {
      this.busy -= 1;
      this.notifyIfIdle();
    }
  }

  private async draftsFor(decision: Decision): Promise<EventDraft[]> {
    if (decision.type === 'finish') {
      return [{ type: 'run.finished', runId: decision.runId, data: { status: decision.status, ...(decision.reason !== undefined ? { reason: decision.reason } : {}) } }, ...this.idleUnloads(decision.runId)];
    }
    if (decision.type === 'ask-timeout') {
      const ask = this.state.openAsks.get(decision.askId);
      return ask ? planTimeout(ask, this.planStep(ask.runId, ask.data.stepId), this.ports) : [];
    }
    this.ports.testHooks?.beforeDraft?.('model' in decision ? this.modelAt(decision.model)?.name : undefined);
    if (decision.type !== 'spawn') return settleDecision(this.settleContext, decision);
    const step = this.planStep(decision.runId, decision.stepId);
    if (!step) throw new StudioError('not-found', 'A run refers to a step it does not contain.');
    const model = this.modelAt(decision.model);
    const gapId = this.ports.newId('gap') as GapId;
    const agentId = this.ports.newId('agent') as AgentId;
    const kind = model ? this.state.kinds.of(model) : undefined;
    const limits = agentLimits(model, kind, step.policy, decision.room);
    const wall = limits.deadlineByBudget ? decision.budgets?.wallMs : undefined;
    const tokens = limits.maxTokensByBudget ? decision.budgets?.[limits.maxTokensByBudget] : undefined;
    if (wall !== undefined || tokens !== undefined) this.budgetCuts.set(agentId, { ...(wall !== undefined ? { wall } : {}), ...(tokens !== undefined ? { tokens } : {}) });
    return [
      ...this.lifecycleBefore(kind?.provided ? kind.extensionId : undefined),
      { type: 'gap.opened', runId: decision.runId, data: { gapId, kind: 'reaction', stepId: decision.stepId, causeSeqs: decision.causeSeqs } },
      {
        type: 'agent.spawned',
        runId: decision.runId,
        data: {
          agentId,
          gapId,
          stepId: decision.stepId,
          modelId: decision.model.modelId,
          modelVersion: decision.model.modelVersion,
          goal: decision.reverse ? `Rebuild ${step.outputs.map((p) => p.name).join(', ')} of “${step.label}” from downstream artifacts` : `Produce ${step.outputs.map((p) => p.name).join(', ')} for step “${step.label}”`,
          inputs: decision.inputs,
          deadlineMs: limits.deadlineMs,
          seed: this.ports.newSeed(),
          now: this.ports.clock.now(),
          ...(decision.attempt > 1 ? { attempt: decision.attempt } : {}),
          ...(decision.item !== undefined ? { item: decision.item } : {}),
          ...(decision.reverse ? { mode: 'reverse' as const } : {}),
          ...(limits.maxTokens !== undefined ? { maxTokens: limits.maxTokens } : {}),
        },
      },
    ];
  }

  private get settleContext(): SettleContext {
    return {
      ports: this.ports,
      defs: this.defs,
      plan: (runId) => this.state.runPlan(runId),
      model: (ref) => this.modelAt(ref),
      kinds: this.state.kinds,
      runRoom: (runId) => this.loop.runRoom(runId),
      depthOf: (runId) => this.state.depthOf(runId),
      learning: this.learning,
    };
  }

  /** A model as it was at one version: runs and agents name the version they were planned with. */
  private modelAt(ref: { modelId: string; modelVersion: number }): ModelDefinition | undefined {
    return this.state.modelAt(ref);
  }

  private planStep(runId: RunId, stepId: StepId): PlanStep | undefined {
    return this.state.planStep(runId, stepId);
  }

  private launch(runId: RunId, spawned: EventData<'agent.spawned'>, committed: Promise<unknown>): void {
    this.agentsInFlight += 1;
    const model = this.modelAt(spawned);
    const written = committed.then(
      () => true,
      () => false,
    );
    const promote = async (drafts: EventDraft[]) => {
      if (await written) await this.promote(drafts);
    };
    const kinds = this.state.kinds;
    const defs = this.defs;
    const cutBy = this.budgetCuts.get(spawned.agentId);
    this.budgetCuts.delete(spawned.agentId);
    const work = runAgentForGap({
      ...(cutBy ? { cutBy } : {}),
      spawned,
      runId,
      model,
      kind: model ? kinds.of(model) : undefined,
      step: this.planStep(runId, spawned.stepId),
      journal: this.state.journalOf(runId),
      spawnedAt: spawned.now ?? this.ports.clock.now(),
      ports: this.ports,
      llmModelNamed: (name) => llmModelNamed(defs.models.values(), name),
    })
      .then(promote)
      // Its work or its promotion threw: the agent resolves failed with a sentence naming the code.
      .catch((error: unknown) => promote(agentFailureDrafts(runId, spawned, faultReason(this.faults.caught(error, 'agent')))))
      // A failure to append even the failure is a storage fault; the run stays open and is marked
      // interrupted at the next start, so nothing is lost, and the page is told now.
      .catch((error: unknown) => this.faults.unrecorded(error, 'agent'))
      .finally(() => {
        this.agentsInFlight -= 1;
      })
      .then(() => this.pump());
    this.track(work).catch((error: unknown) => this.faults.shown(error, 'loop'));
  }

  /**
   * Agents' results. Results that arrive while the conductor is busy are appended together
   * (group commit): their appends reach the log at once, so it writes them in one transaction and
   * parallel agents don't pay one disk commit each. Each agent's drafts stay atomic, and the batch
   * is observed inside the serial queue, in seq order, like every other append.
   */
  private readonly promotions = new GroupCommitQueue<EventDraft[], PromiseSettledResult<StoredEvent[]>>({
    prepare: (drafts) => drafts,
    commit: (batch) =>
      this.serial(async () => {
        // An agent of a run stopped meanwhile is abandoned: what it still sends is not written.
        const outcomes = await Promise.allSettled(batch.map((drafts) => (this.ofStoppedRun(drafts) ? Promise.resolve([]) : this.ports.log.append(drafts))));
        // The log resolves callers in the order they called: observe in seq order.
        for (const outcome of outcomes) if (outcome.status === 'fulfilled') this.observeAppended(outcome.value);
        return outcomes;
      }),
  });

  /** Drafts of a run that is interrupted: only an agent that outlived a Stop sends them. */
  private ofStoppedRun(drafts: EventDraft[]): boolean {
    const runId = drafts.find((d) => d.runId !== undefined)?.runId;
    return runId !== undefined && this.loop.isResumable(runId as RunId);
  }

  private async promote(drafts: EventDraft[]): Promise<void> {
    const outcome = await this.promotions.enqueue(drafts);
    // One caller's drafts refused by the log (invalid, or the write failed) fail that caller only.
    if (outcome.status === 'rejected') throw outcome.reason instanceof Error ? outcome.reason : new Error(describeError(outcome.reason).message);
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
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
