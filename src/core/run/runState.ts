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

type MutableRun = Omit<RunState, 'steps' | 'openGaps'> & { steps: Map<StepId, StepRunState>; openGaps: Set<GapId> };

/**
 * Applies run events to a run, copying its step map and gap set at most once (copy on first
 * write) unless it owns them already. The immutable fold copies per event; a replay owns a
 * working copy and folds many events into it for the price of one copy. Step objects themselves
 * are always replaced, never changed, so copies can share them.
 */
export class RunWriter {
  private run: MutableRun;
  private ownsSteps: boolean;
  private ownsGaps: boolean;

  constructor(run: RunState, owned = false) {
    this.run = run as MutableRun;
    this.ownsSteps = owned;
    this.ownsGaps = owned;
  }

  get state(): RunState {
    return this.run;
  }

  /** Hands the state out for keeping: later writes copy again instead of changing it. */
  release(): RunState {
    this.ownsSteps = false;
    this.ownsGaps = false;
    return this.run;
  }

  apply(event: StoredEvent): void {
    if (event.runId === this.run.runId) applyRunEvent(this, event);
  }

  setStep(stepId: StepId, update: (step: StepRunState) => StepRunState): void {
    this.steps().set(stepId, update(this.run.steps.get(stepId) ?? freshStep));
  }

  steps(): Map<StepId, StepRunState> {
    if (!this.ownsSteps) {
      this.run = { ...this.run, steps: new Map(this.run.steps) };
      this.ownsSteps = true;
    }
    return this.run.steps;
  }

  gaps(): Set<GapId> {
    if (!this.ownsGaps) {
      this.run = { ...this.run, openGaps: new Set(this.run.openGaps) };
      this.ownsGaps = true;
    }
    return this.run.openGaps;
  }

  patch(fields: Partial<RunState>, drop: ReadonlyArray<'reason' | 'finishedAt'> = []): void {
    const next = { ...this.run, ...fields } as MutableRun;
    for (const key of drop) delete next[key];
    this.run = next;
  }
}

const INTERRUPTED_REASON = 'Its agent stopped when the studio closed. Resume the run to finish it.';

function applyRunEvent(w: RunWriter, event: StoredEvent): void {
  switch (event.type) {
    case 'gap.opened':
      w.gaps().add(event.data.gapId);
      return;
    case 'gap.closed':
      w.gaps().delete(event.data.gapId);
      return;
    case 'agent.spawned':
      return w.setStep(event.data.stepId, (s) => ({ ...s, status: 'running', inputs: event.data.inputs, agentIds: [...s.agentIds, event.data.agentId], startedAt: event.ts }));
    case 'artifact.produced':
      w.setStep(event.data.stepId, (s) => ({ ...s, outputs: { ...s.outputs, [event.data.port]: event.data.artifact } }));
      return w.patch({ lastArtifactSeq: event.seq });
    case 'agent.resolved':
      return w.setStep(event.data.stepId, (s) => {
        const { reason: _dropped, ...rest } = s;
        return {
          ...rest,
          status: event.data.outcome === 'succeeded' ? 'done' : 'failed',
          logs: [...s.logs, ...event.data.logs],
          finishedAt: event.ts,
          ...(event.data.reason !== undefined ? { reason: event.data.reason } : {}),
        };
      });
    case 'run.finished':
      if (event.data.status === 'interrupted') {
        // Agents that were working died with the page: their steps wait for a resume.
        for (const [id, step] of w.state.steps) if (step.status === 'running') w.steps().set(id, { ...step, status: 'waiting', reason: INTERRUPTED_REASON });
      }
      return w.patch({ status: event.data.status, finishedAt: event.ts, ...(event.data.reason !== undefined ? { reason: event.data.reason } : {}) });
    case 'run.resumed':
      // Steps whose agents died with the page wait again; finished ones keep their artifacts.
      for (const [id, step] of w.state.steps) {
        if (step.status === 'waiting' && step.reason !== undefined) {
          const { reason: _gone, ...kept } = step;
          w.steps().set(id, kept);
        }
      }
      w.gaps().clear();
      return w.patch({ status: 'running' }, ['reason', 'finishedAt']);
    default:
      return;
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
  const writer = new RunWriter(run);
  writer.apply(event);
  return writer.state;
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
  const next = foldRun(run, event);
  return next === run ? state : { ...state, runs: new Map(state.runs).set(run.runId, next) };
}

/** The artifact travelling along an edge in a run: the output its source step produced, if any. */
export function edgeArtifact(run: RunState, source: { stepId: StepId; port: string }): ArtifactRef | undefined {
  return run.steps.get(source.stepId)?.outputs[source.port];
}

/** Folds a batch of events into the runs, copying each run's step map at most once per batch. */
export function foldRunsBatch(state: RunsState, events: Iterable<StoredEvent>): RunsState {
  let runs: Map<RunId, RunState> | null = null;
  let order: RunId[] | null = null;
  const writers = new Map<RunId, RunWriter>();
  for (const event of events) {
    if (event.type === 'run.started') {
      runs ??= new Map(state.runs);
      order ??= [...state.order];
      const run = startRunState(event);
      writers.set(run.runId, new RunWriter(run, true));
      order.push(run.runId);
      continue;
    }
    if (event.runId === undefined) continue;
    let writer = writers.get(event.runId);
    if (!writer) {
      const run = state.runs.get(event.runId);
      if (!run) continue;
      writer = new RunWriter(run);
      writers.set(event.runId, writer);
    }
    writer.apply(event);
  }
  if (writers.size === 0) return state;
  runs ??= new Map(state.runs);
  for (const [runId, writer] of writers) runs.set(runId, writer.release());
  return { runs, order: order ?? state.order };
}
