import { slotKey } from '../../flow/compileExpectations';
import { joinState } from '../../flow/joinPolicy';
import type { StoredEvent } from '../../events/storedEvent';
import type { EventData, ModelRef } from '../../events/eventMap';
import type { AgentId, ArtifactHash, GapId, RunId, StepId } from '../../ids';
import { addSpend, headroom, spendOf, type Headroom, type Spend } from '../../policy/budget';
import { adoptDecision, afterFailure, budgetRefusal, finishDecision, inputsOf, rebuildDecision, spawnFor, type AdoptDecision, type Decision, type ModelLookup } from './stepDecisions';
import type { KindRole } from '../../kinds/kindModule';
import { allOutputsFilled, canRebuild, requeueItem, setPhase, trackRun, type Phase, type StepTrack, type TrackedRun } from './trackedRun';

/** An agent the log says is at work: spawned, not yet resolved. */
export interface AgentAtWork {
  agentId: AgentId;
  gapId: GapId;
  stepId: StepId;
  item?: number;
}

export type { AdoptDecision, ConductorStepDecision, Decision, FinishDecision, GatherDecision, ModelLookup, SpawnDecision } from './stepDecisions';

/**
 * The conductor's gap loop: it watches events, keeps each running run's expectations indexed by
 * the artifact slots they wait on, and says which gaps are due and which runs are over.
 *
 * Every control shape is an expectation of this one loop: a join waits for all, any or N inputs;
 * a branch voids the outputs it did not take, and a void slot skips whatever cannot start
 * without it; a map expects one result per item; a reverse rule expects a missing output once
 * the downstream artifacts it can be rebuilt from exist. Retries and fallbacks are what the loop
 * expects after a failure. Incremental by construction: an event touches only the steps indexed
 * under its slot, so the cost of an event does not grow with the length of the log.
 */
export class GapLoop {
  private readonly runs = new Map<RunId, TrackedRun>();
  /** Interrupted runs, kept so that a resume continues where they stopped. */
  private readonly parked = new Map<RunId, TrackedRun>();
  private readonly withDue: RunId[] = [];
  private readonly withPending = new Set<RunId>();
  private readonly toCheck = new Set<RunId>();
  /** Retry timers and ask deadlines. */
  private timers: Array<{ runId: RunId; stepId: StepId; at: number; askId?: GapId }> = [];
  private readonly adoptions: AdoptDecision[] = [];
  /** Sub-flow runs that finished while their outer run was interrupted: adopted when it resumes. */
  private readonly adoptOnResume = new Map<RunId, AdoptDecision[]>();
  /** Sub-flow runs: child run → the outer step it works for. */
  private readonly childOf = new Map<RunId, { runId: RunId; stepId: StepId; gapId: GapId }>();
  /** Per run, the agents between their spawn and their resolve: those a closing page leaves behind. */
  private readonly atWork = new Map<RunId, Map<AgentId, AgentAtWork>>();
  /** Runs an alert holds (throttle, review): nothing new starts for them until `run.released`. */
  private readonly held = new Set<RunId>();

  /**
   * `models` finds a model at a version; `roleOf` asks the kind registry how a step of that model
   * is done (`not-installed`: no enabled extension provides its kind).
   */
  constructor(
    private readonly models: ModelLookup = () => undefined,
    private readonly roleOf: (ref: ModelRef) => KindRole | 'not-installed' = () => 'agent',
  ) {}

  observe(event: StoredEvent): void {
    if (event.type === 'run.started') return this.track(event);
    if (event.runId === undefined) return;
    if (event.type === 'run.resumed') return this.resume(event.runId);
    const run = this.runs.get(event.runId);
    if (!run) return;
    const stepOf = (stepId: StepId): StepTrack | undefined => run.steps.get(stepId);
    switch (event.type) {
      case 'gap.opened': {
        const track = stepOf(event.data.stepId);
        if (!track) return;
        if (!track.map) track.gapId = event.data.gapId;
        if (!track.map && track.phase !== 'running') this.moveTo(run, track, 'running');
        return;
      }
      case 'agent.spawned': {
        const track = stepOf(event.data.stepId);
        if (!track) return;
        const { agentId, gapId, stepId, item } = event.data;
        this.agentsOf(run.runId).set(agentId, { agentId, gapId, stepId, ...(item !== undefined ? { item } : {}) });
        if (event.data.item !== undefined && track.map) {
          if (track.map.state[event.data.item] === 'queued') {
            track.map.queued = track.map.queued.filter((i) => i !== event.data.item);
            track.map.state[event.data.item] = 'running';
            track.map.running += 1;
          }
          return;
        }
        track.attempt = event.data.attempt ?? track.attempt;
        track.agentAt = event.data.agentId;
        if (event.data.mode === 'reverse') track.reverse = true;
        return;
      }
      case 'artifact.produced':
        return this.produced(run, event.data.stepId, event.data.port, event.data.artifact.hash, event.seq, event.data.item);
      case 'agent.resolved':
        this.atWork.get(run.runId)?.delete(event.data.agentId);
        return this.resolved(run, event);
      case 'run.continued':
        return this.continueRun(run, event.data.abandoned);
      case 'step.routed': {
        const track = stepOf(event.data.stepId);
        if (!track) return;
        for (const port of event.data.skipped) this.voidSlot(run, slotKey(track.step.stepId, port));
        if (event.data.taken === null) return this.failStep(run, track, event.data.detail);
        track.filledOutputs = Math.max(track.filledOutputs, track.step.outputs.length - event.data.skipped.length);
        if (allOutputsFilled(track) || run.available.has(slotKey(track.step.stepId, event.data.taken))) this.settle(run, track, 'done');
        return;
      }
      case 'step.skipped': {
        const track = stepOf(event.data.stepId);
        if (!track) return;
        this.settle(run, track, 'skipped');
        for (const port of track.step.outputs) this.voidSlot(run, slotKey(track.step.stepId, port.name));
        return;
      }
      case 'step.retrying': {
        const track = stepOf(event.data.stepId);
        if (!track) return;
        track.attempt = event.data.attempt;
        track.model = { modelId: event.data.modelId, modelVersion: event.data.modelVersion };
        if (event.data.fallback) track.fallbackIndex += 1;
        track.retryAt = event.data.atMs;
        // A map step is tried again as a whole: its list is split anew when it is due.
        delete track.map;
        run.pending.delete(track.step.stepId);
        this.moveTo(run, track, 'retrying');
        this.timers.push({ runId: run.runId, stepId: track.step.stepId, at: event.data.atMs });
        return;
      }
      case 'step.failed': {
        const track = stepOf(event.data.stepId);
        if (track) this.failStep(run, track, event.data.reason);
        return;
      }
      case 'map.expanded': {
        const track = stepOf(event.data.stepId);
        if (!track) return;
        const concurrency = track.step.settings?.map?.concurrency ?? 4;
        const items = event.data.items.map((i) => i.hash);
        track.map = { items, state: items.map(() => 'queued' as const), queued: items.map((_, i) => i), running: 0, finished: 0, concurrency, failed: false };
        this.moveTo(run, track, 'running');
        this.markPending(run, track.step.stepId);
        return;
      }
      case 'person.asked': {
        const track = stepOf(event.data.stepId);
        if (!track) return;
        run.asks.set(event.data.askId, { stepId: event.data.stepId, kind: event.data.kind });
        this.moveTo(run, track, 'asking');
        if (event.data.deadlineAt !== undefined) this.timers.push({ runId: run.runId, stepId: track.step.stepId, at: event.data.deadlineAt, askId: event.data.askId });
        return;
      }
      case 'person.answered': {
        const ask = run.asks.get(event.data.askId);
        run.asks.delete(event.data.askId);
        const track = ask ? stepOf(ask.stepId) : undefined;
        if (!track) return;
        // An allowed overspend: the step goes ahead once, past its budget.
        if (ask?.kind === 'budget' && event.data.decision === 'approve') {
          track.budgetWaived = true;
          this.makeDue(run, track);
          // Any other answer is carried out by the events that come with it (routed, produced, failed).
        } else if (track.phase === 'asking') this.moveTo(run, track, 'running');
        return;
      }
      case 'run.held':
        this.held.add(run.runId);
        return;
      case 'run.released':
        this.held.delete(run.runId);
        // What waited while it was held is taken at the next round.
        if (run.due.length > 0 && !this.withDue.includes(run.runId)) this.withDue.push(run.runId);
        if (run.pending.size > 0) this.withPending.add(run.runId);
        return;
      case 'run.finished':
        this.held.delete(run.runId);
        this.runs.delete(run.runId);
        // An interrupted run keeps its list of agents at work until a resume, which abandons them all.
        if (event.data.status === 'interrupted') this.park(run);
        else this.atWork.delete(run.runId);
        if (event.data.status !== 'interrupted') this.adoptIfChild(run, event.data.status === 'failed' ? (event.data.reason ?? 'the sub-flow failed') : undefined);
        return;
      default:
        return;
    }
  }

  /**
   * Takes up to `limit` agent decisions (oldest run first) plus every decision the conductor
   * settles itself, and a finish decision for every run with nothing left to do. The caller must
   * append the matching events before the next call. `now` wakes retries and ask deadlines.
   */
  takeDecisions(limit: number, now = Number.NEGATIVE_INFINITY): Decision[] {
    const decisions: Decision[] = [];
    this.wake(now, decisions);
    decisions.push(...this.adoptions.splice(0));
    // Agents that may still start in this round; map items and due steps draw on the same count.
    const slots = { free: limit };
    for (const runId of this.withPending) {
      const run = this.runs.get(runId);
      if (run && !this.held.has(runId)) this.pendingDecisions(run, decisions, slots);
    }
    this.withPending.clear();
    while (slots.free > 0 && this.withDue.length > 0) {
      const run = this.runs.get(this.withDue[0] as RunId);
      // A held run keeps its due steps; its release queues it again.
      if (run && this.held.has(run.runId)) {
        this.withDue.shift();
        continue;
      }
      const stepId = run?.due.shift();
      if (!run || stepId === undefined) {
        this.withDue.shift();
        continue;
      }
      if (run.due.length === 0) this.withDue.shift();
      const track = run.steps.get(stepId);
      // Already taken care of by an event replayed since it was queued.
      if (track?.phase !== 'due') continue;
      const decision = this.dueDecision(run, track);
      if (decision.type === 'spawn') slots.free -= 1;
      if (decision.type === 'fail-step') this.moveTo(run, track, 'deciding');
      else this.moveTo(run, track, decision.type === 'ask' ? 'asking' : 'running');
      decisions.push(decision);
    }
    for (const runId of this.toCheck) {
      const run = this.runs.get(runId);
      const finish = run ? finishDecision(run) : undefined;
      if (finish) decisions.push(finish);
    }
    this.toCheck.clear();
    return decisions;
  }

  /** When the loop next has something to do on its own (a retry, a deadline), if ever. */
  nextWakeAt(): number | undefined {
    let next: number | undefined;
    for (const t of this.timers) if (next === undefined || t.at < next) next = t.at;
    return next;
  }

  /** Runs whose agents were working when the studio went away: they are marked interrupted. */
  unfinishedRuns(): RunId[] {
    const list: RunId[] = [];
    for (const run of this.runs.values()) {
      const agentsWorking = [...run.steps.values()].some((t) => this.agentWorking(t) || (t.map?.running ?? 0) > 0);
      if (agentsWorking) list.push(run.runId);
    }
    return list;
  }

  /**
   * Runs that are going with agents at work, and those agents. When a conductor has just opened
   * the log, every one of those agents died with the page that ran it: the run continues without
   * them or is marked interrupted. Runs waiting only for people, timers or sub-runs are not listed.
   */
  orphanedAgents(): Array<{ runId: RunId; agents: AgentAtWork[] }> {
    const list: Array<{ runId: RunId; agents: AgentAtWork[] }> = [];
    for (const runId of this.runs.keys()) {
      const agents = [...(this.atWork.get(runId)?.values() ?? [])];
      if (agents.length > 0) list.push({ runId, agents });
    }
    return list;
  }

  /** Where each step of a run stands in the loop, for a run that is going or interrupted. */
  stepPhases(runId: RunId): ReadonlyMap<StepId, Phase> | undefined {
    const run = this.runs.get(runId) ?? this.parked.get(runId);
    return run ? new Map([...run.steps].map(([stepId, track]) => [stepId, track.phase])) : undefined;
  }

  /** Whether any run is still going (waiting for people included). */
  get hasActiveRuns(): boolean {
    return this.runs.size > 0;
  }

  /** Whether a run is going: started, not finished (waiting for people or held included). */
  isGoing(runId: RunId): boolean {
    return this.runs.has(runId);
  }

  isResumable(runId: RunId): boolean {
    return this.parked.has(runId);
  }

  /** Gaps of an interrupted run whose agents died with it: a resume closes them as abandoned. */
  danglingGaps(runId: RunId): GapId[] {
    return [...(this.parked.get(runId)?.dangling ?? [])];
  }

  /** An agent (not a person, not a sub-run) was working on the step. */
  private agentWorking(t: StepTrack): boolean {
    return t.phase === 'running' && t.gapId !== undefined && this.roleOf(t.model) !== 'subflow';
  }

  /** What the run has spent, and what its budget leaves (for budget gates and meters). */
  runRoom(runId: RunId): { spend: Spend; room: Headroom } | undefined {
    const run = this.runs.get(runId);
    return run ? { spend: run.spend, room: headroom(run.budget, run.spend) } : undefined;
  }

  private track(event: Extract<StoredEvent, { type: 'run.started' }>): void {
    const run = trackRun(event);
    if (event.data.parentStep) this.childOf.set(run.runId, event.data.parentStep);
    this.runs.set(run.runId, run);
    for (const stepId of run.order) {
      const track = run.steps.get(stepId) as StepTrack;
      if (allOutputsFilled(track)) this.settle(run, track, 'done');
      else if (canRebuild(run, track) || track.arrived >= track.needed) this.makeDue(run, track);
    }
    this.toCheck.add(run.runId);
  }

  /**
   * An interrupted run: its agents died with the page. Their steps are due again (a resume sends
   * new agents) and their gaps dangle until the resume closes them; map items that were running
   * are queued again. Kept apart, so that nothing is decided for it until it is resumed.
   */
  private park(run: TrackedRun): void {
    this.parked.set(run.runId, run);
    // Sub-flow runs that finished just before: their outputs are taken when it resumes.
    const owed = this.adoptions.filter((a) => a.runId === run.runId);
    if (owed.length > 0) {
      this.adoptions.splice(0, this.adoptions.length, ...this.adoptions.filter((a) => a.runId !== run.runId));
      this.adoptOnResume.set(run.runId, [...(this.adoptOnResume.get(run.runId) ?? []), ...owed]);
    }
    for (const track of run.steps.values()) {
      if (track.map && track.map.running > 0) {
        const map = track.map;
        map.state.forEach((_, i) => requeueItem(map, i));
      } else if (this.agentWorking(track)) {
        run.dangling.push(track.gapId as GapId);
        delete track.gapId;
        delete track.agentAt;
        setPhase(run, track, 'due');
      }
    }
  }

  private resume(runId: RunId): void {
    const run = this.parked.get(runId);
    if (!run) return;
    this.parked.delete(runId);
    this.runs.set(runId, run);
    // Every agent it had died with the page: the resume abandons them all.
    this.atWork.delete(runId);
    run.finishing = false;
    run.dangling = [];
    this.adoptions.push(...(this.adoptOnResume.get(runId) ?? []));
    this.adoptOnResume.delete(runId);
    // The due list is rebuilt from the phases: entries queued before the interruption are stale,
    // and steps that came due just before it (their agents never sent) are due still.
    run.due = [];
    for (const track of run.steps.values()) {
      if (track.map && track.map.queued.length > 0) run.pending.add(track.step.stepId);
      if (track.phase === 'due') {
        if (run.due.length === 0) this.withDue.push(run.runId);
        run.due.push(track.step.stepId);
      }
    }
    // Moves owed before the interruption (a skip, what follows a failure) are owed still.
    if (run.pending.size > 0) this.withPending.add(runId);
    this.toCheck.add(runId);
  }

  /** A run goes on without the agents that died with the page: their steps or map items are due again. */
  private continueRun(run: TrackedRun, abandoned: EventData<'run.continued'>['abandoned']): void {
    for (const agent of abandoned) {
      this.atWork.get(run.runId)?.delete(agent.agentId);
      const track = run.steps.get(agent.stepId);
      if (!track) continue;
      if (agent.item !== undefined && track.map) {
        requeueItem(track.map, agent.item);
        this.markPending(run, track.step.stepId);
      } else if (track.phase === 'running') {
        delete track.gapId;
        delete track.agentAt;
        // Its outputs all arrived before the page went: it is done; otherwise it goes again.
        if (allOutputsFilled(track)) this.settle(run, track, 'done');
        else this.makeDue(run, track);
      }
    }
    this.toCheck.add(run.runId);
  }

  private agentsOf(runId: RunId): Map<AgentId, AgentAtWork> {
    let agents = this.atWork.get(runId);
    if (!agents) this.atWork.set(runId, (agents = new Map<AgentId, AgentAtWork>()));
    return agents;
  }

  private makeDue(run: TrackedRun, track: StepTrack): void {
    this.moveTo(run, track, 'due');
    if (run.due.length === 0) this.withDue.push(run.runId);
    run.due.push(track.step.stepId);
  }

  private moveTo(run: TrackedRun, track: StepTrack, phase: StepTrack['phase']): void {
    setPhase(run, track, phase);
    if (run.open === 0) this.toCheck.add(run.runId);
  }

  private settle(run: TrackedRun, track: StepTrack, phase: 'done' | 'skipped' | 'failed'): void {
    if (track.phase === phase) return;
    this.moveTo(run, track, phase);
    run.pending.delete(track.step.stepId);
    this.toCheck.add(run.runId);
  }

  private failStep(run: TrackedRun, track: StepTrack, reason: string): void {
    if (track.phase === 'failed') return;
    run.failures.push({ stepId: track.step.stepId, reason });
    this.settle(run, track, 'failed');
  }

  private markPending(run: TrackedRun, stepId: StepId): void {
    run.pending.add(stepId);
    this.withPending.add(run.runId);
  }

  private produced(run: TrackedRun, stepId: StepId, port: string, hash: ArtifactHash, seq: number, item: number | undefined): void {
    const track = run.steps.get(stepId);
    if (item !== undefined) {
      const map = track?.map;
      if (!map) return;
      const state = map.state[item];
      const results = typeof state === 'object' ? state : {};
      results[port] = hash;
      map.state[item] = results;
      if (Object.keys(results).length === track.step.outputs.length) {
        map.running -= 1;
        map.finished += 1;
        this.markPending(run, stepId);
      }
      return;
    }
    const key = slotKey(stepId, port);
    if (run.available.has(key)) return;
    run.available.set(key, [hash, seq]);
    if (track) {
      track.filledOutputs += 1;
      // An agent's step is done when the agent resolves, not at its last output (as the run projection says).
      if (allOutputsFilled(track) && track.agentAt === undefined) this.settle(run, track, 'done');
    }
    for (const dependent of run.dependents.get(key) ?? []) {
      const t = run.steps.get(dependent);
      if (!t) continue;
      t.arrived += 1;
      if (t.phase === 'blocked' && joinState(t.needed, t.fromSteps, t.arrived, t.skippedInputs) === 'ready') this.makeDue(run, t);
    }
    for (const watcher of run.rebuildWatchers.get(key) ?? []) {
      const t = run.steps.get(watcher);
      if (t && (t.phase === 'blocked' || t.phase === 'failed' || t.phase === 'skipped') && canRebuild(run, t)) {
        if (t.phase === 'failed') run.failures = run.failures.filter((f) => f.stepId !== t.step.stepId);
        this.makeDue(run, t);
      }
    }
  }


  /** A slot that will never be filled: steps that cannot start without it are skipped. */
  private voidSlot(run: TrackedRun, key: string): void {
    if (run.voided.has(key) || run.available.has(key)) return;
    run.voided.add(key);
    for (const dependent of run.dependents.get(key) ?? []) {
      const t = run.steps.get(dependent);
      if (!t) continue;
      t.skippedInputs += 1;
      if (t.phase === 'blocked' && joinState(t.needed, t.fromSteps, t.arrived, t.skippedInputs) === 'impossible') {
        this.moveTo(run, t, 'unreachable');
        this.markPending(run, dependent);
      }
    }
  }

  private resolved(run: TrackedRun, event: Extract<StoredEvent, { type: 'agent.resolved' }>): void {
    const track = run.steps.get(event.data.stepId);
    if (!track) return;
    const spent = spendOf(event.data);
    run.spend = addSpend(run.spend, spent);
    track.spend = addSpend(track.spend, spent);
    if (event.data.item === undefined) delete track.agentAt;
    if (event.data.outcome === 'succeeded') {
      if (event.data.item === undefined && allOutputsFilled(track)) this.settle(run, track, 'done');
      return;
    }
    if (event.data.item !== undefined && track.map) {
      track.map.failed = true;
      // Marked failed, not left running: an interruption must not queue it again (nor count it twice).
      const state = track.map.state[event.data.item];
      const complete = typeof state === 'object' && Object.keys(state).length === track.step.outputs.length;
      if (state !== undefined && state !== 'queued' && state !== 'failed' && !complete) {
        track.map.state[event.data.item] = 'failed';
        track.map.running -= 1;
      }
      track.lastError = { errorClass: event.data.errorClass ?? 'script-error', reason: `item ${event.data.item + 1}: ${event.data.reason ?? 'it failed'}` };
      this.markPending(run, track.step.stepId);
      return;
    }
    delete track.gapId;
    track.lastError = { errorClass: event.data.errorClass ?? 'script-error', reason: event.data.reason ?? 'it failed', ...(event.data.retryAfterMs !== undefined ? { retryAfterMs: event.data.retryAfterMs } : {}) };
    this.moveTo(run, track, 'deciding');
    this.markPending(run, track.step.stepId);
  }

  private wake(now: number, decisions: Decision[]): void {
    if (this.timers.length === 0) return;
    const later: typeof this.timers = [];
    for (const timer of this.timers) {
      if (timer.at > now) {
        later.push(timer);
        continue;
      }
      // An interrupted run's retries and deadlines wait for its resume.
      if (this.parked.has(timer.runId)) {
        later.push(timer);
        continue;
      }
      const run = this.runs.get(timer.runId);
      const track = run?.steps.get(timer.stepId);
      if (!run || !track) continue;
      if (timer.askId !== undefined) {
        if (run.asks.has(timer.askId)) decisions.push({ type: 'ask-timeout', runId: run.runId, stepId: track.step.stepId, askId: timer.askId });
      } else if (track.phase === 'retrying') {
        delete track.retryAt;
        this.makeDue(run, track);
      }
    }
    this.timers = later;
  }

  /** Skips, resilience after a failure, map items and gathering: what the loop owes a step. */
  private pendingDecisions(run: TrackedRun, out: Decision[], slots: { free: number }): void {
    for (const stepId of run.pending) {
      const track = run.steps.get(stepId);
      if (!track) continue;
      if (track.map && track.phase === 'running') {
        const map = track.map;
        if (map.failed && map.running === 0) {
          run.pending.delete(stepId);
          this.moveTo(run, track, 'deciding');
          out.push(...afterFailure(run, track));
          continue;
        }
        if (map.failed) continue;
        while (map.queued.length > 0 && map.running < map.concurrency && slots.free > 0) {
          const item = map.queued.shift() as number;
          slots.free -= 1;
          map.state[item] = 'running';
          map.running += 1;
          out.push({ ...spawnFor(run, track), item, inputs: { ...inputsOf(run, track).inputs, [track.step.settings?.map?.port ?? '']: map.items[item] as ArtifactHash } });
        }
        if (map.finished === map.items.length) {
          run.pending.delete(stepId);
          out.push({ type: 'gather', runId: run.runId, stepId, results: map.state as Array<Record<string, ArtifactHash>> });
        } else if (map.queued.length === 0) run.pending.delete(stepId);
        continue;
      }
      run.pending.delete(stepId);
      if (track.phase === 'unreachable') {
        const cause = track.requires.find((r) => r.source.kind === 'step' && run.voided.has(slotKey(r.source.stepId, r.source.port)));
        const from = cause?.source.kind === 'step' ? run.steps.get(cause.source.stepId)?.step.label : undefined;
        out.push({ type: 'skip', runId: run.runId, stepId, reason: from ? `“${from}” did not produce what it needs (not taken, or skipped).` : 'Its inputs will never arrive.' });
      } else if (track.phase === 'deciding') {
        out.push(...afterFailure(run, track));
      }
    }
  }


  private dueDecision(run: TrackedRun, track: StepTrack): Decision {
    if (canRebuild(run, track) && track.step.rebuildModel) {
      track.reverse = true;
      return rebuildDecision(run, track, track.step.rebuildModel);
    }
    const { inputs, causeSeqs } = inputsOf(run, track);
    const base = { runId: run.runId, stepId: track.step.stepId, inputs, causeSeqs, model: track.model };
    if (track.step.settings?.map && !track.map) return { ...base, type: 'expand' };
    const role = this.roleOf(track.model);
    if (role === 'not-installed') {
      const name = this.models(track.model)?.name ?? track.model.modelId;
      return { type: 'fail-step', runId: run.runId, stepId: track.step.stepId, reason: `Its model “${name}” is of a kind no enabled extension provides (it was disabled or removed). Enable it under Project ▾ → Extensions.`, errorClass: 'bad-request' };
    }
    if (role !== 'agent') return { ...base, type: role };
    const spawn = spawnFor(run, track);
    const refusal = budgetRefusal(spawn.room, track);
    if (refusal) return { type: 'fail-step', runId: run.runId, stepId: track.step.stepId, reason: refusal, errorClass: 'budget', askBudget: track.step.policy?.budget?.onExceed === 'ask' };
    return spawn;
  }




  private adoptIfChild(child: TrackedRun, failure: string | undefined): void {
    const parent = this.childOf.get(child.runId);
    if (!parent) return;
    this.childOf.delete(child.runId);
    const parked = this.parked.get(parent.runId);
    const outer = (parked ?? this.runs.get(parent.runId))?.steps.get(parent.stepId);
    if (!outer) return;
    const adoption = adoptDecision(child, parent, outer, failure);
    // The outer run was interrupted meanwhile: it takes the sub-flow's outputs when resumed.
    if (parked) this.adoptOnResume.set(parked.runId, [...(this.adoptOnResume.get(parked.runId) ?? []), adoption]);
    else this.adoptions.push(adoption);
  }
}
