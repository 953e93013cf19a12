import type { AgentId, FlowId, GapId, ModelId, RunId, StepId } from '../ids';
import type { StoredEvent } from '../events/storedEvent';
import type { RunStatus } from '../run/runState';

/** What one step did in one run: its agents' calls, how long it took and what it spent. */
export interface StepFacts {
  stepId: StepId;
  label: string;
  /** Agents sent for it (every try, fallback, rebuild and map item). */
  calls: number;
  /** Of those, the ones that resolved as failed. */
  failedCalls: number;
  /** When its first agent was sent and its last one resolved (null until then): its latency is the span between. */
  firstSpawnAt: number | null;
  lastResolvedAt: number | null;
  tokens: number;
  costUsd: number;
  /** Its agents' working time, summed. */
  wallMs: number;
}

/** What one model did in one run, over every step that used it. */
export interface ModelFacts {
  modelId: ModelId;
  calls: number;
  failedCalls: number;
  tokens: number;
  costUsd: number;
  wallMs: number;
}

/** The facts of one run that the metrics are made of, kept up to date event by event. */
export interface RunFacts {
  runId: RunId;
  flowId: FlowId;
  /** Set on a sub-flow's run: the run whose step started it. */
  parentRunId: RunId | undefined;
  startedAt: number;
  finishedAt: number | undefined;
  status: RunStatus;
  /** Agents actually sent: retries, fallbacks, rebuilds and map items included. */
  agentCalls: number;
  failedCalls: number;
  /** The least the run needed: one agent per step (per item, for a map) whose agent produced its outputs. */
  neededCalls: number;
  /** Failures (of a step, or of one map item) so far, and how many of them a retry, fallback, rebuild or skip resolved. */
  failures: number;
  recovered: number;
  /** Gates reviewed (the first answer to their first approval question), and how many of those were approvals. */
  gatesReviewed: number;
  gatesApprovedFirst: number;
  tokens: number;
  costUsd: number;
  /** The agents' working time, summed (not the run's duration). */
  wallMs: number;
  steps: Map<StepId, StepFacts>;
  models: Map<ModelId, ModelFacts>;
}

/**
 * Every agent's end, by the time it happened, column by column (the i-th of each array is one
 * call): for windows over calls rather than runs (failures in the last 10 minutes).
 */
export interface ResolvedCalls {
  at: number[];
  flowId: FlowId[];
  failed: boolean[];
  tokens: number[];
  costUsd: number[];
}

/** Bookkeeping a run needs while its events arrive, kept apart from the facts people read. */
interface RunWork {
  facts: RunFacts;
  /** The plan's steps, for their labels. */
  planSteps: ReadonlyArray<{ stepId: StepId; label: string }>;
  /** Steps (or step#item) whose agent succeeded: each counts once toward the needed calls. */
  produced: Set<string>;
  /** Per step, its failures by step or step#item: true once resolved. Made when first needed, as most runs have none. */
  failed: Map<StepId, Map<string, boolean>> | null;
  approvalAsks: Map<GapId, StepId> | null;
  reviewedGates: Set<StepId> | null;
}

const keyOf = (stepId: StepId, item: number | undefined): string => (item === undefined ? stepId : `${stepId}#${item}`);

/**
 * The metrics of a project, folded from its log: one `RunFacts` per run, each event touching only
 * the run (and the step and model) it is about. It is mutable, for speed: `observe` changes it in
 * place and bumps `version`, so a view can tell that it changed. Folding a log in one go or in any
 * batches gives the same facts. Read it with `metricsOver`.
 */
export class MetricsFold {
  readonly runs = new Map<RunId, RunFacts>();
  /** Runs in the order they started. */
  readonly order: RunFacts[] = [];
  /** Every agent.resolved, in log order (so by time). */
  readonly calls: ResolvedCalls = { at: [], flowId: [], failed: [], tokens: [], costUsd: [] };
  /** How many events it has folded: a view folds the ones after it. */
  eventCount = 0;
  version = 0;
  private readonly work = new Map<RunId, RunWork>();
  /** Agents sent and not yet resolved (so it stays small): what their end is counted toward. */
  private readonly agents = new Map<
    AgentId,
    { work: RunWork; step: StepFacts; model: ModelFacts; item: number | undefined }
  >();

  observeAll(events: Iterable<StoredEvent>): this {
    for (const event of events) this.observe(event);
    return this;
  }

  observe(event: StoredEvent): void {
    this.eventCount++;
    if (event.runId === undefined) return;
    if (event.type === 'run.started') return this.start(event);
    const w = this.work.get(event.runId);
    if (!w) return;
    this.version++;
    const run = w.facts;
    switch (event.type) {
      case 'agent.spawned': {
        const { agentId, stepId, modelId, item } = event.data;
        const step = stepOf(w, stepId);
        let model = run.models.get(modelId);
        if (!model)
          run.models.set(modelId, (model = { modelId, calls: 0, failedCalls: 0, tokens: 0, costUsd: 0, wallMs: 0 }));
        this.agents.set(agentId, { work: w, step, model, item });
        step.calls++;
        model.calls++;
        run.agentCalls++;
        if (step.firstSpawnAt === null) step.firstSpawnAt = event.ts;
        return;
      }
      case 'agent.resolved': {
        const agent = this.agents.get(event.data.agentId);
        if (!agent || agent.work !== w) return;
        this.agents.delete(event.data.agentId);
        const { step, model, item } = agent;
        const { outcome, durationMs, usage } = event.data;
        const tokens = usage ? usage.promptTokens + usage.completionTokens : 0;
        const costUsd = usage?.costUsd ?? 0;
        run.tokens += tokens;
        run.costUsd += costUsd;
        run.wallMs += durationMs;
        step.tokens += tokens;
        step.costUsd += costUsd;
        step.wallMs += durationMs;
        model.tokens += tokens;
        model.costUsd += costUsd;
        model.wallMs += durationMs;
        step.lastResolvedAt = event.ts;
        const calls = this.calls;
        calls.at.push(event.ts);
        calls.flowId.push(run.flowId);
        calls.failed.push(outcome === 'failed');
        calls.tokens.push(tokens);
        calls.costUsd.push(costUsd);
        const key = keyOf(step.stepId, item);
        if (outcome === 'failed') {
          run.failedCalls++;
          step.failedCalls++;
          model.failedCalls++;
          return fail(w, step.stepId, key);
        }
        if (!w.produced.has(key)) {
          w.produced.add(key);
          run.neededCalls++;
        }
        const failures = w.failed?.get(step.stepId);
        if (failures?.get(key) === false) {
          failures.set(key, true);
          run.recovered++;
        }
        return;
      }
      case 'step.failed': {
        // The conductor failed the step itself (a budget, a rejection, its map items' failures):
        // a failure of its own unless one of the step's is open already.
        const failures = w.failed?.get(event.data.stepId);
        if (failures && [...failures.values()].includes(false)) return;
        return fail(w, event.data.stepId, event.data.stepId);
      }
      case 'step.skipped': {
        // A non-critical step skipped after failing: the skip resolved its failures.
        const failures = w.failed?.get(event.data.stepId);
        if (!failures) return;
        for (const [key, resolved] of failures) {
          if (resolved) continue;
          failures.set(key, true);
          run.recovered++;
        }
        return;
      }
      case 'person.asked':
        if (event.data.kind === 'approval') (w.approvalAsks ??= new Map()).set(event.data.askId, event.data.stepId);
        return;
      case 'person.answered': {
        const stepId = w.approvalAsks?.get(event.data.askId);
        w.reviewedGates ??= new Set();
        if (stepId === undefined || w.reviewedGates.has(stepId)) return;
        w.reviewedGates.add(stepId);
        run.gatesReviewed++;
        if (event.data.decision === 'approve') run.gatesApprovedFirst++;
        return;
      }
      case 'run.finished':
        run.status = event.data.status;
        run.finishedAt = event.ts;
        return;
      case 'run.resumed':
        run.status = 'running';
        run.finishedAt = undefined;
        return;
      default:
        return;
    }
  }

  private start(event: Extract<StoredEvent, { type: 'run.started' }>): void {
    const { runId, flowId, plan, parentStep } = event.data;
    if (this.runs.has(runId)) return;
    this.version++;
    const facts: RunFacts = {
      runId,
      flowId,
      parentRunId: parentStep?.runId,
      startedAt: event.ts,
      finishedAt: undefined,
      status: 'running',
      agentCalls: 0,
      failedCalls: 0,
      neededCalls: 0,
      failures: 0,
      recovered: 0,
      gatesReviewed: 0,
      gatesApprovedFirst: 0,
      tokens: 0,
      costUsd: 0,
      wallMs: 0,
      steps: new Map(),
      models: new Map(),
    };
    this.runs.set(runId, facts);
    this.order.push(facts);
    this.work.set(runId, {
      facts,
      planSteps: plan.steps,
      produced: new Set(),
      failed: null,
      approvalAsks: null,
      reviewedGates: null,
    });
  }
}

function stepOf(w: RunWork, stepId: StepId): StepFacts {
  let step = w.facts.steps.get(stepId);
  if (!step)
    w.facts.steps.set(
      stepId,
      (step = {
        stepId,
        label: w.planSteps.find((s) => s.stepId === stepId)?.label ?? stepId,
        calls: 0,
        failedCalls: 0,
        firstSpawnAt: null,
        lastResolvedAt: null,
        tokens: 0,
        costUsd: 0,
        wallMs: 0,
      }),
    );
  return step;
}

/** A failure of a step (or map item) opens, unless one is open for it already. */
function fail(w: RunWork, stepId: StepId, key: string): void {
  w.failed ??= new Map();
  let failures = w.failed.get(stepId);
  if (!failures) w.failed.set(stepId, (failures = new Map<string, boolean>()));
  if (failures.get(key) === false) return;
  failures.set(key, false);
  w.facts.failures++;
}
