import type { FlowChange, PlanStep, RunPlan } from '../events/eventMap';
import type { StoredEvent } from '../events/storedEvent';
import type { RunId, StepId } from '../ids';
import type { ModelDefinition } from '../models/modelDefinition';
import { emptyHistory, flowEditOf, foldEditHistory, type EditHistory } from '../project/editHistory';
import { invertFlowChanges } from '../project/flowChanges';
import { emptyDefinitions, foldDefinitions, type ProjectDefinitions } from '../project/projectState';
import { createKindRegistry } from '../kinds/builtinKinds';
import type { KindRegistry } from '../kinds/kindRegistry';
import { JOURNAL_MARK } from '../ports/ports';
import type { InstalledExtension } from '../kinds/extension/installedExtension';
import { ActiveExtensions, type LifecycleView } from '../kinds/extension/extensionLifecycle';
import { GapLoop } from './flowEngine/gapLoop';
import { IntentGaps } from './intentEngine/intentGaps';
import type { AlertMonitor } from '../alerts/alertMonitor';
import { alertMonitorFold } from '../alerts/alertsFeature';
import type { ConductorFold } from '../feature/feature';
import { foldConductorStates, initialConductorStates, type ConductorStates } from '../catalogue/buildCatalogue';
import { studioCatalogue } from '../catalogue/studioCatalogue';
import type { EditChanges, OpenAsk } from '../feature/feature';
import type { OutcomeHistory } from '../learning/outcomeHistory';
import { outcomesFold } from '../learning/learningFeature';
import { busIndexFold } from '../bus/busFeature';

/**
 * What the conductor knows, folded from the log one event at a time: the definitions, the edit
 * history with each edit's inverse (for undo), every version of every model, the plans of runs
 * that are going or may be resumed, sub-run nesting and the questions waiting for a person; and
 * the two detectors it feeds, the gap loop (flows) and the intent gaps. Pure and synchronous: the
 * same log always folds to the same state, whether live, replayed or opened again.
 */
export class ConductorState {
  private defs: ProjectDefinitions = emptyDefinitions;
  private edits: EditHistory = emptyHistory;
  private readonly inverses = new Map<number, { forward: FlowChange[]; inverse: FlowChange[] }>();
  private readonly modelVersions = new Map<string, ModelDefinition>();
  /** Plans of runs that are going, or were interrupted (a resume needs them). */
  private readonly runPlans = new Map<RunId, RunPlan>();
  /** Sub-flow runs: child → parent run, to bound nesting. */
  private readonly parentRun = new Map<RunId, RunId>();
  /** Each going run's journal: its journaling agents' log lines that start with JOURNAL_MARK, in log order. */
  private readonly journals = new Map<RunId, string[]>();
  /** Agents at work whose kind journals (KindModule.journals). */
  private readonly journaling = new Set<string>();
  /** Questions waiting for a person, by ask id. */
  private readonly asks = new Map<string, OpenAsk>();
  /** The kinds steps can be of: the built-ins and the project's enabled extensions. */
  private registry: KindRegistry = createKindRegistry().registry;
  private registryFor: ReadonlyMap<string, InstalledExtension> = emptyDefinitions.extensions;
  /** Flows: the step expectations of every run. */
  readonly loop = new GapLoop(
    (ref) => this.modelAt(ref),
    (ref) => {
      const model = this.modelAt(ref);
      const kind = model ? this.kinds.of(model) : undefined;
      return model && kind ? kind.role(model) : model ? 'not-installed' : 'agent';
    },
    () => this.stateOf(busIndexFold),
  );
  /** Extensions activated in this conductor's life and not unloaded since (see extensionLifecycle.ts). */
  readonly activeExtensions = new ActiveExtensions();
  /** Intents: the second detector feeding the same pump (see intentGaps.ts). */
  readonly intents = new IntentGaps();
  /** What the conductor keeps of each feature in the catalogue, by the feature's fold. */
  private readonly features: ConductorStates = initialConductorStates(studioCatalogue, {
    definitions: () => this.defs,
    modelAt: (ref) => this.modelAt(ref),
  });

  /** A feature's state as folded so far (see Feature.conductorFold). */
  stateOf<State>(fold: ConductorFold<State>): State {
    return this.features.get(fold) as State;
  }

  /** What each model did at each step: what learning orders a fallback chain by (see learnedPlan.ts). */
  get outcomes(): OutcomeHistory {
    return this.stateOf(outcomesFold);
  }

  /** Alert rules: evaluated on the virtual clock after events and ticks (see alertMonitor.ts). */
  get alerts(): AlertMonitor {
    return this.stateOf(alertMonitorFold);
  }

  get definitions(): ProjectDefinitions {
    return this.defs;
  }

  /** The kind registry for the project as it is now (rebuilt when its extensions change). */
  get kinds(): KindRegistry {
    if (this.registryFor !== this.defs.extensions) {
      this.registry = createKindRegistry(this.defs.extensions.values()).registry;
      this.registryFor = this.defs.extensions;
    }
    return this.registry;
  }

  get history(): EditHistory {
    return this.edits;
  }

  /** Every flow edit's forward changes and their inverse, by the seq of its event. */
  get flowEdits(): EditChanges {
    return this.inverses;
  }

  get openAsks(): ReadonlyMap<string, OpenAsk> {
    return this.asks;
  }

  /** Folds one event, which must come right after the last one folded. */
  observe(event: StoredEvent): void {
    // Each flow edit's inverse is taken from the flow as it was just before it: what undo applies.
    const edit = flowEditOf(event);
    const flowBefore = edit ? this.defs.flows.get(edit.flowId) : undefined;
    if (edit && flowBefore)
      this.inverses.set(event.seq, { forward: edit.changes, inverse: invertFlowChanges(flowBefore, edit.changes) });
    this.edits = foldEditHistory(this.edits, event);
    this.defs = foldDefinitions(this.defs, event);
    if (event.type === 'model.saved')
      this.modelVersions.set(`${event.data.model.modelId}@${event.data.model.version}`, event.data.model);
    if (event.type === 'run.started') {
      this.runPlans.set(event.data.runId, event.data.plan);
      if (event.data.parentStep) this.parentRun.set(event.data.runId, event.data.parentStep.runId);
    }
    if (event.type === 'agent.spawned') {
      const model = this.modelAt(event.data);
      if (model && this.kinds.of(model)?.journals) this.journaling.add(event.data.agentId);
    }
    if (event.type === 'agent.resolved' && event.runId !== undefined && this.journaling.delete(event.data.agentId)) {
      const lines = event.data.logs.filter((l) => l.startsWith(JOURNAL_MARK));
      if (lines.length > 0) this.journals.set(event.runId, [...(this.journals.get(event.runId) ?? []), ...lines]);
    }
    if (event.type === 'person.asked' && event.runId !== undefined)
      this.asks.set(event.data.askId, { runId: event.runId, data: event.data });
    if (event.type === 'person.answered') this.asks.delete(event.data.askId);
    // An interrupted run keeps its plan: a resume needs it.
    if (event.type === 'run.finished' && event.runId !== undefined && event.data.status !== 'interrupted') {
      this.runPlans.delete(event.runId);
      this.journals.delete(event.runId);
    }
    this.activeExtensions.observe(event);
    this.loop.observe(event);
    this.intents.observe(event);
    foldConductorStates(studioCatalogue, this.features, event);
  }

  /** The log has been read to its end: what comes next happens in this conductor's life. */
  markOpened(): void {
    this.activeExtensions.markOpened();
  }

  /** A model as it was at one version: runs and agents name the version they were planned with. */
  modelAt(ref: { modelId: string; modelVersion: number }): ModelDefinition | undefined {
    return this.modelVersions.get(`${ref.modelId}@${ref.modelVersion}`);
  }

  /** The plan of a run that is going or may be resumed; undefined once it finished. */
  runPlan(runId: RunId): RunPlan | undefined {
    return this.runPlans.get(runId);
  }

  /** Runs whose plans are kept: those going, and those interrupted (a resume needs the plan). */
  plannedRuns(): RunId[] {
    return [...this.runPlans.keys()];
  }

  planStep(runId: RunId, stepId: StepId): PlanStep | undefined {
    return this.runPlans.get(runId)?.steps.find((s) => s.stepId === stepId);
  }

  /** What the extension lifecycle reads to say which of its events a round of decisions implies. */
  lifecycleView(): LifecycleView {
    return {
      active: this.activeExtensions.ids,
      installed: this.defs.extensions,
      extensionOf: (spawned) => {
        const model = this.modelAt(spawned);
        const kind = model ? this.kinds.of(model) : undefined;
        return kind?.provided ? kind.extensionId : undefined;
      },
      inUse: (finishing) => {
        const used = new Set<string>();
        for (const [runId, plan] of this.runPlans) {
          if (finishing.has(runId)) continue;
          for (const step of plan.steps) {
            const model = this.modelAt(step);
            if (model?.kind === 'extension') used.add(model.extension.id);
          }
        }
        return used;
      },
    };
  }

  /** The run's journal so far (AgentWorkContext.journal). */
  journalOf(runId: RunId): readonly string[] {
    return this.journals.get(runId) ?? [];
  }

  /** How many sub-flow levels a run is nested in (0 for a run a person started). */
  depthOf(runId: RunId): number {
    let depth = 0;
    for (let at = this.parentRun.get(runId); at !== undefined; at = this.parentRun.get(at)) depth += 1;
    return depth;
  }
}
