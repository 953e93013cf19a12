import type { FlowId, RunId, StepId } from '../ids';
import type { RunState, RunsState } from './runState';

/** The run and step of an outer flow that started a sub-flow's run. */
export interface StartedBy {
  runId: RunId;
  stepId: StepId;
  /** The step's label as the outer run planned it. */
  label: string;
  flowId: FlowId;
  /** The outer run's number within its own flow. */
  number: number;
}

export interface RunRow {
  run: RunState;
  /** 1 for the first run of its flow, in the order runs started. */
  number: number;
  depth: number;
  /** A fork: the number of the run it branched from. */
  parentNumber?: number;
  /** A sub-flow's run: the outer run and step that started it. */
  startedBy?: StartedBy;
}

/** Each run's number within its flow: 1 for the flow's first run, in the order runs started. */
export function runNumbers(runs: RunsState): Map<RunId, number> {
  const perFlow = new Map<FlowId, number>();
  const numbers = new Map<RunId, number>();
  for (const id of runs.order) {
    const run = runs.runs.get(id);
    if (!run) continue;
    const next = (perFlow.get(run.flowId) ?? 0) + 1;
    perFlow.set(run.flowId, next);
    numbers.set(id, next);
  }
  return numbers;
}

/** The run a run hangs under: the run it forked from, or the outer run whose step started it. */
const parentOf = (run: RunState): RunId | undefined => run.parent?.runId ?? run.parentStep?.runId;

/**
 * The runs of one flow as a tree (seed 004's parent and child runs): forks under the run they
 * branch from, sub-flow runs under the run (and step) that started them, to any depth and across
 * flows; newest first at every level. A run of the flow whose ancestor is also a run of the flow
 * (a flow that runs itself through a sub-flow) appears once, under that ancestor; a sub-flow run
 * whose outer run is of another flow is a root here, and says which run and step started it.
 */
export function runTree(runs: RunsState, flowId: FlowId): RunRow[] {
  const numbers = runNumbers(runs);
  const children = new Map<RunId, RunState[]>();
  const ofFlow: RunState[] = [];
  for (const id of runs.order) {
    const run = runs.runs.get(id);
    if (!run) continue;
    if (run.flowId === flowId) ofFlow.push(run);
    const parent = parentOf(run);
    if (parent !== undefined && runs.runs.has(parent)) children.set(parent, [...(children.get(parent) ?? []), run]);
  }
  const hasAncestorOfFlow = (run: RunState): boolean => {
    const seen = new Set<RunId>([run.runId]);
    for (let up = parentOf(run); up !== undefined && !seen.has(up); up = parentOf(runs.runs.get(up) as RunState)) {
      seen.add(up);
      const ancestor = runs.runs.get(up);
      if (!ancestor) return false;
      if (ancestor.flowId === flowId) return true;
    }
    return false;
  };
  const rows: RunRow[] = [];
  const shown = new Set<RunId>();
  const visit = (run: RunState, depth: number) => {
    if (shown.has(run.runId)) return;
    shown.add(run.runId);
    const parentNumber = run.parent ? numbers.get(run.parent.runId) : undefined;
    const startedBy = startedByOf(runs, run, numbers);
    rows.push({
      run,
      number: numbers.get(run.runId) ?? 0,
      depth,
      ...(parentNumber !== undefined ? { parentNumber } : {}),
      ...(startedBy ? { startedBy } : {}),
    });
    for (const child of [...(children.get(run.runId) ?? [])].reverse()) visit(child, depth + 1);
  };
  for (const root of ofFlow.filter((r) => !hasAncestorOfFlow(r)).reverse()) visit(root, 0);
  return rows;
}

/** For a sub-flow's run: the outer run and step that started it (`numbers` from runNumbers, if at hand). */
export function startedByOf(
  runs: RunsState,
  run: RunState,
  numbers: ReadonlyMap<RunId, number> = runNumbers(runs),
): StartedBy | undefined {
  const at = run.parentStep;
  const outer = at ? runs.runs.get(at.runId) : undefined;
  if (!at || !outer) return undefined;
  const label = outer.plan.steps.find((s) => s.stepId === at.stepId)?.label ?? at.stepId;
  return { runId: at.runId, stepId: at.stepId, label, flowId: outer.flowId, number: numbers.get(at.runId) ?? 0 };
}

/** The newest sub-flow run a step of a run started, if it started one. */
export function subflowRunOf(runs: RunsState, runId: RunId, stepId: StepId): RunState | undefined {
  for (let i = runs.order.length - 1; i >= 0; i--) {
    const run = runs.runs.get(runs.order[i] as RunId);
    if (run?.parentStep?.runId === runId && run.parentStep.stepId === stepId) return run;
  }
  return undefined;
}

/** The newest run of a flow (the one the canvas follows when no run is pinned). */
export function newestRunOf(runs: RunsState, flowId: FlowId): RunState | undefined {
  for (let i = runs.order.length - 1; i >= 0; i--) {
    const run = runs.runs.get(runs.order[i] as RunId);
    if (run?.flowId === flowId) return run;
  }
  return undefined;
}
