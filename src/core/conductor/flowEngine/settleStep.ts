import { artifactValue, classifyValue, makeArtifact, refOf, type ArtifactRecord } from '../../artifacts/artifactRecord';
import { learnedPlan, type LearningContext } from '../../learning/learnedPlan';
import { StudioError } from '../../errors/studioError';
import type { EventDraft, ModelRef, RunPlan } from '../../events/eventMap';
import type { ArtifactRef } from '../../events/primitives';
import type { ArtifactHash, GapId, RunId, StepId } from '../../ids';
import type { ModelDefinition } from '../../models/modelDefinition';
import type { KindRegistry } from '../../kinds/kindRegistry';
import type { ProjectDefinitions } from '../../project/projectState';
import type { Headroom } from '../../policy/budget';
import type { AdoptDecision, ConductorStepDecision, Decision, GatherDecision } from './gapLoop';
import { buildPlan } from '../../running/planRunCommands';
import type { ConductorPorts } from '../ports';
import { hearDrafts } from '../../bus/hearDrafts';

/** What settling a step needs from the conductor. */
export interface SettleContext {
  ports: ConductorPorts;
  defs: ProjectDefinitions;
  plan(runId: RunId): RunPlan | undefined;
  model(ref: ModelRef): ModelDefinition | undefined;
  kinds: KindRegistry;
  runRoom(runId: RunId): { room: Headroom } | undefined;
  /** How many sub-flow runs enclose this run (a breaker against flows that contain themselves). */
  depthOf(runId: RunId): number;
  /** What a sub-flow run's learning steps order their models by (see learnedPlan.ts). */
  learning?: LearningContext;
}

export const MAX_SUBFLOW_DEPTH = 5;

const failStep = (
  runId: RunId,
  stepId: StepId,
  reason: string,
  extra: Partial<{ errorClass: 'budget' | 'bad-request' | 'invalid-output' }> = {},
): EventDraft => ({
  type: 'step.failed',
  runId,
  data: { stepId, reason, ...extra },
});

async function load(ctx: SettleContext, hash: ArtifactHash): Promise<ArtifactRecord> {
  const record = await ctx.ports.artifacts.get(hash);
  if (!record) throw new StudioError('not-found', 'An artifact a step needs is missing from the artifact store.');
  return record;
}

const refFor = async (ctx: SettleContext, hash: ArtifactHash): Promise<ArtifactRef> => refOf(await load(ctx, hash));
const valueOf = async (ctx: SettleContext, hash: ArtifactHash): Promise<unknown> =>
  artifactValue(await load(ctx, hash));

const labelOf = (ctx: SettleContext, runId: RunId, stepId: StepId): string =>
  ctx.plan(runId)?.steps.find((s) => s.stepId === stepId)?.label ?? stepId;

/**
 * The events for a decision the conductor settles itself (no agent): a branch or gate routes its
 * input, a person is asked, a sub-flow starts, a list is split or gathered, a step is skipped,
 * retried later or failed. Returns [] for decisions that are not its own.
 */
export async function settleDecision(ctx: SettleContext, d: Decision): Promise<EventDraft[]> {
  const { runId } = d;
  switch (d.type) {
    case 'route':
      return route(ctx, d);
    case 'ask':
      return ask(ctx, d);
    case 'subflow':
      return startSubflow(ctx, d);
    case 'expand':
      return expand(ctx, d);
    case 'gather':
      return gather(ctx, d);
    case 'adopt':
      return adopt(ctx, d);
    case 'hear': {
      const step = ctx.plan(runId)?.steps.find((s) => s.stepId === d.stepId);
      if (!step) throw new StudioError('not-found', 'A run refers to a step it does not contain.');
      return hearDrafts(d, ctx.ports, { modelId: step.modelId, modelVersion: step.modelVersion });
    }
    case 'skip':
      return [{ type: 'step.skipped', runId, data: { stepId: d.stepId, reason: d.reason } }];
    case 'retry': {
      const atMs = ctx.ports.clock.now() + d.delayMs;
      ctx.ports.wakeAt?.(atMs);
      return [
        {
          type: 'step.retrying',
          runId,
          data: {
            stepId: d.stepId,
            attempt: d.attempt,
            modelId: d.model.modelId,
            modelVersion: d.model.modelVersion,
            fallback: d.fallback,
            delayMs: d.delayMs,
            atMs,
            errorClass: d.errorClass,
          },
        },
      ];
    }
    case 'fail-step': {
      if (d.errorClass !== 'budget')
        return [
          failStep(
            runId,
            d.stepId,
            d.reason,
            d.errorClass === undefined ? {} : { errorClass: d.errorClass as 'budget' },
          ),
        ];
      const violated: EventDraft = {
        type: 'policy.violated',
        runId,
        data: { stepId: d.stepId, rule: 'budget', detail: d.reason },
      };
      if (!d.askBudget)
        return [
          violated,
          failStep(runId, d.stepId, `${d.reason} The run stopped here rather than overspend.`, {
            errorClass: 'budget',
          }),
        ];
      return [
        violated,
        {
          type: 'person.asked',
          runId,
          data: {
            askId: ctx.ports.newId('ask') as GapId,
            stepId: d.stepId,
            kind: 'budget',
            question: `${d.reason} Allow it to run past the budget?`,
          },
        },
      ];
    }
    default:
      return [];
  }
}

async function route(ctx: SettleContext, d: ConductorStepDecision): Promise<EventDraft[]> {
  const model = ctx.model(d.model);
  const [hash] = Object.values(d.inputs);
  if (!model || hash === undefined) return [failStep(d.runId, d.stepId, 'It has no input to route.')];
  const outputs = model.outputs.map((p) => p.name);
  const record = await load(ctx, hash);
  const routed = (taken: string | null, detail: string): EventDraft[] => {
    const skipped = outputs.filter((p) => p !== taken);
    const event: EventDraft = {
      type: 'step.routed',
      runId: d.runId,
      data: { stepId: d.stepId, taken, skipped, detail },
    };
    if (taken === null) return [event];
    return [
      {
        type: 'artifact.produced',
        runId: d.runId,
        data: { stepId: d.stepId, port: taken, artifact: refOf(record), by: 'route' },
      },
      event,
    ];
  };
  const kind = ctx.kinds.of(model);
  if (!kind?.route) return [failStep(d.runId, d.stepId, `A ${kind?.label ?? model.kind} model does not route.`)];
  const verdict = kind.route(model, artifactValue(record), ctx.runRoom(d.runId)?.room);
  if ('failed' in verdict) return [failStep(d.runId, d.stepId, verdict.failed, { errorClass: 'bad-request' })];
  return routed(verdict.taken, verdict.detail);
}

async function ask(ctx: SettleContext, d: ConductorStepDecision): Promise<EventDraft[]> {
  const model = ctx.model(d.model);
  const gapId = ctx.ports.newId('gap') as GapId;
  const opened: EventDraft = {
    type: 'gap.opened',
    runId: d.runId,
    data: { gapId, kind: 'reaction', stepId: d.stepId, causeSeqs: d.causeSeqs },
  };
  const subject: Record<string, ArtifactRef> = {};
  for (const [port, hash] of Object.entries(d.inputs)) subject[port] = await refFor(ctx, hash);
  const label = labelOf(ctx, d.runId, d.stepId);
  const kind = model ? ctx.kinds.of(model) : undefined;
  if (!model || !kind?.ask) return [failStep(d.runId, d.stepId, 'Its model does not ask a person.')];
  const plan = kind.ask(model, label);
  const deadline =
    plan.answerWithinMs !== undefined
      ? {
          deadlineAt: ctx.ports.clock.now() + plan.answerWithinMs,
          ...(plan.onTimeout ? { onTimeout: plan.onTimeout } : {}),
        }
      : {};
  return [
    opened,
    {
      type: 'person.asked',
      runId: d.runId,
      data: {
        askId: gapId,
        stepId: d.stepId,
        kind: plan.kind,
        question: plan.question,
        ...(plan.ports ? { ports: plan.ports } : {}),
        subject,
        ...deadline,
      },
    },
  ];
}

async function startSubflow(ctx: SettleContext, d: ConductorStepDecision): Promise<EventDraft[]> {
  const model = ctx.model(d.model);
  const flowId = model ? ctx.kinds.of(model)?.flowOf?.(model) : undefined;
  if (flowId === undefined) return [failStep(d.runId, d.stepId, 'Its model is not a sub-flow.')];
  const flow = ctx.defs.flows.get(flowId);
  if (!flow)
    return [
      failStep(d.runId, d.stepId, `The flow it runs (“${flowId}”) no longer exists.`, { errorClass: 'bad-request' }),
    ];
  if (ctx.depthOf(d.runId) >= MAX_SUBFLOW_DEPTH)
    return [
      failStep(
        d.runId,
        d.stepId,
        `Sub-flows nest deeper than ${MAX_SUBFLOW_DEPTH}: does flow “${flow.name}” contain itself?`,
        { errorClass: 'bad-request' },
      ),
    ];
  let plan: RunPlan;
  try {
    plan = buildPlan(ctx.defs, flow);
  } catch (error) {
    return [
      failStep(
        d.runId,
        d.stepId,
        `Flow “${flow.name}” cannot run: ${error instanceof Error ? error.message : String(error)}`,
        { errorClass: 'bad-request' },
      ),
    ];
  }
  const [hash] = Object.values(d.inputs);
  let input: ArtifactRef;
  if (hash !== undefined) input = await refFor(ctx, hash);
  else {
    // A sub-flow step with no input gives its run empty text.
    const empty = await makeArtifact('text', '', null, ctx.ports.sha256);
    await ctx.ports.artifacts.put(empty);
    input = refOf(empty);
  }
  const gapId = ctx.ports.newId('gap') as GapId;
  const childId = ctx.ports.newId('run') as RunId;
  const learned = ctx.learning ? learnedPlan(plan, ctx.learning) : { plan, choices: [] };
  return [
    { type: 'gap.opened', runId: d.runId, data: { gapId, kind: 'reaction', stepId: d.stepId, causeSeqs: d.causeSeqs } },
    {
      type: 'run.started',
      runId: childId,
      data: {
        runId: childId,
        flowId: flow.flowId,
        plan: learned.plan,
        input,
        parentStep: { runId: d.runId, stepId: d.stepId, gapId },
      },
    },
    ...learned.choices.map((data) => ({ type: 'model.chosen' as const, runId: childId, data })),
  ];
}

async function expand(ctx: SettleContext, d: ConductorStepDecision): Promise<EventDraft[]> {
  const port = ctx.plan(d.runId)?.steps.find((s) => s.stepId === d.stepId)?.settings?.map?.port ?? '';
  const hash = d.inputs[port];
  if (hash === undefined)
    return [
      failStep(d.runId, d.stepId, `It maps over “${port}”, which is not one of its inputs.`, {
        errorClass: 'bad-request',
      }),
    ];
  const list = await valueOf(ctx, hash);
  if (!Array.isArray(list))
    return [
      failStep(
        d.runId,
        d.stepId,
        `It maps over “${port}”, which must be a list; it is ${typeof list === 'string' ? 'text' : 'an object'}.`,
        { errorClass: 'invalid-output' },
      ),
    ];
  const items: ArtifactRef[] = [];
  for (const item of list) {
    const classified = classifyValue(item, 'any');
    if (!classified.ok)
      return [
        failStep(d.runId, d.stepId, `Item ${items.length + 1} of “${port}” ${classified.reason}.`, {
          errorClass: 'invalid-output',
        }),
      ];
    const record = await makeArtifact(classified.kind, classified.body, null, ctx.ports.sha256);
    await ctx.ports.artifacts.put(record);
    items.push(refOf(record));
  }
  if (items.length === 0) {
    // Nothing to map over: the results are empty lists.
    return gather(ctx, { type: 'gather', runId: d.runId, stepId: d.stepId, results: [] });
  }
  return [{ type: 'map.expanded', runId: d.runId, data: { stepId: d.stepId, items } }];
}

async function gather(ctx: SettleContext, d: GatherDecision): Promise<EventDraft[]> {
  const step = ctx.plan(d.runId)?.steps.find((s) => s.stepId === d.stepId);
  if (!step) return [];
  const drafts: EventDraft[] = [];
  for (const port of step.outputs) {
    const values = await Promise.all(d.results.map((r) => valueOf(ctx, r[port.name] as ArtifactHash)));
    const classified = classifyValue(values, 'any');
    if (!classified.ok)
      return [
        failStep(d.runId, d.stepId, `Its gathered “${port.name}” ${classified.reason}.`, {
          errorClass: 'invalid-output',
        }),
      ];
    const record = await makeArtifact(
      classified.kind,
      classified.body,
      {
        modelId: step.modelId,
        modelVersion: step.modelVersion,
        inputHashes: d.results.flatMap((r) => Object.values(r)),
        runId: d.runId,
        stepId: d.stepId,
        createdAt: ctx.ports.clock.now(),
      },
      ctx.ports.sha256,
    );
    await ctx.ports.artifacts.put(record);
    drafts.push({
      type: 'artifact.produced',
      runId: d.runId,
      data: { stepId: d.stepId, port: port.name, artifact: refOf(record), by: 'gather' },
    });
  }
  return drafts;
}

async function adopt(ctx: SettleContext, d: AdoptDecision): Promise<EventDraft[]> {
  const closed = (resolution: 'filled' | 'failed'): EventDraft => ({
    type: 'gap.closed',
    runId: d.runId,
    data: { gapId: d.gapId, resolution },
  });
  if (d.failure !== undefined)
    return [failStep(d.runId, d.stepId, `Its sub-flow run failed: ${d.failure}`), closed('failed')];
  const drafts: EventDraft[] = [];
  for (const [port, hash] of Object.entries(d.outputs))
    drafts.push({
      type: 'artifact.produced',
      runId: d.runId,
      data: { stepId: d.stepId, port, artifact: await refFor(ctx, hash), by: 'subflow' },
    });
  return [...drafts, closed('filled')];
}
