import { StudioError } from '../errors/studioError';
import { artifactValue } from '../artifacts/artifactRecord';
import type { EventDraft } from '../events/eventMap';
import type { StoredEvent } from '../events/storedEvent';
import type { FlowTestsState } from '../flowTests/flowTestsState';
import { testsOfFlow } from '../flowTests/flowTestsState';
import { judgeRun, type ReadValue } from '../flowTests/judgeRun';
import type { ModelId, RunId, StepId } from '../ids';
import type { ModelDefinition } from '../models/modelDefinition';
import type { Limits } from '../policy/policy';
import type { FlowDefinition, ProjectDefinitions } from '../project/projectState';
import { RunReplay } from '../replay/runReplay';
import type { RunState } from '../run/runState';
import type { PlannedCommand } from '../feature/feature';
import { planReuse } from '../running/planFork';
import { buildPlan, runBudget } from '../running/planRunCommands';
import type { ConductorPorts } from '../ports/ports';
import { changedStep, checkVariantChange, describeChange, flowWithVariant } from './applyVariant';
import type { ExploreBudget, ExploreVariant, VariantChange } from './exploreSchema';
import type { ExploreState, Exploration } from './exploreState';
import { checkScoreExpression, rankVariants, scoreVariant, type VariantOutcome } from './scoreVariants';

import type { ExploreCommand } from './exploreCommands';

const LETTERS = 'ABCDE';

/** A name no model has yet: the wanted one, else with " 2", " 3"… after it. */
function freeName(defs: ProjectDefinitions, wanted: string): string {
  const taken = new Set([...defs.models.values()].map((m) => m.name));
  let name = wanted;
  for (let n = 2; taken.has(name); n++) name = `${wanted} ${n}`;
  return name;
}

/** A prompt variant's model: the step's LLM model with the variant's prompt, as a model of its own. */
function promptCopy(
  defs: ProjectDefinitions,
  flow: FlowDefinition,
  change: { stepId: StepId; prompt: string },
  letter: string,
  modelId: ModelId,
): ModelDefinition {
  const step = flow.steps.get(change.stepId);
  const own = step ? defs.models.get(step.modelId) : undefined;
  if (!step || !own)
    throw new StudioError(
      'not-found',
      `A variant names a step (${change.stepId}) that is not in flow “${flow.name}”.`,
      'Fix the variant and explore again; nothing was started.',
    );
  if (own.kind !== 'llm')
    throw new StudioError(
      'invalid-command',
      `Step “${step.label}” runs a ${own.kind} model, which has no prompt to vary.`,
      'Vary its model or its fallback chain instead; nothing was started.',
    );
  return {
    ...own,
    modelId,
    version: 1,
    name: freeName(defs, `${own.name} · prompt ${letter}`.slice(0, 120)),
    prompt: change.prompt,
  };
}
const lesser = (a: number | undefined, b: number | undefined): number | undefined =>
  a === undefined ? b : b === undefined ? a : Math.min(a, b);

/**
 * Each variant's run budget: an equal share of the exploration's budget, never more than the
 * flow's own run budget, so the variants together stay within what the person set.
 */
export function variantBudget(
  flowBudget: Limits | undefined,
  shared: ExploreBudget | undefined,
  variants: number,
): Limits | undefined {
  const costUsd = lesser(flowBudget?.costUsd, shared?.costUsd === undefined ? undefined : shared.costUsd / variants);
  const tokens = lesser(
    flowBudget?.tokens,
    shared?.tokens === undefined ? undefined : Math.floor(shared.tokens / variants),
  );
  const budget: Limits = {
    ...flowBudget,
    ...(costUsd !== undefined ? { costUsd } : {}),
    ...(tokens !== undefined ? { tokens } : {}),
  };
  return Object.keys(budget).length > 0 ? budget : undefined;
}

const runEvents = (events: readonly StoredEvent[], runId: string, atSeq = Number.POSITIVE_INFINITY) =>
  events.filter((e) => e.runId === runId && e.seq <= atSeq);

/**
 * An exploration: one fork of the run per variant, from the same point, each planned from the
 * flow with only its variant's change applied (the flow itself is not edited). Every fork reuses
 * what the parent had finished upstream of the changed step; the changed step and everything
 * downstream of it run again. All start in one append with the `explore.started` that names them,
 * so the conductor runs them side by side within its one limit on agents at once.
 */
async function planStartExplore(
  defs: ProjectDefinitions,
  cmd: Extract<ExploreCommand, { type: 'startExplore' }>,
  ports: ConductorPorts,
): Promise<PlannedCommand> {
  const parentEvents = runEvents(await ports.log.readAll(), cmd.runId, cmd.atSeq);
  const started = parentEvents[0];
  if (started?.type !== 'run.started')
    throw new StudioError(
      'not-found',
      'There is no run to explore from at that point.',
      'Pick a run and a moment on its timeline.',
    );
  const flow = defs.flows.get(started.data.flowId);
  if (!flow)
    throw new StudioError(
      'not-found',
      'The flow of that run no longer exists, so it cannot be explored.',
      'Explore a run of a flow in this project.',
    );
  if (cmd.score.kind === 'cel') {
    const problem = checkScoreExpression(cmd.score.expression);
    if (problem)
      throw new StudioError(
        'invalid-command',
        `The score ${problem}.`,
        'Fix the expression and explore again; nothing was started.',
      );
  }
  const parentAtFork = new RunReplay(parentEvents).at(parentEvents.length - 1);
  const budget = variantBudget(runBudget(defs, flow), cmd.budget, cmd.variants.length);
  const exploreId = ports.newId('explore');
  const parent = { runId: cmd.runId, atSeq: cmd.atSeq };
  const variants: ExploreVariant[] = [];
  const runs: EventDraft[] = [];
  const copies: EventDraft[] = [];
  let known = defs;
  cmd.variants.forEach((requested, index) => {
    const letter = LETTERS[index] ?? String(index + 1);
    const stepLabel = flow.steps.get(requested.change.stepId)?.label ?? requested.change.stepId;
    let change: VariantChange;
    let what: string;
    if (requested.change.kind === 'prompt') {
      const copy = promptCopy(known, flow, requested.change, letter, ports.newId('model') as ModelId);
      known = { ...known, models: new Map(known.models).set(copy.modelId, copy) };
      copies.push({ type: 'model.saved', data: { model: copy } });
      change = { kind: 'model', stepId: requested.change.stepId, modelId: copy.modelId };
      const prompt = requested.change.prompt;
      what = `prompt “${prompt.length > 40 ? `${prompt.slice(0, 39)}…` : prompt}”`;
    } else {
      change = requested.change;
      what = describeChange(known, change);
    }
    checkVariantChange(known, flow, change);
    const plan = buildPlan(known, flowWithVariant(flow, change));
    const reused = planReuse(started.data.plan, parentAtFork, plan, true, new Set([change.stepId]));
    const runId = ports.newId('run') as RunId;
    variants.push({ label: `${letter}: “${stepLabel}” with ${what}`.slice(0, 120), change, runId });
    runs.push({
      type: 'run.started',
      runId,
      data: {
        runId,
        flowId: flow.flowId,
        plan,
        input: started.data.input,
        parent,
        reused,
        ...(budget ? { budget } : {}),
      },
    });
  });
  return {
    drafts: [
      ...copies,
      {
        type: 'explore.started',
        data: {
          exploreId,
          flowId: flow.flowId,
          parent,
          score: cmd.score,
          ...(cmd.budget ? { budget: cmd.budget } : {}),
          variants,
        },
      },
      ...runs,
    ],
    createdId: exploreId,
  };
}

function explorationOf(explorations: ExploreState, exploreId: string): Exploration {
  const found = explorations.get(exploreId);
  if (!found)
    throw new StudioError('not-found', 'That exploration is not in this project.', 'Pick one in the Explore view.');
  return found;
}

/** What scoring needs of one finished variant run: its spend, and its outputs by step label and port. */
async function outcomeOf(
  run: RunState,
  read: ReadValue,
  tests: FlowTestsState,
  score: Exploration['started']['score'],
): Promise<VariantOutcome> {
  const status = run.status === 'running' ? 'interrupted' : run.status;
  const outputs: Record<string, Record<string, unknown>> = {};
  if (score.kind === 'cel') {
    for (const step of run.plan.steps) {
      const state = run.steps.get(step.stepId);
      if (state?.status !== 'done') continue;
      const ports: Record<string, unknown> = {};
      for (const [port, ref] of Object.entries(state.outputs)) if (ref) ports[port] = await read(ref.hash);
      outputs[step.label] = ports;
    }
  }
  const judged =
    score.kind === 'tests'
      ? await Promise.all(testsOfFlow(tests, run.flowId).map((t) => judgeRun(t, run, read)))
      : undefined;
  return {
    runId: run.runId,
    status,
    costUsd: run.spend.costUsd,
    tokens: run.spend.tokens,
    outputs,
    ...(judged ? { tests: judged } : {}),
  };
}

/**
 * Scores an exploration once every variant's run has ended: each by the flow's tests or the CEL
 * expression, then ranked. Refused while a variant is still going, or when already scored.
 */
async function planScoreExplore(
  exploration: Exploration,
  tests: FlowTestsState,
  ports: ConductorPorts,
): Promise<PlannedCommand> {
  const { started } = exploration;
  if (exploration.scored)
    throw new StudioError(
      'invalid-command',
      'That exploration has been scored already.',
      'Its ranking is in the Explore view.',
    );
  const events = await ports.log.readAll();
  const read: ReadValue = async (hash) => {
    const record = await ports.artifacts.get(hash);
    if (!record)
      throw new StudioError(
        'not-found',
        `An artifact (${hash.slice(0, 12)}…) is missing from this browser’s storage.`,
        'Run the variant again.',
      );
    return artifactValue(record);
  };
  const results = [];
  for (const variant of started.variants) {
    const own = runEvents(events, variant.runId);
    const run = own.length > 0 ? new RunReplay(own).at(own.length - 1) : undefined;
    if (!run || run.status === 'running')
      throw new StudioError(
        'invalid-command',
        `Variant ${variant.label} is still running, so the exploration cannot be scored yet.`,
        'Wait for every variant to finish.',
      );
    results.push(scoreVariant(started.score, await outcomeOf(run, read, tests, started.score)));
  }
  const { ranking, winner } = rankVariants(started.variants, results);
  return { drafts: [{ type: 'explore.scored', data: { exploreId: started.exploreId, results, ranking, winner } }] };
}

/**
 * Promotes a variant (the winner unless another is named): its change becomes the flow's, as one
 * flow edit (so one undo takes it back), followed by `explore.promoted` for the exploration's story.
 */
function planPromoteExplore(
  defs: ProjectDefinitions,
  exploration: Exploration,
  runId: string | undefined,
): PlannedCommand {
  const { started, scored } = exploration;
  const chosen = runId ?? scored?.winner ?? undefined;
  if (chosen === undefined)
    throw new StudioError(
      'invalid-command',
      scored
        ? 'No variant could be scored, so there is no winner to promote.'
        : 'That exploration has not been scored yet.',
      scored ? 'Look at why each variant has no score, fix it and explore again.' : 'Wait for every variant to finish.',
    );
  const variant = started.variants.find((v) => v.runId === chosen);
  if (!variant)
    throw new StudioError(
      'not-found',
      'That run is not one of the exploration’s variants.',
      'Pick a variant in the Explore view.',
    );
  const flow = defs.flows.get(started.flowId);
  const step = flow?.steps.get(variant.change.stepId);
  if (!flow || !step)
    throw new StudioError(
      'not-found',
      'The step this variant changed is no longer in the flow.',
      'Nothing was changed.',
    );
  checkVariantChange(defs, flow, variant.change);
  const flowId = flow.flowId;
  const promoted: EventDraft = {
    type: 'explore.promoted',
    data: { exploreId: started.exploreId, runId: variant.runId },
  };
  if (variant.change.kind === 'model') {
    if (step.modelId === variant.change.modelId)
      throw new StudioError('invalid-command', `Step “${step.label}” already uses that model.`, 'Nothing was changed.');
    return {
      drafts: [
        { type: 'step.modelChanged', data: { flowId, stepId: step.stepId, modelId: variant.change.modelId } },
        promoted,
      ],
    };
  }
  const settings = changedStep(step, variant.change).settings ?? {};
  return { drafts: [{ type: 'step.configured', data: { flowId, stepId: step.stepId, settings } }, promoted] };
}

/** Exploration commands become events: forks to start, a ranking to record, a winner to promote. */
export async function planExploreCommand(
  defs: ProjectDefinitions,
  explorations: ExploreState,
  tests: FlowTestsState,
  cmd: ExploreCommand,
  ports: ConductorPorts,
): Promise<PlannedCommand> {
  switch (cmd.type) {
    case 'startExplore':
      return planStartExplore(defs, cmd, ports);
    case 'scoreExplore':
      return planScoreExplore(explorationOf(explorations, cmd.exploreId), tests, ports);
    case 'promoteExplore':
      return planPromoteExplore(defs, explorationOf(explorations, cmd.exploreId), cmd.runId);
  }
}
