import type { GapId, RunId, StepId } from '../../ids';
import { adoptDecision, type AdoptDecision } from './stepDecisions';
import type { StepTrack, TrackedRun } from './trackedRun';

type OuterStep = { runId: RunId; stepId: StepId; gapId: GapId };

/**
 * Sub-flow runs and the outer steps they work for: when a sub-flow run ends, its outer step adopts
 * its outputs (or fails). An outer run interrupted meanwhile adopts them when it resumes.
 */
export class SubflowAdoptions {
  /** Adoptions owed now, taken by the next round of decisions. */
  private ready: AdoptDecision[] = [];
  /** Sub-flow runs that finished while their outer run was interrupted: adopted when it resumes. */
  private readonly onResume = new Map<RunId, AdoptDecision[]>();
  /** Sub-flow runs: child run → the outer step it works for. */
  private readonly childOf = new Map<RunId, OuterStep>();

  started(childRunId: RunId, outer: OuterStep): void {
    this.childOf.set(childRunId, outer);
  }

  take(): AdoptDecision[] {
    return this.ready.splice(0);
  }

  /**
   * A run ended (not interrupted). If it was a sub-flow run, its outer step adopts it: now, or when
   * the outer run resumes (`outerStep` says whether that run is parked).
   */
  finished(
    child: TrackedRun,
    failure: string | undefined,
    outerStep: (outer: OuterStep) => { track: StepTrack; parked: boolean } | undefined,
  ): void {
    const outer = this.childOf.get(child.runId);
    if (!outer) return;
    this.childOf.delete(child.runId);
    const found = outerStep(outer);
    if (!found) return;
    const adoption = adoptDecision(child, outer, found.track, failure);
    if (found.parked) this.owe(outer.runId, [adoption]);
    else this.ready.push(adoption);
  }

  /** A run was interrupted: sub-flow runs that finished just before are adopted when it resumes. */
  parked(runId: RunId): void {
    const owed = this.ready.filter((a) => a.runId === runId);
    if (owed.length === 0) return;
    this.ready = this.ready.filter((a) => a.runId !== runId);
    this.owe(runId, owed);
  }

  resumed(runId: RunId): void {
    this.ready.push(...(this.onResume.get(runId) ?? []));
    this.onResume.delete(runId);
  }

  private owe(runId: RunId, adoptions: AdoptDecision[]): void {
    this.onResume.set(runId, [...(this.onResume.get(runId) ?? []), ...adoptions]);
  }
}
