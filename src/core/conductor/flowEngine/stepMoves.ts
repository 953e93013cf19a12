import { slotKey } from '../../flow/compileExpectations';
import { joinState } from '../../flow/joinPolicy';
import type { StoredEvent } from '../../events/storedEvent';
import type { ArtifactHash, RunId, StepId } from '../../ids';
import { addSpend, spendOf } from '../../policy/budget';
import { allOutputsFilled, canRebuild, setPhase, type StepTrack, type TrackedRun } from './trackedRun';

/**
 * How what happens moves a run's steps: a step's phase, its slots filled or voided, and the gap
 * loop's three work lists that say where the next round must look (runs with due steps, runs with
 * moves owed, runs that may have finished). Every phase change of the loop goes through here, so
 * the lists never miss one. Incremental: an event touches only the steps indexed under its slot.
 */
export class StepMoves {
  /** Runs with due steps, oldest first (each run once: its own `due` list holds the steps). */
  readonly withDue: RunId[] = [];
  /** Runs whose `pending` steps are owed a move: a skip, what follows a failure, map items, a gather. */
  readonly withPending = new Set<RunId>();
  /** Runs that may have nothing left to do: the next round checks whether they finished. */
  readonly toCheck = new Set<RunId>();

  makeDue(run: TrackedRun, track: StepTrack): void {
    this.moveTo(run, track, 'due');
    if (run.due.length === 0) this.withDue.push(run.runId);
    run.due.push(track.step.stepId);
  }

  moveTo(run: TrackedRun, track: StepTrack, phase: StepTrack['phase']): void {
    setPhase(run, track, phase);
    if (run.open === 0) this.toCheck.add(run.runId);
  }

  settle(run: TrackedRun, track: StepTrack, phase: 'done' | 'skipped' | 'failed'): void {
    if (track.phase === phase) return;
    this.moveTo(run, track, phase);
    run.pending.delete(track.step.stepId);
    this.toCheck.add(run.runId);
  }

  failStep(run: TrackedRun, track: StepTrack, reason: string): void {
    if (track.phase === 'failed') return;
    run.failures.push({ stepId: track.step.stepId, reason });
    this.settle(run, track, 'failed');
  }

  markPending(run: TrackedRun, stepId: StepId): void {
    run.pending.add(stepId);
    this.withPending.add(run.runId);
  }

  produced(
    run: TrackedRun,
    stepId: StepId,
    port: string,
    hash: ArtifactHash,
    seq: number,
    item: number | undefined,
  ): void {
    const track = run.steps.get(stepId);
    if (item !== undefined) {
      if (track?.map?.produced(item, port, hash)) this.markPending(run, stepId);
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
      if (t.phase === 'blocked' && joinState(t.needed, t.fromSteps, t.arrived, t.skippedInputs) === 'ready')
        this.makeDue(run, t);
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
  voidSlot(run: TrackedRun, key: string): void {
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

  resolved(run: TrackedRun, event: Extract<StoredEvent, { type: 'agent.resolved' }>): void {
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
      track.map.failedItem(event.data.item);
      track.lastError = {
        errorClass: event.data.errorClass ?? 'script-error',
        reason: `item ${event.data.item + 1}: ${event.data.reason ?? 'it failed'}`,
      };
      this.markPending(run, track.step.stepId);
      return;
    }
    delete track.gapId;
    track.lastError = {
      errorClass: event.data.errorClass ?? 'script-error',
      reason: event.data.reason ?? 'it failed',
      ...(event.data.retryAfterMs !== undefined ? { retryAfterMs: event.data.retryAfterMs } : {}),
    };
    this.moveTo(run, track, 'deciding');
    this.markPending(run, track.step.stepId);
  }
}
