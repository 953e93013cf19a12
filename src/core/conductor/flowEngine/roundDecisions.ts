import { slotKey } from '../../flow/compileExpectations';
import type { ModelRef } from '../../events/eventMap';
import type { ArtifactHash } from '../../ids';
import type { KindRole } from '../../kinds/kindModule';
import {
  afterFailure,
  budgetRefusal,
  inputsOf,
  rebuildDecision,
  spawnFor,
  type Decision,
  type ModelLookup,
} from './stepDecisions';
import type { StepMoves } from './stepMoves';
import { canRebuild, type StepTrack, type TrackedRun } from './trackedRun';

/*
 * The decisions one round of the gap loop takes for a run's steps (gapLoop.ts takes the round):
 * what its pending steps are owed and what its due steps need. The phases they move go through
 * StepMoves; map items through the step's MapStep.
 */

/**
 * What a round owes a run's pending steps: a skip for a step whose inputs will never arrive, what
 * follows a failure (retry, fallback, skip or fail), and for a map step its next items (within
 * `slots`, which the round's other agents share), its gather once every item is in, or its failure.
 */
export function pendingDecisions(moves: StepMoves, run: TrackedRun, out: Decision[], slots: { free: number }): void {
  for (const stepId of run.pending) {
    const track = run.steps.get(stepId);
    if (!track) continue;
    if (track.map && track.phase === 'running') {
      const map = track.map;
      if (map.failed && map.running === 0) {
        run.pending.delete(stepId);
        moves.moveTo(run, track, 'deciding');
        out.push(...afterFailure(run, track));
        continue;
      }
      if (map.failed) continue;
      for (const item of map.start(slots.free)) {
        slots.free -= 1;
        out.push({
          ...spawnFor(run, track),
          item,
          inputs: {
            ...inputsOf(run, track).inputs,
            [track.step.settings?.map?.port ?? '']: map.itemAt(item) as ArtifactHash,
          },
        });
      }
      if (map.allFinished) {
        run.pending.delete(stepId);
        out.push({ type: 'gather', runId: run.runId, stepId, results: map.results() });
      } else if (!map.hasQueued) run.pending.delete(stepId);
      continue;
    }
    run.pending.delete(stepId);
    if (track.phase === 'unreachable') {
      const cause = track.requires.find(
        (r) => r.source.kind === 'step' && run.voided.has(slotKey(r.source.stepId, r.source.port)),
      );
      const from = cause?.source.kind === 'step' ? run.steps.get(cause.source.stepId)?.step.label : undefined;
      out.push({
        type: 'skip',
        runId: run.runId,
        stepId,
        reason: from
          ? `“${from}” did not produce what it needs (not taken, or skipped).`
          : 'Its inputs will never arrive.',
      });
    } else if (track.phase === 'deciding') {
      out.push(...afterFailure(run, track));
    }
  }
}

/**
 * The decision for a due step: rebuild it in reverse, split its list, fail it when no enabled
 * extension provides its kind, let the conductor settle it (route, ask, sub-flow), or send an agent
 * when the budgets allow one. Marks a reverse rebuild on the step, so its failure is not retried forward.
 */
export function dueDecision(
  run: TrackedRun,
  track: StepTrack,
  roleOf: (ref: ModelRef) => KindRole | 'not-installed',
  models: ModelLookup,
): Decision {
  if (canRebuild(run, track) && track.step.rebuildModel) {
    track.reverse = true;
    return rebuildDecision(run, track, track.step.rebuildModel);
  }
  const { inputs, causeSeqs } = inputsOf(run, track);
  const base = { runId: run.runId, stepId: track.step.stepId, inputs, causeSeqs, model: track.model };
  if (track.step.settings?.map && !track.map) return { ...base, type: 'expand' };
  const role = roleOf(track.model);
  if (role === 'not-installed') {
    const name = models(track.model)?.name ?? track.model.modelId;
    return {
      type: 'fail-step',
      runId: run.runId,
      stepId: track.step.stepId,
      reason: `Its model “${name}” is of a kind no enabled extension provides (it was disabled or removed). Enable it under Project ▾ → Extensions.`,
      errorClass: 'bad-request',
    };
  }
  if (role !== 'agent') return { ...base, type: role };
  const spawn = spawnFor(run, track);
  const refusal = budgetRefusal(spawn.room, track);
  if (refusal)
    return {
      type: 'fail-step',
      runId: run.runId,
      stepId: track.step.stepId,
      reason: refusal,
      errorClass: 'budget',
      askBudget: track.step.policy?.budget?.onExceed === 'ask',
    };
  return spawn;
}
