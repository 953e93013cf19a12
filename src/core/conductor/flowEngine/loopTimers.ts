import type { GapId, RunId, StepId } from '../../ids';

/** A moment the gap loop must look again by itself: a retry falls due, or a person's time to answer runs out. */
export interface LoopTimer {
  runId: RunId;
  stepId: StepId;
  at: number;
  /** Set for an ask's deadline; absent for a retry. */
  askId?: GapId;
}

/** The gap loop's retry timers and ask deadlines, on the conductor's clock (no real timers: the pump asks). */
export class LoopTimers {
  private timers: LoopTimer[] = [];

  add(timer: LoopTimer): void {
    this.timers.push(timer);
  }

  /** When the loop next has something to do on its own, if ever. */
  nextWakeAt(): number | undefined {
    let next: number | undefined;
    for (const t of this.timers) if (next === undefined || t.at < next) next = t.at;
    return next;
  }

  /** Takes the timers due at `now`, oldest set first. A run that `waits` (interrupted) keeps its timers for its resume. */
  takeDue(now: number, waits: (runId: RunId) => boolean): LoopTimer[] {
    if (this.timers.length === 0) return [];
    const due: LoopTimer[] = [];
    const later: LoopTimer[] = [];
    for (const timer of this.timers) (timer.at > now || waits(timer.runId) ? later : due).push(timer);
    this.timers = later;
    return due;
  }
}
