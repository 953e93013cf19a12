import type { ModelRef } from '../../events/eventMap';
import type { ArtifactHash, GapId, RunId, StepId } from '../../ids';
import type { ModelDefinition } from '../../models/modelDefinition';
import { admits, headroom, minHeadroom, noSpend, type Headroom } from '../../policy/budget';
import { tightestBudgets, type TightestBudgets } from '../../policy/budgetNames';
import { slotKey } from '../../flow/compileExpectations';
import { nextAfterFailure } from '../stepResilience';
import type { StepTrack, TrackedRun } from './trackedRun';
import type { ErrorClass } from '../ports';
import { asSentence } from '../../text/sentence';
import type { HearDecision } from '../../bus/listenWatch';

interface StepDecisionBase {
  runId: RunId;
  stepId: StepId;
  inputs: Record<string, ArtifactHash>;
  causeSeqs: number[];
  model: ModelRef;
}
/** Send an agent: the step's model (or a fallback, or its inverse model when `reverse`). */
export interface SpawnDecision extends StepDecisionBase {
  type: 'spawn';
  attempt: number;
  item?: number;
  reverse?: boolean;
  /** What the agent may spend: the budgets left and the policy's caps, whichever is least. */
  room: Headroom;
  /** Per limit, the budget that leaves the least of it (named), to say which one cut the agent short. */
  budgets?: TightestBudgets;
}
/** Built-in steps the conductor settles itself: route a branch or a gate, ask a person, start a sub-run, split a list. */
export interface ConductorStepDecision extends StepDecisionBase {
  /** `listen`: the step starts waiting for messages (the loop takes it; see kinds/listen/listenWatch.ts). */
  type: 'route' | 'ask' | 'subflow' | 'expand' | 'listen';
}
export interface GatherDecision {
  type: 'gather';
  runId: RunId;
  stepId: StepId;
  results: Array<Record<string, ArtifactHash>>;
}
export interface SkipDecision {
  type: 'skip';
  runId: RunId;
  stepId: StepId;
  reason: string;
}
export interface RetryDecision {
  type: 'retry';
  runId: RunId;
  stepId: StepId;
  attempt: number;
  model: ModelRef;
  fallback: boolean;
  delayMs: number;
  errorClass: ErrorClass;
}
export interface StepFailDecision {
  type: 'fail-step';
  runId: RunId;
  stepId: StepId;
  reason: string;
  errorClass?: ErrorClass;
  /** A budget refusal that the policy says to ask about rather than stop at. */
  askBudget?: boolean;
}
/** A person did not answer in time: the ask's timeout policy applies. */
export interface AskTimeoutDecision {
  type: 'ask-timeout';
  runId: RunId;
  stepId: StepId;
  askId: GapId;
}
/** A sub-flow's run ended: its outputs become the outer step's, or the step fails. */
export interface AdoptDecision {
  type: 'adopt';
  runId: RunId;
  stepId: StepId;
  gapId: GapId;
  childRunId: RunId;
  outputs: Record<string, ArtifactHash>;
  failure?: string;
}
export interface FinishDecision {
  type: 'finish';
  runId: RunId;
  status: 'succeeded' | 'failed';
  reason?: string;
  /** The gate that ended a succeeded run early. */
  stoppedAt?: StepId;
}
export type Decision =
  | HearDecision
  | SpawnDecision
  | ConductorStepDecision
  | GatherDecision
  | SkipDecision
  | RetryDecision
  | StepFailDecision
  | AskTimeoutDecision
  | AdoptDecision
  | FinishDecision;

export type ModelLookup = (ref: ModelRef) => ModelDefinition | undefined;

/*
 * How the gap loop's decisions for one step are made, from the run as the loop tracks it. These
 * only read; the loop (gapLoop.ts) owns the state and moves the phases.
 */

export function afterFailure(run: TrackedRun, track: StepTrack): Decision[] {
  const error = track.lastError ?? { errorClass: 'script-error' as const, reason: 'it failed' };
  // A budget cut the agent short (its deadline or its tokens): the budget's policy decides, as
  // when it refuses to start one: stop the run there, or ask a person to let it run past.
  if (error.errorClass === 'budget' && !track.map) {
    return [
      {
        type: 'fail-step',
        runId: run.runId,
        stepId: track.step.stepId,
        reason: error.reason,
        errorClass: 'budget',
        askBudget: track.step.policy?.budget?.onExceed === 'ask',
      },
    ];
  }
  // A failed reverse rebuild is not retried forward: the step fails with its reason.
  const next = track.reverse
    ? { kind: 'fail' as const }
    : nextAfterFailure(track.step, track.attempt, track.fallbackIndex, error.errorClass, error.retryAfterMs);
  if (next.kind === 'retry') {
    return [
      {
        type: 'retry',
        runId: run.runId,
        stepId: track.step.stepId,
        attempt: next.attempt,
        model: next.model,
        fallback: next.fallback,
        delayMs: next.delayMs,
        errorClass: error.errorClass,
      },
    ];
  }
  if (next.kind === 'skip')
    return [
      {
        type: 'skip',
        runId: run.runId,
        stepId: track.step.stepId,
        reason: `It is not critical, so the run goes on without it. It failed: ${error.reason}`,
      },
    ];
  return [
    {
      type: 'fail-step',
      runId: run.runId,
      stepId: track.step.stepId,
      reason: error.reason,
      errorClass: error.errorClass,
    },
  ];
}

/** Why the budgets refuse another agent for this step, if they do (once waived by a person, they don't). */
export function budgetRefusal(room: Headroom, track: StepTrack): string | undefined {
  if (track.budgetWaived) return undefined;
  const verdict = admits(room);
  if (verdict.ok) return undefined;
  const limit = { tokens: 'tokens', costUsd: 'cost', wallMs: 'wall time' }[verdict.limit];
  return `The budget is used up (${limit}), so “${track.step.label}” was not started.`;
}

export function spawnFor(run: TrackedRun, track: StepTrack, model: ModelRef = track.model): SpawnDecision {
  const { inputs, causeSeqs } = inputsOf(run, track);
  const budget = track.step.policy?.budget;
  const agentRoom = headroom(budget?.agent, { tokens: 0, costUsd: 0, wallMs: 0 });
  // A person allowed this step past the run's and step's budgets: only the agent's own cap holds.
  const room = track.budgetWaived
    ? agentRoom
    : minHeadroom(headroom(run.budget, run.spend), headroom(budget?.step, track.spend), agentRoom);
  const scopes = [
    ...(track.budgetWaived
      ? []
      : [
          { scope: 'run' as const, limits: run.budget, spent: run.spend },
          { scope: 'step' as const, limits: budget?.step, spent: track.spend },
        ]),
    { scope: 'agent' as const, limits: budget?.agent, spent: noSpend },
  ];
  const budgets = tightestBudgets(scopes);
  return {
    type: 'spawn',
    runId: run.runId,
    stepId: track.step.stepId,
    inputs,
    causeSeqs,
    model,
    attempt: track.attempt,
    room,
    ...(Object.keys(budgets).length > 0 ? { budgets } : {}),
  };
}

export function inputsOf(
  run: TrackedRun,
  track: StepTrack,
): { inputs: Record<string, ArtifactHash>; causeSeqs: number[] } {
  const inputs: Record<string, ArtifactHash> = {};
  const causeSeqs = new Set<number>();
  for (const need of track.requires) {
    const found =
      need.source.kind === 'step' ? run.available.get(slotKey(need.source.stepId, need.source.port)) : run.runInput;
    // A join that starts on some of its inputs passes only those.
    if (!found) continue;
    inputs[need.port] = found[0];
    causeSeqs.add(found[1]);
  }
  if (causeSeqs.size === 0) causeSeqs.add(run.runInput[1]);
  return { inputs, causeSeqs: [...causeSeqs].sort((a, b) => a - b) };
}

export function finishDecision(run: TrackedRun): FinishDecision | undefined {
  if (run.finishing || run.open > 0 || run.pending.size > 0) return undefined;
  run.finishing = true;
  let settled = 0;
  let skipped = 0;
  for (const track of run.steps.values()) {
    if (track.phase === 'done') settled += 1;
    if (track.phase === 'skipped') skipped += 1;
  }
  if (settled + skipped === run.steps.size && run.failures.length === 0) {
    const stop = run.stoppedAt;
    return stop
      ? {
          type: 'finish',
          runId: run.runId,
          status: 'succeeded',
          reason: `Stopped at the gate “${stop.label}”: ${stop.detail}`,
          stoppedAt: stop.stepId,
        }
      : { type: 'finish', runId: run.runId, status: 'succeeded' };
  }
  const first = run.failures[0];
  const notRun = run.steps.size - settled - skipped - run.failures.length;
  const tail = notRun > 0 ? ` ${notRun} step${notRun === 1 ? '' : 's'} after it could not run.` : '';
  const label = first ? (run.steps.get(first.stepId)?.step.label ?? first.stepId) : '';
  const reason = first
    ? `Step “${label}” failed: ${asSentence(first.reason)}${tail}`
    : `${notRun} step${notRun === 1 ? '' : 's'} never received their inputs.`;
  return { type: 'finish', runId: run.runId, status: 'failed', reason };
}

/** Rebuild a step's outputs in reverse, from the downstream artifacts its rule names, with the inverse model. */
export function rebuildDecision(run: TrackedRun, track: StepTrack, inverse: ModelRef): SpawnDecision {
  const inputs: Record<string, ArtifactHash> = {};
  const causeSeqs = new Set<number>();
  for (const f of track.rebuildFrom ?? []) {
    const [hash, seq] = run.available.get(f.key) as [ArtifactHash, number];
    inputs[f.as] = hash;
    causeSeqs.add(seq);
  }
  return { ...spawnFor(run, track, inverse), inputs, causeSeqs: [...causeSeqs].sort((a, b) => a - b), reverse: true };
}

/**
 * A sub-flow's run ended: each output of the outer step takes the latest step of the inner flow
 * with an output of that name; a failed run, or a missing name, fails the outer step.
 */
export function adoptDecision(
  child: TrackedRun,
  parent: { runId: RunId; stepId: StepId; gapId: GapId },
  outer: StepTrack,
  failure: string | undefined,
): AdoptDecision {
  const outputs: Record<string, ArtifactHash> = {};
  for (const port of outer.step.outputs) {
    for (let i = child.order.length - 1; i >= 0; i -= 1) {
      const found = child.available.get(slotKey(child.order[i] as StepId, port.name));
      if (found) {
        outputs[port.name] = found[0];
        break;
      }
    }
  }
  const missing = outer.step.outputs.filter((p) => outputs[p.name] === undefined).map((p) => p.name);
  const why =
    failure ?? (missing.length > 0 ? `the sub-flow has no step with an output named ${missing.join(', ')}` : undefined);
  return {
    type: 'adopt',
    runId: parent.runId,
    stepId: parent.stepId,
    gapId: parent.gapId,
    childRunId: child.runId,
    outputs,
    ...(why !== undefined ? { failure: why } : {}),
  };
}
