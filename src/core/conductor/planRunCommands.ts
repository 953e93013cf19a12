import { makeArtifact, refOf } from '../artifacts/artifactRecord';
import { StudioError } from '../errors/studioError';
import type { RunPlan } from '../events/eventMap';
import type { StoredEvent } from '../events/storedEvent';
import type { FlowId, RunId } from '../ids';
import type { FlowDefinition, ProjectDefinitions } from '../project/projectState';
import { RunReplay } from '../replay/runReplay';
import type { GapLoop } from './gapLoop';
import type { PlannedCommand } from './planDefinitionCommand';
import { planReuse } from './planFork';
import type { ConductorPorts } from './ports';

/** Freezes a flow and the current versions of its models into a run plan. */
export function buildPlan(defs: ProjectDefinitions, flow: FlowDefinition): RunPlan {
  if (flow.steps.size === 0) throw new StudioError('invalid-command', 'This flow has no steps yet, so there is nothing to run.', 'Add a step from the palette first.');
  const plan: RunPlan = { steps: [], edges: [...flow.edges.values()] };
  for (const step of flow.steps.values()) {
    const model = defs.models.get(step.modelId);
    if (!model) throw new StudioError('not-found', `Step “${step.label}” uses a model that no longer exists.`, 'Delete the step or pick another model.');
    plan.steps.push({ stepId: step.stepId, label: step.label, modelId: model.modelId, modelVersion: model.version, inputs: model.inputs, outputs: model.outputs });
  }
  return plan;
}

function flowOf(defs: ProjectDefinitions, flowId: FlowId): FlowDefinition {
  const flow = defs.flows.get(flowId);
  if (!flow) throw new StudioError('not-found', 'That flow no longer exists.');
  return flow;
}

export async function planStartRun(defs: ProjectDefinitions, flowId: FlowId, input: string, ports: ConductorPorts): Promise<PlannedCommand> {
  const plan = buildPlan(defs, flowOf(defs, flowId));
  const inputArtifact = await makeArtifact('text', input, null, ports.sha256);
  await ports.artifacts.put(inputArtifact);
  const runId = ports.newId('run') as RunId;
  return { drafts: [{ type: 'run.started', runId, data: { runId, flowId, plan, input: refOf(inputArtifact) } }], createdId: runId };
}

/**
 * A fork: a new run of the flow as it is now, child of `parentId`, that takes from the parent
 * every output it had by event `atSeq` and still fits (see planReuse). The parent is only read.
 */
export async function planForkRun(defs: ProjectDefinitions, parentId: RunId, atSeq: number, ports: ConductorPorts): Promise<PlannedCommand> {
  const parentEvents = (await ports.log.readAll()).filter((e): e is StoredEvent => e.runId === parentId && e.seq <= atSeq);
  const started = parentEvents[0];
  if (started?.type !== 'run.started') throw new StudioError('not-found', 'There is no run to fork at that point.', 'Pick a run and a moment on its timeline.');
  const parentAtFork = new RunReplay(parentEvents).at(parentEvents.length - 1);
  const plan = buildPlan(defs, flowOf(defs, started.data.flowId));
  const reused = planReuse(started.data.plan, parentAtFork, plan, true);
  const runId = ports.newId('run') as RunId;
  return {
    drafts: [{ type: 'run.started', runId, data: { runId, flowId: started.data.flowId, plan, input: started.data.input, parent: { runId: parentId, atSeq }, reused } }],
    createdId: runId,
  };
}

/** Resuming an interrupted run: its orphaned gaps are closed as abandoned, then it goes on. */
export function planResumeRun(loop: GapLoop, runId: RunId): PlannedCommand {
  if (!loop.isResumable(runId)) throw new StudioError('invalid-command', 'Only an interrupted run can be resumed.', 'Start a new run, or fork this one from its timeline.');
  return {
    drafts: [
      ...loop.danglingGaps(runId).map((gapId) => ({ type: 'gap.closed' as const, runId, data: { gapId, resolution: 'abandoned' as const } })),
      { type: 'run.resumed', runId, data: {} },
    ],
  };
}
