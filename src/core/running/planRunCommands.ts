import { RUN_STOPPED_REASON } from '../run/runState';
import { makeArtifact, refOf } from '../artifacts/artifactRecord';
import { StudioError } from '../errors/studioError';
import type { RunPlan } from '../events/eventMap';
import type { StoredEvent } from '../events/storedEvent';
import type { FlowId, ModelId, RunId, StepId } from '../ids';
import type { FlowDefinition, ProjectDefinitions, StepDefinition } from '../project/projectState';
import type { ModelRef } from '../events/eventMap';
import { mergePolicies, type Limits } from '../policy/policy';
import { artifactFromText } from '../artifacts/artifactFromText';
import { RunReplay } from '../replay/runReplay';
import type { ConductorFacts } from '../feature/feature';
import type { PlannedCommand } from '../feature/feature';
import { planReuse } from './planFork';
import type { ConductorPorts } from '../ports/ports';
import { alignToParent, learnedPlan, type LearningContext } from '../learning/learnedPlan';

/** Freezes a flow, its steps' settings and policies, and the current versions of its models into a run plan. */
export function buildPlan(defs: ProjectDefinitions, flow: FlowDefinition): RunPlan {
  if (flow.steps.size === 0)
    throw new StudioError(
      'invalid-command',
      `Flow “${flow.name}” has no steps yet, so there is nothing to run.`,
      'Add a step from the palette first.',
    );
  const plan: RunPlan = { steps: [], edges: [...flow.edges.values()] };
  const policies = defs.policies?.document;
  const modelRef = (modelId: ModelId, step: StepDefinition, role: string): ModelRef => {
    const model = defs.models.get(modelId);
    if (!model)
      throw new StudioError(
        'not-found',
        `Step “${step.label}” names ${role} model “${modelId}”, which does not exist.`,
        'Fix the step’s settings.',
      );
    return { modelId: model.modelId, modelVersion: model.version };
  };
  for (const step of flow.steps.values()) {
    const model = defs.models.get(step.modelId);
    if (!model)
      throw new StudioError(
        'not-found',
        `Step “${step.label}” uses a model that no longer exists.`,
        'Delete the step or pick another model.',
      );
    const settings = step.settings;
    const policy = mergePolicies(policies?.project, policies?.flows[flow.name], settings?.policy);
    const fallbacks = settings?.fallbacks?.map((id) => modelRef(id, step, 'fallback'));
    const rebuildModel = settings?.rebuild ? modelRef(settings.rebuild.model, step, 'the inverse') : undefined;
    plan.steps.push({
      stepId: step.stepId,
      label: step.label,
      modelId: model.modelId,
      modelVersion: model.version,
      inputs: model.inputs,
      outputs: model.outputs,
      ...(settings ? { settings } : {}),
      ...(Object.keys(policy).length > 0 ? { policy } : {}),
      ...(fallbacks && fallbacks.length > 0 ? { fallbacks } : {}),
      ...(rebuildModel ? { rebuildModel } : {}),
    });
  }
  return plan;
}

/** The run's own budget: the project's and the flow's policies merged (a step's policy cannot raise it). */
export function runBudget(defs: ProjectDefinitions, flow: FlowDefinition): Limits | undefined {
  const policies = defs.policies?.document;
  return mergePolicies(policies?.project, policies?.flows[flow.name]).budget?.run;
}

function flowOf(defs: ProjectDefinitions, flowId: FlowId): FlowDefinition {
  const flow = defs.flows.get(flowId);
  if (!flow) throw new StudioError('not-found', 'That flow no longer exists.');
  return flow;
}

export async function planStartRun(
  defs: ProjectDefinitions,
  flowId: FlowId,
  input: string,
  ports: ConductorPorts,
  givenText: ReadonlyArray<{ stepId: StepId; port: string; text: string }> = [],
  learning?: LearningContext,
): Promise<PlannedCommand> {
  const flow = flowOf(defs, flowId);
  // Steps whose policy learns their model order have it chosen now, from the history so far.
  const { plan, choices } = learning
    ? learnedPlan(buildPlan(defs, flow), learning)
    : { plan: buildPlan(defs, flow), choices: [] };
  const inputArtifact = await makeArtifact('text', input, null, ports.sha256);
  await ports.artifacts.put(inputArtifact);
  const given = [];
  for (const g of givenText) {
    const port = plan.steps.find((s) => s.stepId === g.stepId)?.outputs.find((p) => p.name === g.port);
    if (!port)
      throw new StudioError(
        'invalid-command',
        `There is no output “${g.port}” on that step to supply.`,
        'Pick an output of a step in this flow.',
      );
    const artifact = await artifactFromText(g.text, port.type, ports.sha256);
    if (!artifact.ok)
      throw new StudioError(
        'invalid-command',
        `The artifact you gave for “${g.port}” ${artifact.reason}.`,
        'Fix it and start again; nothing was started.',
      );
    await ports.artifacts.put(artifact.record);
    given.push({ stepId: g.stepId, port: g.port, artifact: refOf(artifact.record) });
  }
  const runId = ports.newId('run') as RunId;
  const budget = runBudget(defs, flow);
  return {
    drafts: [
      {
        type: 'run.started',
        runId,
        data: {
          runId,
          flowId,
          plan,
          input: refOf(inputArtifact),
          ...(given.length > 0 ? { given } : {}),
          ...(budget ? { budget } : {}),
        },
      },
      ...choices.map((data) => ({ type: 'model.chosen' as const, runId, data })),
    ],
    createdId: runId,
  };
}

/**
 * A fork: a new run of the flow as it is now, child of `parentId`, that takes from the parent
 * every output it had by event `atSeq` and still fits (see planReuse). The parent is only read.
 */
export async function planForkRun(
  defs: ProjectDefinitions,
  parentId: RunId,
  atSeq: number,
  ports: ConductorPorts,
): Promise<PlannedCommand> {
  const parentEvents = (await ports.log.readAll()).filter(
    (e): e is StoredEvent => e.runId === parentId && e.seq <= atSeq,
  );
  const started = parentEvents[0];
  if (started?.type !== 'run.started')
    throw new StudioError(
      'not-found',
      'There is no run to fork at that point.',
      'Pick a run and a moment on its timeline.',
    );
  const parentAtFork = new RunReplay(parentEvents).at(parentEvents.length - 1);
  // Learning steps keep the parent's order: what the parent ran first is what the fork may reuse.
  const plan = alignToParent(buildPlan(defs, flowOf(defs, started.data.flowId)), started.data.plan);
  const reused = planReuse(started.data.plan, parentAtFork, plan, true);
  const runId = ports.newId('run') as RunId;
  return {
    drafts: [
      {
        type: 'run.started',
        runId,
        data: {
          runId,
          flowId: started.data.flowId,
          plan,
          input: started.data.input,
          parent: { runId: parentId, atSeq },
          reused,
        },
      },
    ],
    createdId: runId,
  };
}

/** Resuming an interrupted run: its orphaned gaps are closed as abandoned, then it goes on. */
/**
 * Stops a run that is going. It is marked interrupted, as if its tab had closed: finished steps
 * keep their artifacts, agents at work are abandoned (what they still send is not written), and
 * **Resume** runs only what had not finished.
 */
export function planStopRun(loop: Pick<ConductorFacts, 'isGoing' | 'isResumable'>, runId: RunId): PlannedCommand {
  if (!loop.isGoing(runId))
    throw new StudioError(
      'invalid-command',
      'That run is not going, so there is nothing to stop.',
      loop.isResumable(runId) ? 'It is already interrupted: resume it to finish it.' : 'Start a new run.',
    );
  return { drafts: [{ type: 'run.finished', runId, data: { status: 'interrupted', reason: RUN_STOPPED_REASON } }] };
}

export function planResumeRun(
  loop: Pick<ConductorFacts, 'isResumable' | 'danglingGaps'>,
  runId: RunId,
): PlannedCommand {
  if (!loop.isResumable(runId))
    throw new StudioError(
      'invalid-command',
      'Only an interrupted run can be resumed.',
      'Start a new run, or fork this one from its timeline.',
    );
  return {
    drafts: [
      ...loop
        .danglingGaps(runId)
        .map((gapId) => ({ type: 'gap.closed' as const, runId, data: { gapId, resolution: 'abandoned' as const } })),
      { type: 'run.resumed', runId, data: {} },
    ],
  };
}
