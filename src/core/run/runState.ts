import type { AgentId, ArtifactHash, FlowId, GapId, ModelId, RunId, StepId } from '../ids';
import type { Limits } from '../policy/policy';
import { addSpend, noSpend, spendOf, type Spend } from '../policy/budget';
import type { ArtifactRef } from '../events/primitives';
import type { EventData, RunPlan } from '../events/eventMap';
import type { StoredEvent } from '../events/storedEvent';
import type { StepStatus } from './stepStatus';

export type { StepStatus } from './stepStatus';

/** One agent sent for a step: which model, which try, and how it ended. */
export interface StepAttempt {
  agentId: AgentId;
  modelId: ModelId;
  modelVersion: number;
  attempt: number;
  item?: number;
  reverse?: boolean;
  /** `abandoned`: it died with the page that ran it (a closed tab) and will never resolve. */
  outcome?: 'succeeded' | 'failed' | 'abandoned';
  reason?: string;
  errorClass?: string;
  durationMs?: number;
  tokens?: number;
  costUsd?: number;
  /** What it asked the conductor for (ctx.fetch, ctx.llm), in order: granted, failed or refused. */
  calls?: readonly AgentCall[];
  /** The extension whose kind it ran, at the version it ran. */
  extension?: { extensionId: string; version: string };
  /** What a budget did to it though it succeeded (its reply cut short), a sentence each. */
  budgetNotes?: readonly string[];
}

/** One call an agent made through the conductor, as `agent.called` journaled it. */
export type AgentCall = Omit<EventData<'agent.called'>, 'agentId' | 'stepId'>;

/** A question the conductor put to a person about a step, and the answer once there is one. */
export interface StepAsk {
  askId: GapId;
  kind: 'approval' | 'input' | 'confidence' | 'budget';
  question: string;
  ports?: ReadonlyArray<{ name: string; type: string }>;
  subject?: Readonly<Record<string, ArtifactRef>>;
  deadlineAt?: number;
  /** When it was asked (the event's time), so an inbox can order by it. */
  askedAt: number;
  answer?: { decision: 'approve' | 'reject' | 'provide'; notes?: string; by: 'person' | 'timeout'; at: number };
}
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
  /** True when a person supplied this step's outputs at the start. */
  given?: boolean;
  attempts: readonly StepAttempt[];
  /** The model whose agent produced the outputs (a fallback, the inverse model…), when an agent did. */
  producedBy?: { modelId: ModelId; modelVersion: number; agentId: AgentId; reverse: boolean };
  spend: Spend;
  route?: { taken: string | null; detail: string };
  asks: readonly StepAsk[];
  violations: ReadonlyArray<{ rule: string; detail: string }>;
  confidence?: { value: number; level: 'high' | 'medium' | 'low' };
  map?: { total: number; done: number };
  retryAt?: number;
  /** Set on a sub-flow step: the run of the inner flow. */
  childRunId?: RunId;
  /** Set when learning ordered the step's models for this run: the order, first choice first, and why. */
  modelChoice?: { order: readonly ModelId[]; reason: string };
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
  /** Succeeded, but a gate that did not pass ended it early (its reason says which and why). */
  stoppedAt?: StepId;
  startedAt: number;
  finishedAt?: number;
  steps: ReadonlyMap<StepId, StepRunState>;
  openGaps: ReadonlySet<GapId>;
  /** seq of the newest artifact.produced in this run: the canvas animates edges from it. */
  lastArtifactSeq: number;
  budget?: Limits;
  spend: Spend;
  /** For a sub-flow's run: the outer run and step. */
  parentStep?: { runId: RunId; stepId: StepId };
  /**
   * A run that ran on a runner: `live` while the studio follows it there (not yet in this log),
   * else imported into the log, verified, with the fingerprint of the key that signed it.
   */
  remote?: { runner: string; fingerprint?: string; live?: boolean };
}

export interface RunsState {
  runs: ReadonlyMap<RunId, RunState>;
  /** Runs in the order they started. */
  order: readonly RunId[];
}

export const emptyRuns: RunsState = { runs: new Map(), order: [] };

const freshStep: StepRunState = {
  status: 'waiting',
  outputs: {},
  inputs: {},
  agentIds: [],
  logs: [],
  attempts: [],
  spend: noSpend,
  asks: [],
  violations: [],
};

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
/** The reason of a run a person stopped (`stopRun`): its interruption is theirs, not a closed studio's. */
export const RUN_STOPPED_REASON = 'Stopped by you. Resume the run to finish it.';
const NOT_RUN_REASON = 'It did not run: the run failed before this step got its inputs.';
const STOPPED_STEP_REASON = 'You stopped the run while its agent worked. Resume the run to finish it.';
const ABANDONED_REASON = {
  takeover: 'It stopped when the tab running it closed.',
  reopen: 'It stopped when the studio closed.',
} as const;

/** Marks attempts that died with their page: they stop showing as running. */
function abandon(
  attempts: readonly StepAttempt[],
  dead: (a: StepAttempt) => boolean,
  reason: string,
): readonly StepAttempt[] {
  return attempts.map((a) =>
    a.outcome === undefined && dead(a) ? { ...a, outcome: 'abandoned' as const, reason } : a,
  );
}

function applyRunEvent(w: RunWriter, event: StoredEvent): void {
  switch (event.type) {
    case 'gap.opened':
      w.gaps().add(event.data.gapId);
      // The conductor took the step up: its agent, question or sub-flow run comes with the gap.
      return w.setStep(event.data.stepId, (s) =>
        s.status === 'waiting' || s.status === 'retrying' ? { ...s, status: 'running' } : s,
      );
    case 'gap.closed':
      w.gaps().delete(event.data.gapId);
      return;
    case 'agent.spawned': {
      const { agentId, modelId, modelVersion, attempt = 1, item, mode } = event.data;
      const tried: StepAttempt = {
        agentId,
        modelId,
        modelVersion,
        attempt,
        ...(item !== undefined ? { item } : {}),
        ...(mode === 'reverse' ? { reverse: true } : {}),
      };
      return w.setStep(event.data.stepId, (s) => {
        const { retryAt: _waited, ...rest } = s;
        return {
          ...rest,
          status: 'running',
          inputs: item === undefined ? event.data.inputs : s.inputs,
          agentIds: [...s.agentIds, agentId],
          attempts: [...s.attempts, tried],
          startedAt: s.startedAt ?? event.ts,
        };
      });
    }
    case 'artifact.produced': {
      const { stepId, port, artifact, agentId, item } = event.data;
      if (item !== undefined) return;
      const expected = outputCount(w.state.plan, stepId);
      w.setStep(stepId, (s) => {
        const by = agentId !== undefined ? s.attempts.find((a) => a.agentId === agentId) : undefined;
        const producedBy = by
          ? { modelId: by.modelId, modelVersion: by.modelVersion, agentId: by.agentId, reverse: by.reverse === true }
          : s.producedBy;
        const outputs = { ...s.outputs, [port]: artifact };
        // Done once all its outputs exist and no agent is still at work on them: an agent's step
        // stays running until the agent resolves (a branch's untaken outputs are settled by step.routed).
        const done = Object.keys(outputs).length >= expected && (by === undefined || by.outcome !== undefined);
        return { ...s, outputs, ...(done ? { status: 'done' as const } : {}), ...(producedBy ? { producedBy } : {}) };
      });
      return w.patch({ lastArtifactSeq: event.seq });
    }
    case 'agent.called':
    case 'extension.used': {
      const { agentId, stepId } = event.data;
      const noted: Partial<StepAttempt> =
        event.type === 'extension.used'
          ? { extension: { extensionId: event.data.extensionId, version: event.data.version } }
          : {};
      return w.setStep(stepId, (s) => ({
        ...s,
        attempts: s.attempts.map((a) => {
          if (a.agentId !== agentId) return a;
          if (event.type !== 'agent.called') return { ...a, ...noted };
          const { agentId: _a, stepId: _s, ...call } = event.data;
          return { ...a, calls: [...(a.calls ?? []), call] };
        }),
      }));
    }
    case 'agent.resolved': {
      const { agentId, outcome, reason, errorClass, durationMs, item, logs } = event.data;
      const spent = spendOf(event.data);
      w.patch({ spend: addSpend(w.state.spend, spent) });
      return w.setStep(event.data.stepId, (s) => {
        const attempts = s.attempts.map((a) =>
          a.agentId === agentId
            ? {
                ...a,
                outcome,
                durationMs,
                tokens: spent.tokens,
                costUsd: spent.costUsd,
                ...(reason !== undefined ? { reason } : {}),
                ...(errorClass !== undefined ? { errorClass } : {}),
              }
            : a,
        );
        const base = { ...s, attempts, spend: addSpend(s.spend, spent), logs: [...s.logs, ...logs] };
        if (item !== undefined && s.map)
          return outcome === 'succeeded'
            ? { ...base, map: { ...s.map, done: s.map.done + 1 } }
            : { ...base, ...(reason !== undefined ? { reason: `item ${item + 1}: ${reason}` } : {}) };
        if (item !== undefined) return base;
        const { reason: _dropped, ...rest } = base;
        // A success waits for its outputs (a person may still be asked to accept them); a failure shows at once.
        if (outcome === 'failed')
          return { ...rest, status: 'failed', finishedAt: event.ts, ...(reason !== undefined ? { reason } : {}) };
        const complete = Object.keys(s.outputs).length >= outputCount(w.state.plan, event.data.stepId);
        return { ...rest, finishedAt: event.ts, ...(complete ? { status: 'done' as const } : {}) };
      });
    }
    case 'step.routed':
      return w.setStep(event.data.stepId, (s) => ({
        ...s,
        status: event.data.taken === null ? 'failed' : 'done',
        route: { taken: event.data.taken, detail: event.data.detail },
        finishedAt: event.ts,
        ...(event.data.taken === null ? { reason: event.data.detail } : {}),
      }));
    case 'step.skipped':
      return w.setStep(event.data.stepId, (s) => ({
        ...s,
        status: 'skipped',
        reason: event.data.reason,
        finishedAt: event.ts,
      }));
    case 'step.retrying':
      return w.setStep(event.data.stepId, (s) => ({ ...s, status: 'retrying', retryAt: event.data.atMs }));
    case 'step.failed':
      return w.setStep(event.data.stepId, (s) => ({
        ...s,
        status: 'failed',
        reason: event.data.reason,
        finishedAt: event.ts,
      }));
    case 'map.expanded':
      return w.setStep(event.data.stepId, (s) => ({
        ...s,
        status: 'running',
        map: { total: event.data.items.length, done: 0 },
        startedAt: s.startedAt ?? event.ts,
      }));
    case 'person.asked': {
      const { askId, kind, question, ports, subject, deadlineAt } = event.data;
      const ask: StepAsk = {
        askId,
        kind,
        question,
        askedAt: event.ts,
        ...(ports ? { ports } : {}),
        ...(subject ? { subject } : {}),
        ...(deadlineAt !== undefined ? { deadlineAt } : {}),
      };
      return w.setStep(event.data.stepId, (s) => ({
        ...s,
        status: 'asking',
        asks: [...s.asks, ask],
        startedAt: s.startedAt ?? event.ts,
      }));
    }
    case 'person.answered': {
      const { askId, decision, notes, by } = event.data;
      const allowedOverspend =
        decision === 'approve' &&
        w.state.steps.get(event.data.stepId)?.asks.find((a) => a.askId === askId)?.kind === 'budget';
      return w.setStep(event.data.stepId, (s) => ({
        ...s,
        // An allowed overspend lets the step start again (waiting for its agent); other answers are carried out now.
        status: s.status === 'asking' ? (allowedOverspend ? 'waiting' : 'running') : s.status,
        asks: s.asks.map((a) =>
          a.askId === askId
            ? { ...a, answer: { decision, by, at: event.ts, ...(notes !== undefined ? { notes } : {}) } }
            : a,
        ),
      }));
    }
    case 'policy.violated': {
      const { agentId, rule, detail } = event.data;
      // A budget that cut an agent short is told on its attempt too (its other violations are in its reason).
      const noted = (a: StepAttempt): StepAttempt =>
        a.agentId === agentId ? { ...a, budgetNotes: [...(a.budgetNotes ?? []), detail] } : a;
      return w.setStep(event.data.stepId, (s) => ({
        ...s,
        violations: [...s.violations, { rule, detail }],
        ...(agentId !== undefined && rule === 'budget' ? { attempts: s.attempts.map(noted) } : {}),
      }));
    }
    case 'confidence.assessed':
      return w.setStep(event.data.stepId, (s) => ({
        ...s,
        confidence: { value: event.data.value, level: event.data.level },
      }));
    case 'run.finished':
      if (event.data.status === 'interrupted') {
        // Agents that were working died with the page: their attempts are abandoned and their steps
        // wait for a resume. A sub-flow's run goes on by itself, and a map step keeps its finished
        // items (the rest go again on resume).
        const stopped = event.data.reason === RUN_STOPPED_REASON;
        for (const [id, step] of w.state.steps) {
          if (step.status !== 'running') continue;
          const attempts = abandon(
            step.attempts,
            () => true,
            stopped ? 'It was stopped with the run.' : ABANDONED_REASON.reopen,
          );
          const working = step.attempts.some((a) => a.outcome === undefined);
          if (!step.map && working)
            w.steps().set(id, {
              ...step,
              status: 'waiting',
              reason: stopped ? STOPPED_STEP_REASON : INTERRUPTED_REASON,
              attempts,
            });
          else if (working) w.steps().set(id, { ...step, attempts });
        }
      }
      if (event.data.status === 'failed') {
        // A failed run is over (only an interrupted one resumes): steps that never got their inputs
        // did not run, and must not read “waiting” for ever.
        for (const [id, step] of w.state.steps)
          if (step.status === 'waiting') w.steps().set(id, { ...step, status: 'skipped', reason: NOT_RUN_REASON });
      }
      return w.patch({
        status: event.data.status,
        finishedAt: event.ts,
        ...(event.data.reason !== undefined ? { reason: event.data.reason } : {}),
        ...(event.data.stoppedAt !== undefined ? { stoppedAt: event.data.stoppedAt } : {}),
      });
    case 'run.continued': {
      // The agents that died with the page are abandoned; their steps are due again (a map step
      // goes on, its abandoned items queued again). The gaps were closed just before.
      const reason = ABANDONED_REASON[event.data.after];
      for (const agent of event.data.abandoned) {
        w.setStep(agent.stepId, (s) => {
          const attempts = abandon(s.attempts, (a) => a.agentId === agent.agentId, reason);
          return agent.item === undefined && s.status === 'running'
            ? { ...s, attempts, status: 'waiting' }
            : { ...s, attempts };
        });
      }
      return;
    }
    case 'model.chosen':
      return w.setStep(event.data.stepId, (s) => ({
        ...s,
        modelChoice: { order: event.data.order, reason: event.data.reason },
      }));
    case 'run.imported':
      return w.patch({ remote: { runner: event.data.runner, fingerprint: event.data.fingerprint } });
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

const outputCounts = new WeakMap<RunPlan, Map<StepId, number>>();
/** How many outputs a step of the plan has; indexed once per plan, as folds ask per event. */
function outputCount(plan: RunPlan, stepId: StepId): number {
  let counts = outputCounts.get(plan);
  if (!counts) {
    counts = new Map(plan.steps.map((s) => [s.stepId, s.outputs.length]));
    outputCounts.set(plan, counts);
  }
  return counts.get(stepId) ?? 1;
}

/** Marks the artifacts a step took from the start (a fork's reused outputs, a person's given ones). */
function seedOutputs(
  steps: Map<StepId, StepRunState>,
  outputs: ReadonlyArray<{ stepId: StepId; port: string; artifact: ArtifactRef }>,
  flag: 'reused' | 'given',
): void {
  for (const r of outputs) {
    const step = steps.get(r.stepId) ?? freshStep;
    steps.set(r.stepId, { ...step, status: 'done', [flag]: true, outputs: { ...step.outputs, [r.port]: r.artifact } });
  }
}

/** The state of a run right after its run.started event. */
export function startRunState(event: Extract<StoredEvent, { type: 'run.started' }>): RunState {
  const { runId, flowId, plan, input, parent, reused = [], given = [], budget, parentStep } = event.data;
  const steps = new Map<StepId, StepRunState>(plan.steps.map((s) => [s.stepId, freshStep] as const));
  seedOutputs(steps, reused, 'reused');
  seedOutputs(steps, given, 'given');
  // A step with only some of its outputs given still has to run.
  for (const step of plan.steps) {
    const state = steps.get(step.stepId);
    if (state?.given && step.outputs.some((p) => state.outputs[p.name] === undefined))
      steps.set(step.stepId, { ...state, status: 'waiting' });
  }
  return {
    runId,
    flowId,
    plan,
    input,
    ...(parent ? { parent } : {}),
    ...(budget ? { budget } : {}),
    ...(parentStep ? { parentStep: { runId: parentStep.runId, stepId: parentStep.stepId } } : {}),
    status: 'running',
    startedAt: event.ts,
    steps,
    openGaps: new Set(),
    lastArtifactSeq: -1,
    spend: noSpend,
  };
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
