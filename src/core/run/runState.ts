import type { AgentId, ArtifactHash, FlowId, GapId, RunId, StepId } from '../ids';
import type { ArtifactRef } from '../events/primitives';
import type { RunPlan } from '../events/eventMap';
import type { StoredEvent } from '../events/storedEvent';

export type StepStatus = 'waiting' | 'running' | 'done' | 'failed';
export type RunStatus = 'running' | 'succeeded' | 'failed' | 'interrupted';

export interface StepRunState {
  status: StepStatus;
  outputs: Readonly<Record<string, ArtifactRef>>;
  /** The artifacts the step's agent was given, by input port. */
  inputs: Readonly<Record<string, ArtifactHash>>;
  agentIds: readonly AgentId[];
  logs: readonly string[];
  /** True when a fork took this step's outputs from its parent instead of running it. */
  reused?: boolean;
  reason?: string;
  startedAt?: number;
  finishedAt?: number;
}

export interface RunState {
  runId: RunId;
  flowId: FlowId;
  plan: RunPlan;
  input: ArtifactRef;
  /** For a fork: the run it branched from and the last parent event it kept. */
  parent?: { runId: RunId; atSeq: number };
  status: RunStatus;
  reason?: string;
  startedAt: number;
  finishedAt?: number;
  steps: ReadonlyMap<StepId, StepRunState>;
  openGaps: ReadonlySet<GapId>;
  /** seq of the newest artifact.produced in this run: the canvas animates edges from it. */
  lastArtifactSeq: number;
}

export interface RunsState {
  runs: ReadonlyMap<RunId, RunState>;
  /** Runs in the order they started. */
  order: readonly RunId[];
}

export const emptyRuns: RunsState = { runs: new Map(), order: [] };

const freshStep: StepRunState = { status: 'waiting', outputs: {}, inputs: {}, agentIds: [], logs: [] };

function updateStep(run: RunState, stepId: StepId, update: (step: StepRunState) => StepRunState): RunState {
  const step = run.steps.get(stepId) ?? freshStep;
  return { ...run, steps: new Map(run.steps).set(stepId, update(step)) };
}

function applyRunEvent(run: RunState, event: StoredEvent): RunState {
  switch (event.type) {
    case 'gap.opened':
      return { ...run, openGaps: new Set(run.openGaps).add(event.data.gapId) };
    case 'gap.closed': {
      const openGaps = new Set(run.openGaps);
      openGaps.delete(event.data.gapId);
      return { ...run, openGaps };
    }
    case 'agent.spawned':
      return updateStep(run, event.data.stepId, (s) => ({
        ...s,
        status: 'running',
        inputs: event.data.inputs,
        agentIds: [...s.agentIds, event.data.agentId],
        startedAt: event.ts,
      }));
    case 'artifact.produced':
      return {
        ...updateStep(run, event.data.stepId, (s) => ({ ...s, outputs: { ...s.outputs, [event.data.port]: event.data.artifact } })),
        lastArtifactSeq: event.seq,
      };
    case 'agent.resolved':
      return updateStep(run, event.data.stepId, (s) => {
        const { reason: _dropped, ...rest } = s;
        return {
          ...rest,
          status: event.data.outcome === 'succeeded' ? 'done' : 'failed',
          logs: [...s.logs, ...event.data.logs],
          finishedAt: event.ts,
          ...(event.data.reason !== undefined ? { reason: event.data.reason } : {}),
        };
      });
    case 'run.finished': {
      let steps = run.steps;
      if (event.data.status === 'interrupted') {
        // Agents that were working died with the page: their steps wait for a resume.
        const waiting = new Map(run.steps);
        for (const [id, step] of waiting) if (step.status === 'running') waiting.set(id, { ...step, status: 'waiting', reason: 'Its agent stopped when the studio closed. Resume the run to finish it.' });
        steps = waiting;
      }
      return { ...run, steps, status: event.data.status, finishedAt: event.ts, ...(event.data.reason !== undefined ? { reason: event.data.reason } : {}) };
    }
    case 'run.resumed': {
      // Steps whose agents died with the page wait again; finished ones keep their artifacts.
      const steps = new Map(run.steps);
      for (const [id, step] of steps) {
        if (step.status === 'waiting' && step.reason !== undefined) {
          const { reason: _gone, ...kept } = step;
          steps.set(id, kept);
        }
      }
      const { reason: _r, finishedAt: _f, ...rest } = run;
      return { ...rest, status: 'running', steps, openGaps: new Set() };
    }
    default:
      return run;
  }
}

/** The state of a run right after its run.started event. */
export function startRunState(event: Extract<StoredEvent, { type: 'run.started' }>): RunState {
  const { runId, flowId, plan, input, parent, reused } = event.data;
  const steps = new Map<StepId, StepRunState>(plan.steps.map((s) => [s.stepId, freshStep] as const));
  for (const r of reused ?? []) {
    const step = steps.get(r.stepId) ?? freshStep;
    steps.set(r.stepId, { ...step, status: 'done', reused: true, outputs: { ...step.outputs, [r.port]: r.artifact } });
  }
  return { runId, flowId, plan, input, ...(parent ? { parent } : {}), status: 'running', startedAt: event.ts, steps, openGaps: new Set(), lastArtifactSeq: -1 };
}

/** Folds one of a run's own events into its state (run.started starts it; see startRunState). */
export function foldRun(run: RunState, event: StoredEvent): RunState {
  return event.runId === run.runId ? applyRunEvent(run, event) : run;
}

/** Folds one event into the runs. Definition events leave them unchanged. */
export function foldRuns(state: RunsState, event: StoredEvent): RunsState {
  if (event.type === 'run.started') {
    const run = startRunState(event);
    return { runs: new Map(state.runs).set(run.runId, run), order: [...state.order, run.runId] };
  }
  if (event.runId === undefined) return state;
  const run = state.runs.get(event.runId);
  if (!run) return state;
  const next = applyRunEvent(run, event);
  return next === run ? state : { ...state, runs: new Map(state.runs).set(run.runId, next) };
}

/** The artifact travelling along an edge in a run: the output its source step produced, if any. */
export function edgeArtifact(run: RunState, source: { stepId: StepId; port: string }): ArtifactRef | undefined {
  return run.steps.get(source.stepId)?.outputs[source.port];
}
