import { compileExpectations, slotKey, type StepExpectation } from '../flow/compileExpectations';
import type { ArtifactHash, GapId, RunId, StepId } from '../ids';
import type { StoredEvent } from '../events/storedEvent';

/** A reaction gap the conductor should close by sending an agent. */
export interface SpawnDecision {
  type: 'spawn';
  runId: RunId;
  stepId: StepId;
  inputs: Record<string, ArtifactHash>;
  causeSeqs: number[];
}
export interface FinishDecision {
  type: 'finish';
  runId: RunId;
  status: 'succeeded' | 'failed';
  reason?: string;
}
export type Decision = SpawnDecision | FinishDecision;

type StepPhase = 'blocked' | 'due' | 'in-gap' | 'done' | 'failed';

interface TrackedRun {
  runId: RunId;
  labels: Map<StepId, string>;
  expectations: Map<StepId, StepExpectation>;
  /** slot → steps that need it as an input. */
  dependents: Map<string, StepId[]>;
  missing: Map<StepId, number>;
  phase: Map<StepId, StepPhase>;
  /** The gap each step's current agent is closing, while it is in one. */
  gapOfStep: Map<StepId, GapId>;
  /** slot → [artifact hash, seq of the event that produced it]. */
  available: Map<string, [ArtifactHash, number]>;
  runInput: [ArtifactHash, number];
  due: StepId[];
  inGap: number;
  failures: Array<{ stepId: StepId; reason: string }>;
  finishing: boolean;
}

/**
 * The conductor's gap loop: it watches events, keeps each running run's expectations indexed by
 * the artifact slots they wait on, and says which gaps are due and which runs are over.
 *
 * Incremental by construction: an event touches only the expectations indexed under its slot, so
 * the cost of an event does not grow with the length of the log.
 */
export class GapLoop {
  private readonly runs = new Map<RunId, TrackedRun>();
  /** Interrupted runs, kept so that a resume continues where they stopped. */
  private readonly parked = new Map<RunId, TrackedRun>();
  private readonly withDue: RunId[] = [];
  private readonly toCheck = new Set<RunId>();

  observe(event: StoredEvent): void {
    if (event.type === 'run.started') return this.track(event);
    if (event.runId === undefined) return;
    if (event.type === 'run.resumed') return this.resume(event.runId);
    const run = this.runs.get(event.runId);
    if (!run) return;
    switch (event.type) {
      case 'gap.opened':
        run.gapOfStep.set(event.data.stepId, event.data.gapId);
        // Already counted when this loop decided it; counted here when replaying the log.
        if (run.phase.get(event.data.stepId) !== 'in-gap') {
          run.phase.set(event.data.stepId, 'in-gap');
          run.inGap += 1;
        }
        break;
      case 'artifact.produced':
        this.fill(run, slotKey(event.data.stepId, event.data.port), event.data.artifact.hash, event.seq);
        break;
      case 'agent.resolved':
        if (event.data.outcome === 'failed') {
          run.phase.set(event.data.stepId, 'failed');
          run.failures.push({ stepId: event.data.stepId, reason: event.data.reason ?? 'it failed' });
        } else {
          run.phase.set(event.data.stepId, 'done');
        }
        break;
      case 'gap.closed':
        run.inGap -= 1;
        for (const [stepId, gapId] of run.gapOfStep) if (gapId === event.data.gapId) run.gapOfStep.delete(stepId);
        this.toCheck.add(run.runId);
        break;
      case 'run.finished':
        this.runs.delete(run.runId);
        if (event.data.status === 'interrupted') this.parked.set(run.runId, run);
        return;
      default:
        return;
    }
  }

  /**
   * Takes up to `limit` due gaps (oldest run first), plus a finish decision for every run with
   * nothing left to do. The caller must append the matching events before the next call.
   */
  takeDecisions(limit: number): Decision[] {
    const decisions: Decision[] = [];
    while (decisions.length < limit && this.withDue.length > 0) {
      const run = this.runs.get(this.withDue[0] as RunId);
      const stepId = run?.due.shift();
      if (!run || stepId === undefined) {
        this.withDue.shift();
        continue;
      }
      if (run.due.length === 0) this.withDue.shift();
      // A gap replayed from the log since it was queued is already being closed.
      if (run.phase.get(stepId) !== 'due') continue;
      run.phase.set(stepId, 'in-gap');
      run.inGap += 1;
      decisions.push(this.spawnDecision(run, stepId));
    }
    for (const runId of this.toCheck) {
      const run = this.runs.get(runId);
      const finish = run ? this.finishDecision(run) : undefined;
      if (finish) decisions.push(finish);
    }
    this.toCheck.clear();
    return decisions;
  }

  /** Runs the log says are going but that this conductor isn't driving: after a restart, say. */
  unfinishedRuns(): RunId[] {
    return [...this.runs.keys()];
  }

  isResumable(runId: RunId): boolean {
    return this.parked.has(runId);
  }

  /** Gaps of an interrupted run whose agents died with it: a resume closes them as abandoned. */
  danglingGaps(runId: RunId): GapId[] {
    return [...(this.parked.get(runId)?.gapOfStep.values() ?? [])];
  }

  private resume(runId: RunId): void {
    const run = this.parked.get(runId);
    if (!run) return;
    this.parked.delete(runId);
    // Rebuild the due list from the phases: a step that was in a gap lost its agent, so it is due.
    run.due = [];
    run.inGap = 0;
    run.gapOfStep.clear();
    run.finishing = false;
    for (const [stepId, phase] of run.phase) {
      if (phase === 'in-gap' || phase === 'due') {
        run.phase.set(stepId, 'due');
        run.due.push(stepId);
      }
    }
    this.runs.set(runId, run);
    if (run.due.length > 0) this.withDue.push(runId);
    this.toCheck.add(runId);
  }

  /** Agents or gaps in flight, across all runs. */
  get openGapCount(): number {
    let n = 0;
    for (const run of this.runs.values()) n += run.inGap;
    return n;
  }

  private track(event: Extract<StoredEvent, { type: 'run.started' }>): void {
    const { runId, plan, input, reused = [] } = event.data;
    const run: TrackedRun = {
      runId,
      labels: new Map(plan.steps.map((s) => [s.stepId, s.label])),
      expectations: new Map(),
      dependents: new Map(),
      missing: new Map(),
      phase: new Map(),
      gapOfStep: new Map(),
      available: new Map(),
      runInput: [input.hash, event.seq],
      due: [],
      inGap: 0,
      failures: [],
      finishing: false,
    };
    // A fork's reused outputs exist from the start; their steps are done without an agent.
    const reusedSteps = new Set(reused.map((r) => r.stepId));
    for (const r of reused) run.available.set(slotKey(r.stepId, r.port), [r.artifact.hash, event.seq]);
    for (const exp of compileExpectations(plan)) {
      run.expectations.set(exp.stepId, exp);
      let missing = 0;
      for (const need of exp.requires) {
        if (need.source.kind !== 'step' || run.available.has(slotKey(need.source.stepId, need.source.port))) continue;
        missing += 1;
        const key = slotKey(need.source.stepId, need.source.port);
        const list = run.dependents.get(key);
        if (list) list.push(exp.stepId);
        else run.dependents.set(key, [exp.stepId]);
      }
      run.missing.set(exp.stepId, missing);
      if (reusedSteps.has(exp.stepId)) {
        run.phase.set(exp.stepId, 'done');
        continue;
      }
      run.phase.set(exp.stepId, missing === 0 ? 'due' : 'blocked');
      if (missing === 0) run.due.push(exp.stepId);
    }
    this.runs.set(runId, run);
    if (run.due.length > 0) this.withDue.push(runId);
    this.toCheck.add(runId);
  }

  private fill(run: TrackedRun, key: string, hash: ArtifactHash, seq: number): void {
    if (run.available.has(key)) return;
    run.available.set(key, [hash, seq]);
    for (const stepId of run.dependents.get(key) ?? []) {
      const left = (run.missing.get(stepId) ?? 0) - 1;
      run.missing.set(stepId, left);
      if (left === 0 && run.phase.get(stepId) === 'blocked') {
        run.phase.set(stepId, 'due');
        if (run.due.length === 0) this.withDue.push(run.runId);
        run.due.push(stepId);
      }
    }
  }

  private spawnDecision(run: TrackedRun, stepId: StepId): SpawnDecision {
    const exp = run.expectations.get(stepId) as StepExpectation;
    const inputs: Record<string, ArtifactHash> = {};
    const causeSeqs = new Set<number>();
    for (const need of exp.requires) {
      const [hash, seq] = need.source.kind === 'step' ? (run.available.get(slotKey(need.source.stepId, need.source.port)) as [ArtifactHash, number]) : run.runInput;
      inputs[need.port] = hash;
      causeSeqs.add(seq);
    }
    if (causeSeqs.size === 0) causeSeqs.add(run.runInput[1]);
    return { type: 'spawn', runId: run.runId, stepId, inputs, causeSeqs: [...causeSeqs].sort((a, b) => a - b) };
  }

  private finishDecision(run: TrackedRun): FinishDecision | undefined {
    if (run.finishing || run.inGap > 0 || run.due.length > 0) return undefined;
    run.finishing = true;
    let done = 0;
    for (const phase of run.phase.values()) if (phase === 'done') done += 1;
    if (done === run.phase.size) return { type: 'finish', runId: run.runId, status: 'succeeded' };
    const first = run.failures[0];
    const notRun = run.phase.size - done - run.failures.length;
    const tail = notRun > 0 ? ` ${notRun} step${notRun === 1 ? '' : 's'} after it could not run.` : '';
    const reason = first
      ? `Step “${run.labels.get(first.stepId) ?? first.stepId}” failed: ${first.reason}${tail}`
      : `${notRun} step${notRun === 1 ? '' : 's'} never received their inputs.`;
    return { type: 'finish', runId: run.runId, status: 'failed', reason };
  }
}
