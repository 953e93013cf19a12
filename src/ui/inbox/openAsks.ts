import type { FlowId, RunId, StepId } from '../../core/ids';
import type { ProjectDefinitions } from '../../core/project/projectState';
import type { RunsState, RunState, StepAsk } from '../../core/run/runState';

/** A question waiting for a person, with the names that place it. */
export interface OpenAsk {
  runId: RunId;
  flowId: FlowId;
  /** "Run 3", or "Review · Run 3" when the project has several flows. */
  runName: string;
  /** The run is the newest of its flow (showing it means following it live). */
  newest: boolean;
  stepId: StepId;
  stepLabel: string;
  ask: StepAsk;
}

/**
 * Every unanswered ask of every running run, newest first by when it was asked; ties go to the
 * newer run, then the later step. A pure function of the projections, so the inbox and its
 * badge always agree with the log.
 */
export function openAsks(runs: RunsState, defs: ProjectDefinitions): OpenAsk[] {
  const numbers = runNumbers(runs);
  const newestOfFlow = new Map<FlowId, RunId>();
  for (const id of runs.order) {
    const run = runs.runs.get(id);
    if (run) newestOfFlow.set(run.flowId, run.runId);
  }
  const severalFlows = defs.flows.size > 1;
  const found: OpenAsk[] = [];
  for (let i = runs.order.length - 1; i >= 0; i -= 1) {
    const run = runs.runs.get(runs.order[i] as RunId);
    if (!run || run.status !== 'running') continue;
    const flowName = defs.flows.get(run.flowId)?.name;
    const runName = `${severalFlows && flowName ? `${flowName} · ` : ''}Run ${numbers.get(run.runId) ?? '?'}`;
    for (const { stepId, label } of [...run.plan.steps].reverse()) {
      const asks = run.steps.get(stepId)?.asks ?? [];
      for (let j = asks.length - 1; j >= 0; j -= 1) {
        const ask = asks[j];
        if (!ask || ask.answer) continue;
        found.push({
          runId: run.runId,
          flowId: run.flowId,
          runName,
          newest: newestOfFlow.get(run.flowId) === run.runId,
          stepId,
          stepLabel: label,
          ask,
        });
      }
    }
  }
  // Newest first by when each was asked; the walk above breaks ties (later run, later step).
  return found
    .map((f, i) => [f, i] as const)
    .sort((a, b) => b[0].ask.askedAt - a[0].ask.askedAt || a[1] - b[1])
    .map(([f]) => f);
}

/** How many asks wait; cheaper than listing them, for the toolbar badge. */
export function countOpenAsks(runs: RunsState): number {
  let count = 0;
  for (const run of runs.runs.values()) {
    if (run.status !== 'running') continue;
    for (const step of run.steps.values()) for (const ask of step.asks) if (!ask.answer) count += 1;
  }
  return count;
}

/** Each run's number within its flow, counted in the order runs started (as the runs list numbers them). */
function runNumbers(runs: RunsState): Map<RunId, number> {
  const perFlow = new Map<FlowId, number>();
  const numbers = new Map<RunId, number>();
  for (const id of runs.order) {
    const run: RunState | undefined = runs.runs.get(id);
    if (!run) continue;
    const n = (perFlow.get(run.flowId) ?? 0) + 1;
    perFlow.set(run.flowId, n);
    numbers.set(run.runId, n);
  }
  return numbers;
}
