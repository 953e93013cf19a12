import type { StoredEvent } from '../events/storedEvent';
import type { PlanStep, RunPlan } from '../events/eventMap';

/** What a run is called and what it planned, as its run.started froze it. */
export interface RunFacts {
  runId: string;
  flowId: string;
  /** "Run 3": its place among its flow's runs, as the Runs list numbers them. */
  name: string;
  plan: RunPlan;
  startedSeq: number;
  parent?: { runId: string; atSeq: number };
  parentStep?: { runId: string; stepId: string };
}

/**
 * Names for what the log refers to by id (models, flows, runs, steps), read from the log itself:
 * an explanation says “Security”, never `step_12`.
 */
export class LogNames {
  private readonly models = new Map<string, string>();
  private readonly kinds = new Map<string, string>();
  /** Steps of the flows as drawn (for edits, which belong to no run). */
  private readonly drawnSteps = new Map<string, string>();
  private readonly flows = new Map<string, string>();
  private readonly runs = new Map<string, RunFacts>();
  private readonly runsPerFlow = new Map<string, number>();
  /** Each run's planned steps by id, built on first use (a plan may have thousands). */
  private readonly planSteps = new Map<string, Map<string, PlanStep>>();

  constructor(events: Iterable<StoredEvent>) {
    for (const event of events) this.note(event);
  }

  /** Takes in one more event: names grow with the log, an event at a time. */
  note(event: StoredEvent): void {
    if (event.type === 'model.saved') {
      this.models.set(event.data.model.modelId, event.data.model.name);
      this.kinds.set(event.data.model.modelId, event.data.model.kind);
    } else if (event.type === 'flow.created') this.flows.set(event.data.flowId, event.data.name);
    else if (event.type === 'step.added' || event.type === 'step.renamed')
      this.drawnSteps.set(event.data.stepId, event.data.label);
    else if (event.type === 'run.started') {
      const count = (this.runsPerFlow.get(event.data.flowId) ?? 0) + 1;
      this.runsPerFlow.set(event.data.flowId, count);
      this.runs.set(event.data.runId, {
        runId: event.data.runId,
        flowId: event.data.flowId,
        name: `Run ${count}`,
        plan: event.data.plan,
        startedSeq: event.seq,
        ...(event.data.parent ? { parent: event.data.parent } : {}),
        ...(event.data.parentStep ? { parentStep: event.data.parentStep } : {}),
      });
    }
  }

  model(modelId: string): string {
    return `“${this.models.get(modelId) ?? modelId}”`;
  }

  /** The model's kind (script, llm, gate, branch…), if the log saved it. */
  modelKind(modelId: string): string | undefined {
    return this.kinds.get(modelId);
  }

  flow(flowId: string): string {
    return `“${this.flows.get(flowId) ?? flowId}”`;
  }

  run(runId: string | undefined): RunFacts | undefined {
    return runId === undefined ? undefined : this.runs.get(runId);
  }

  /** “Run 3 of “Release checks””. */
  runName(runId: string): string {
    const run = this.runs.get(runId);
    return run ? `${run.name} of ${this.flow(run.flowId)}` : 'an unknown run';
  }

  planStep(runId: string, stepId: string): PlanStep | undefined {
    let steps = this.planSteps.get(runId);
    if (!steps) {
      const run = this.runs.get(runId);
      if (!run) return undefined;
      steps = new Map(run.plan.steps.map((s) => [s.stepId, s]));
      this.planSteps.set(runId, steps);
    }
    return steps.get(stepId);
  }

  /** A step's name, quoted, as its run planned it. */
  step(runId: string, stepId: string): string {
    return `“${this.planStep(runId, stepId)?.label ?? stepId}”`;
  }

  /** The step's name without quotes (for tables). */
  stepLabel(runId: string | undefined, stepId: string): string {
    return (
      (runId !== undefined ? this.planStep(runId, stepId)?.label : undefined) ?? this.drawnSteps.get(stepId) ?? stepId
    );
  }
}
