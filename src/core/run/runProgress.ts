import type { StepId } from '../ids';
import type { PlanStep } from '../events/eventMap';
import type { Spend } from '../policy/budget';
import type { Limits } from '../policy/policy';
import type { RunState, RunStatus, StepStatus } from './runState';

/** One measure of spend against its limit, if the run has one. */
export interface SpendShare {
  measure: keyof Spend;
  spent: number;
  limit?: number;
  /** spent ÷ limit, when there is a limit (may pass 1 once a person allowed an overspend). */
  share?: number;
}

/** A step the run is at: what it is doing now. */
export interface StageStep {
  stepId: StepId;
  label: string;
  status: StepStatus;
}

/** The next gate ahead of the run: a step that decides whether the work goes on. */
export interface NextGate {
  stepId: StepId;
  label: string;
  /** `asking`: a person is being asked right now; `checking`: it is deciding; `ahead`: not reached yet. */
  state: 'asking' | 'checking' | 'ahead';
}

/**
 * Where a run stands (seed 003's execution status): how many of its steps are settled, what it
 * is working on, the next gate ahead, and its spend against its budget. Derived from the run's
 * projection alone, so a live run, a replay at a cursor and an imported run all read the same.
 */
export interface RunProgress {
  status: RunStatus;
  /** Steps settled for good: done (their outputs exist) or skipped (they will not run). */
  done: number;
  total: number;
  /** done ÷ total as a whole percentage, rounded down (100 only when every step is settled). */
  percent: number;
  /** The steps at work now (running, asking, retrying), in plan order. */
  current: readonly StageStep[];
  nextGate?: NextGate;
  spend: readonly SpendShare[];
}

const SETTLED: ReadonlySet<StepStatus> = new Set(['done', 'skipped']);
const ACTIVE: ReadonlySet<StepStatus> = new Set(['running', 'asking', 'retrying']);
const MEASURES: ReadonlyArray<keyof Spend> = ['tokens', 'costUsd', 'wallMs'];

/**
 * The progress of one run. `isGate` says which of its planned steps are gates (the plan names
 * models, not kinds, so the caller who knows the kinds decides). Plan order is the flow's, so
 * "next" is the first gate in it not settled yet; one a person is being asked at comes first.
 */
export function runProgress(run: RunState, isGate: (step: PlanStep) => boolean = () => false): RunProgress {
  let done = 0;
  const current: StageStep[] = [];
  let asking: NextGate | undefined;
  let ahead: NextGate | undefined;
  for (const step of run.plan.steps) {
    const status = run.steps.get(step.stepId)?.status ?? 'waiting';
    if (SETTLED.has(status)) done += 1;
    if (ACTIVE.has(status)) current.push({ stepId: step.stepId, label: step.label, status });
    if (SETTLED.has(status) || status === 'failed' || !isGate(step)) continue;
    if (status === 'asking') asking ??= { stepId: step.stepId, label: step.label, state: 'asking' };
    else ahead ??= { stepId: step.stepId, label: step.label, state: status === 'waiting' ? 'ahead' : 'checking' };
  }
  const total = run.plan.steps.length;
  const nextGate = asking ?? ahead;
  return {
    status: run.status,
    done,
    total,
    percent: total === 0 ? 100 : Math.floor((done * 100) / total),
    current,
    ...(nextGate ? { nextGate } : {}),
    spend: spendShares(run.spend, run.budget),
  };
}

/** Every measure with a limit, and every other one something was spent on. */
function spendShares(spend: Spend, budget: Limits | undefined): SpendShare[] {
  const shares: SpendShare[] = [];
  for (const measure of MEASURES) {
    const limit = budget?.[measure];
    if (limit !== undefined)
      shares.push({
        measure,
        spent: spend[measure],
        limit,
        share: limit > 0 ? spend[measure] / limit : spend[measure] > 0 ? 1 : 0,
      });
    else if (spend[measure] > 0) shares.push({ measure, spent: spend[measure] });
  }
  return shares;
}
