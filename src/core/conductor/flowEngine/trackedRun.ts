import { slotKey, type InputSource } from '../../flow/compileExpectations';
import { inputsNeeded } from '../../flow/joinPolicy';
import type { ModelRef, PlanStep } from '../../events/eventMap';
import type { StoredEvent } from '../../events/storedEvent';
import type { AgentId, ArtifactHash, GapId, RunId, StepId } from '../../ids';
import type { StepPhase } from '../../run/stepStatus';
import type { Limits } from '../../policy/policy';
import { noSpend, type Spend } from '../../policy/budget';
import type { ErrorClass } from '../ports';
import type { MapStep } from './mapStep';

/** Where a step stands in the gap loop: see the glossary in run/stepStatus.ts. */
export type Phase = StepPhase;
/** Phases in which a step still owes the run something: a run finishes only when none is left in one. */
export const OPEN_PHASES: ReadonlySet<Phase> = new Set<Phase>([
  'due',
  'unreachable',
  'running',
  'asking',
  'retrying',
  'deciding',
]);

export interface StepTrack {
  step: PlanStep;
  requires: ReadonlyArray<{ port: string; source: InputSource }>;
  needed: number;
  /** How many of its inputs come from other steps (the rest take the run's input). */
  fromSteps: number;
  arrived: number;
  skippedInputs: number;
  phase: Phase;
  /** The model now in use: the step's own, or a fallback; and the attempt on it (from 1). */
  model: ModelRef;
  fallbackIndex: number;
  attempt: number;
  retryAt?: number;
  lastError?: { errorClass: ErrorClass; reason: string; retryAfterMs?: number };
  gapId?: GapId;
  /** The agent at work on the step (not on one map item), until it resolves. */
  agentAt?: AgentId;
  /** A map step's items, once its list is split (mapStep.ts owns their state). */
  map?: MapStep;
  /** Reverse reconstruction: the downstream slots its outputs can be rebuilt from. */
  rebuildFrom?: ReadonlyArray<{ key: string; as: string }>;
  reverse: boolean;
  budgetWaived: boolean;
  spend: Spend;
  filledOutputs: number;
}

export interface TrackedRun {
  runId: RunId;
  parentStep?: { runId: RunId; stepId: StepId; gapId: GapId };
  steps: Map<StepId, StepTrack>;
  order: StepId[];
  /** slot → steps that need it as an input. */
  dependents: Map<string, StepId[]>;
  /** slot → steps that can be rebuilt once it exists. */
  rebuildWatchers: Map<string, StepId[]>;
  /** slot → [artifact hash, seq of the event that produced it]. */
  available: Map<string, [ArtifactHash, number]>;
  /** Slots that will never be filled: a branch not taken, a skipped step. */
  voided: Set<string>;
  runInput: [ArtifactHash, number];
  due: StepId[];
  /** Steps whose next move (skip, resilience, map items, gather) the loop owes. */
  pending: Set<StepId>;
  open: number;
  failures: Array<{ stepId: StepId; reason: string }>;
  finishing: boolean;
  budget?: Limits;
  spend: Spend;
  /** Asks waiting for a person: askId → step and kind. */
  asks: Map<string, { stepId: StepId; kind: string }>;
  /** Once interrupted: the gaps whose agents died with the page (a resume closes them as abandoned). */
  dangling: GapId[];
  /** The gate that did not pass and so ended the run's work, for its finish to say. */
  stoppedAt?: { stepId: StepId; label: string; detail: string };
}

/** Builds the loop's view of a run from its run.started event. */
export function trackRun(event: Extract<StoredEvent, { type: 'run.started' }>): TrackedRun {
  const { runId, plan, input, reused = [], given = [], budget, parentStep } = event.data;
  const run: TrackedRun = {
    runId,
    ...(parentStep ? { parentStep } : {}),
    steps: new Map(),
    order: [],
    dependents: new Map(),
    rebuildWatchers: new Map(),
    available: new Map(),
    voided: new Set(),
    runInput: [input.hash, event.seq],
    due: [],
    pending: new Set(),
    open: 0,
    failures: [],
    finishing: false,
    ...(budget ? { budget } : {}),
    spend: noSpend,
    asks: new Map(),
    dangling: [],
  };
  for (const r of [...reused, ...given]) run.available.set(slotKey(r.stepId, r.port), [r.artifact.hash, event.seq]);
  const incoming = new Map<string, InputSource>();
  for (const edge of plan.edges)
    incoming.set(slotKey(edge.target.stepId, edge.target.port), {
      kind: 'step',
      stepId: edge.source.stepId,
      port: edge.source.port,
    });
  for (const step of plan.steps) {
    const requires = step.inputs.map((p) => ({
      port: p.name,
      source: incoming.get(slotKey(step.stepId, p.name)) ?? ({ kind: 'run-input' } as const),
    }));
    const fromSteps = requires.filter((r) => r.source.kind === 'step');
    const track: StepTrack = {
      step,
      requires,
      needed: inputsNeeded(step.settings?.join, fromSteps.length),
      fromSteps: fromSteps.length,
      arrived: 0,
      skippedInputs: 0,
      phase: 'blocked',
      model: { modelId: step.modelId, modelVersion: step.modelVersion },
      fallbackIndex: 0,
      attempt: 1,
      reverse: false,
      budgetWaived: false,
      spend: noSpend,
      filledOutputs: step.outputs.filter((p) => run.available.has(slotKey(step.stepId, p.name))).length,
    };
    const rebuild = step.settings?.rebuild;
    if (rebuild && step.rebuildModel) {
      track.rebuildFrom = rebuild.from.map((f) => ({ key: slotKey(f.stepId, f.port), as: f.as }));
      for (const f of track.rebuildFrom) push(run.rebuildWatchers, f.key, step.stepId);
    }
    for (const need of fromSteps) {
      if (need.source.kind !== 'step') continue;
      const key = slotKey(need.source.stepId, need.source.port);
      if (run.available.has(key)) track.arrived += 1;
      else push(run.dependents, key, step.stepId);
    }
    run.steps.set(step.stepId, track);
    run.order.push(step.stepId);
  }
  return run;
}

function push(map: Map<string, StepId[]>, key: string, stepId: StepId): void {
  const list = map.get(key);
  if (list) list.push(stepId);
  else map.set(key, [stepId]);
}

/** Moves a step to a phase, keeping the run's count of open steps. */
export function setPhase(run: TrackedRun, track: StepTrack, phase: Phase): void {
  if (OPEN_PHASES.has(track.phase)) run.open -= 1;
  if (OPEN_PHASES.has(phase)) run.open += 1;
  track.phase = phase;
}

export const allOutputsFilled = (track: StepTrack): boolean => track.filledOutputs >= track.step.outputs.length;

export function canRebuild(run: TrackedRun, track: StepTrack): boolean {
  return (
    track.rebuildFrom !== undefined &&
    !allOutputsFilled(track) &&
    track.rebuildFrom.every((f) => run.available.has(f.key))
  );
}
