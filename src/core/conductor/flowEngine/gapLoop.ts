import { slotKey } from '../../flow/compileExpectations';
import type { StoredEvent } from '../../events/storedEvent';
import type { EventData, ModelRef } from '../../events/eventMap';
import type { GapId, RunId, StepId } from '../../ids';
import { headroom, type Headroom, type Spend } from '../../policy/budget';
import { finishDecision, type Decision, type ModelLookup } from './stepDecisions';
import { dueDecision, pendingDecisions } from './roundDecisions';
import type { KindRole } from '../../kinds/kindModule';
import {
  allOutputsFilled,
  canRebuild,
  setPhase,
  trackRun,
  type Phase,
  type StepTrack,
  type TrackedRun,
} from './trackedRun';
import { MapStep } from './mapStep';
import { StepMoves } from './stepMoves';
import { LoopTimers } from './loopTimers';
import { AgentsAtWork, type AgentAtWork } from './agentsAtWork';
import { SubflowAdoptions } from './subflowAdoptions';
import { ListenWatch } from '../../bus/listenWatch';
import { BusIndex } from '../../bus/busIndex';

export type { AgentAtWork } from './agentsAtWork';

export type {
  AdoptDecision,
  ConductorStepDecision,
  Decision,
  FinishDecision,
  GatherDecision,
  ModelLookup,
  SpawnDecision,
} from './stepDecisions';

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
  /** Phase moves and the work lists they feed (see stepMoves.ts). */
  private readonly moves = new StepMoves();
  /** Retry timers and ask deadlines. */
  private readonly timers = new LoopTimers();
  private readonly subflows = new SubflowAdoptions();
  private readonly atWork = new AgentsAtWork();
  /** Runs an alert holds (throttle, review): nothing new starts for them until `run.released`. */
  private readonly held = new Set<RunId>();
  /** Listen steps waiting for messages on the bus, and what they heard that the next round settles. */
  private readonly listening: ListenWatch;
  private heard: Decision[] = [];

  /**
   * `models` finds a model at a version; `roleOf` asks the kind registry how a step of that model
   * is done (`not-installed`: no enabled extension provides its kind); `bus` is the folded message
   * bus, which listen steps read what their run already saw from.
   */
  constructor(
    private readonly models: ModelLookup = () => undefined,
    private readonly roleOf: (ref: ModelRef) => KindRole | 'not-installed' = () => 'agent',
    private readonly bus: () => BusIndex = () => new BusIndex(),
  ) {
    this.listening = new ListenWatch(bus);
  }

  observe(event: StoredEvent): void {
    if (event.type === 'run.started') return this.track(event);
    if (event.type === 'bus.posted') {
      // A message may complete what listen steps wait for, in its run or any run that sees it.
      this.heard.push(...this.listening.posted(event, (runId, message) => this.bus().sees(runId, message)));
      return;
    }
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
        if (!track.map && track.phase !== 'running') this.moves.moveTo(run, track, 'running');
        return;
      }
      case 'agent.spawned': {
        const track = stepOf(event.data.stepId);
        if (!track) return;
        const { agentId, gapId, stepId, item } = event.data;
        this.atWork.spawned(run.runId, { agentId, gapId, stepId, ...(item !== undefined ? { item } : {}) });
        if (item !== undefined && track.map) return track.map.spawned(item);
        track.attempt = event.data.attempt ?? track.attempt;
        track.agentAt = event.data.agentId;
        if (event.data.mode === 'reverse') track.reverse = true;
        return;
      }
      case 'artifact.produced':
        return this.moves.produced(
          run,
          event.data.stepId,
          event.data.port,
          event.data.artifact.hash,
          event.seq,
          event.data.item,
        );
      case 'agent.resolved':
        this.atWork.gone(run.runId, event.data.agentId);
        return this.moves.resolved(run, event);
      case 'run.continued':
        return this.continueRun(run, event.data.abandoned);
      case 'step.routed': {
        const track = stepOf(event.data.stepId);
        if (!track) return;
        for (const port of event.data.skipped) this.moves.voidSlot(run, slotKey(track.step.stepId, port));
        if (event.data.taken === null) return this.moves.failStep(run, track, event.data.detail);
        this.noteGateStop(run, track, event.data.taken, event.data.detail);
        track.filledOutputs = Math.max(track.filledOutputs, track.step.outputs.length - event.data.skipped.length);
        if (allOutputsFilled(track) || run.available.has(slotKey(track.step.stepId, event.data.taken)))
          this.moves.settle(run, track, 'done');
        return;
      }
      case 'step.skipped': {
        const track = stepOf(event.data.stepId);
        if (!track) return;
        this.moves.settle(run, track, 'skipped');
        for (const port of track.step.outputs) this.moves.voidSlot(run, slotKey(track.step.stepId, port.name));
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
        this.moves.moveTo(run, track, 'retrying');
        this.timers.add({ runId: run.runId, stepId: track.step.stepId, at: event.data.atMs });
        return;
      }
      case 'step.failed': {
        const track = stepOf(event.data.stepId);
        if (track) this.moves.failStep(run, track, event.data.reason);
        return;
      }
      case 'map.expanded': {
        const track = stepOf(event.data.stepId);
        if (!track) return;
        track.map = new MapStep(
          event.data.items.map((i) => i.hash),
          track.step.settings?.map?.concurrency ?? 4,
          track.step.outputs.length,
        );
        this.moves.moveTo(run, track, 'running');
        this.moves.markPending(run, track.step.stepId);
        return;
      }
      case 'person.asked': {
        const track = stepOf(event.data.stepId);
        if (!track) return;
        run.asks.set(event.data.askId, { stepId: event.data.stepId, kind: event.data.kind });
        this.moves.moveTo(run, track, 'asking');
        if (event.data.deadlineAt !== undefined)
          this.timers.add({
            runId: run.runId,
            stepId: track.step.stepId,
            at: event.data.deadlineAt,
            askId: event.data.askId,
          });
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
          this.moves.makeDue(run, track);
          // Any other answer is carried out by the events that come with it (routed, produced, failed).
        } else if (track.phase === 'asking') this.moves.moveTo(run, track, 'running');
        return;
      }
      case 'run.held':
        this.held.add(run.runId);
        return;
      case 'run.released':
        this.held.delete(run.runId);
        // What waited while it was held is taken at the next round.
        if (run.due.length > 0 && !this.moves.withDue.includes(run.runId)) this.moves.withDue.push(run.runId);
        if (run.pending.size > 0) this.moves.withPending.add(run.runId);
        return;
      case 'run.finished':
        this.held.delete(run.runId);
        this.runs.delete(run.runId);
        // An interrupted run keeps its list of agents at work until a resume, which abandons them all.
        if (event.data.status === 'interrupted') {
          this.park(run);
          return this.listening.forget(run.runId);
        }
        this.listening.forget(run.runId);
        this.atWork.forget(run.runId);
        this.subflows.finished(
          run,
          event.data.status === 'failed' ? (event.data.reason ?? 'the sub-flow failed') : undefined,
          (outer) => this.outerStep(outer.runId, outer.stepId),
        );
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
    // Listen steps that heard what they waited for (a run that finished meanwhile is past hearing).
    decisions.push(...this.heard.filter((d) => this.runs.has(d.runId)));
    this.heard = [];
    decisions.push(...this.subflows.take());
    // Agents that may still start in this round; map items and due steps draw on the same count.
    const slots = { free: limit };
    for (const runId of this.moves.withPending) {
      const run = this.runs.get(runId);
      if (run && !this.held.has(runId)) pendingDecisions(this.moves, run, decisions, slots);
    }
    this.moves.withPending.clear();
    while (slots.free > 0 && this.moves.withDue.length > 0) {
      const run = this.runs.get(this.moves.withDue[0] as RunId);
      // A held run keeps its due steps; its release queues it again.
      if (run && this.held.has(run.runId)) {
        this.moves.withDue.shift();
        continue;
      }
      const stepId = run?.due.shift();
      if (!run || stepId === undefined) {
        this.moves.withDue.shift();
        continue;
      }
      if (run.due.length === 0) this.moves.withDue.shift();
      const track = run.steps.get(stepId);
      // Already taken care of by an event replayed since it was queued.
      if (track?.phase !== 'due') continue;
      const decision = dueDecision(run, track, this.roleOf, this.models);
      if (decision.type === 'listen') {
        this.listen(run, track, decisions);
        continue;
      }
      if (decision.type === 'spawn') slots.free -= 1;
      if (decision.type === 'fail-step') this.moves.moveTo(run, track, 'deciding');
      else this.moves.moveTo(run, track, decision.type === 'ask' ? 'asking' : 'running');
      decisions.push(decision);
    }
    for (const runId of this.moves.toCheck) {
      const run = this.runs.get(runId);
      const finish = run ? finishDecision(run) : undefined;
      if (finish) decisions.push(finish);
    }
    this.moves.toCheck.clear();
    return decisions;
  }

  /**
   * A listen step is due: it listens (running, with no agent) from its run's start, and is decided
   * at once if its run already saw what it waits for. A filter that does not compile fails it.
   */
  private listen(run: TrackedRun, track: StepTrack, decisions: Decision[]): void {
    const model = this.models(track.model);
    const started =
      model?.kind === 'listen'
        ? this.listening.start(run.runId, track.step.stepId, run.runInput[1], model)
        : { failed: 'Its model is not a listen model.' };
    if (started && 'failed' in started) {
      this.moves.moveTo(run, track, 'deciding');
      decisions.push({
        type: 'fail-step',
        runId: run.runId,
        stepId: track.step.stepId,
        reason: started.failed,
        errorClass: 'bad-request',
      });
      return;
    }
    this.moves.moveTo(run, track, 'running');
    if (started) decisions.push(started);
  }

  /** When the loop next has something to do on its own (a retry, a deadline), if ever. */
  nextWakeAt(): number | undefined {
    return this.timers.nextWakeAt();
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
      const agents = this.atWork.of(runId);
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

  /** The runs going: started, not finished (waiting for people, timers or a release included). */
  goingRuns(): RunId[] {
    return [...this.runs.keys()];
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
    if (event.data.parentStep) this.subflows.started(run.runId, event.data.parentStep);
    this.runs.set(run.runId, run);
    for (const stepId of run.order) {
      const track = run.steps.get(stepId) as StepTrack;
      if (allOutputsFilled(track)) this.moves.settle(run, track, 'done');
      else if (canRebuild(run, track) || track.arrived >= track.needed) this.moves.makeDue(run, track);
    }
    this.moves.toCheck.add(run.runId);
  }

  /**
   * An interrupted run: its agents died with the page. Their steps are due again (a resume sends
   * new agents) and their gaps dangle until the resume closes them; map items that were running
   * are queued again. Kept apart, so that nothing is decided for it until it is resumed.
   */
  private park(run: TrackedRun): void {
    this.parked.set(run.runId, run);
    // Sub-flow runs that finished just before: their outputs are taken when it resumes.
    this.subflows.parked(run.runId);
    for (const track of run.steps.values()) {
      if (track.map && track.map.running > 0) track.map.requeueRunning();
      // A listen step listens again from its run's start when the run resumes.
      else if (track.phase === 'running' && this.listening.isListening(run.runId, track.step.stepId))
        setPhase(run, track, 'due');
      else if (this.agentWorking(track)) {
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
    this.atWork.forget(runId);
    run.finishing = false;
    run.dangling = [];
    this.subflows.resumed(runId);
    // The due list is rebuilt from the phases: entries queued before the interruption are stale,
    // and steps that came due just before it (their agents never sent) are due still.
    run.due = [];
    for (const track of run.steps.values()) {
      if (track.map?.hasQueued) run.pending.add(track.step.stepId);
      if (track.phase === 'due') {
        if (run.due.length === 0) this.moves.withDue.push(run.runId);
        run.due.push(track.step.stepId);
      }
    }
    // Moves owed before the interruption (a skip, what follows a failure) are owed still.
    if (run.pending.size > 0) this.moves.withPending.add(runId);
    this.moves.toCheck.add(runId);
  }

  /** A run goes on without the agents that died with the page: their steps or map items are due again. */
  /**
   * A gate that did not pass, on a way that leads nowhere, ended its path: the run will succeed
   * with nothing more done, and its finish says which gate stopped it (not just “succeeded”).
   */
  private noteGateStop(run: TrackedRun, track: StepTrack, taken: string, detail: string): void {
    if (run.stoppedAt || this.models(track.model)?.kind !== 'gate' || taken === track.step.outputs[0]?.name) return;
    if ((run.dependents.get(slotKey(track.step.stepId, taken))?.length ?? 0) > 0) return;
    run.stoppedAt = { stepId: track.step.stepId, label: track.step.label, detail };
  }

  private continueRun(run: TrackedRun, abandoned: EventData<'run.continued'>['abandoned']): void {
    for (const agent of abandoned) {
      this.atWork.gone(run.runId, agent.agentId);
      const track = run.steps.get(agent.stepId);
      if (!track) continue;
      if (agent.item !== undefined && track.map) {
        track.map.requeue(agent.item);
        this.moves.markPending(run, track.step.stepId);
      } else if (track.phase === 'running') {
        delete track.gapId;
        delete track.agentAt;
        // Its outputs all arrived before the page went: it is done; otherwise it goes again.
        if (allOutputsFilled(track)) this.moves.settle(run, track, 'done');
        else this.moves.makeDue(run, track);
      }
    }
    this.moves.toCheck.add(run.runId);
  }

  private wake(now: number, decisions: Decision[]): void {
    // An interrupted run's retries and deadlines wait for its resume.
    for (const timer of this.timers.takeDue(now, (runId) => this.parked.has(runId))) {
      const run = this.runs.get(timer.runId);
      const track = run?.steps.get(timer.stepId);
      if (!run || !track) continue;
      if (timer.askId !== undefined) {
        if (run.asks.has(timer.askId))
          decisions.push({ type: 'ask-timeout', runId: run.runId, stepId: track.step.stepId, askId: timer.askId });
      } else if (track.phase === 'retrying') {
        delete track.retryAt;
        this.moves.makeDue(run, track);
      }
    }
  }

  /** Skips, resilience after a failure, map items and gathering: what the loop owes a step. */
  /** The outer step a sub-flow run works for, and whether its run is interrupted. */
  private outerStep(runId: RunId, stepId: StepId): { track: StepTrack; parked: boolean } | undefined {
    const parked = this.parked.get(runId);
    const track = (parked ?? this.runs.get(runId))?.steps.get(stepId);
    return track ? { track, parked: parked !== undefined } : undefined;
  }
}
