import { artifactValue, classifyValue, makeArtifact, refOf, type ArtifactRecord } from '../../artifacts/artifactRecord';
import type { EventData, EventDraft, PlanStep } from '../../events/eventMap';
import type { RunId } from '../../ids';
import type { ModelDefinition } from '../../models/modelDefinition';
import { confidenceLevel } from '../../policy/policy';
import type { AgentHost, ConductorPorts, ErrorClass } from '../ports';
import { parseProposedFacts } from './runIntentAgent';
import type { AgentWork, KindModule } from '../../kinds/kindModule';
import type { LlmModel } from '../../models/modelDefinition';
import { mediatedHost } from './agentHost';

interface AgentJob {
  spawned: EventData<'agent.spawned'>;
  runId: RunId;
  model: ModelDefinition | undefined;
  /** What the model's kind does, from the registry; undefined when no enabled extension provides it. */
  kind: KindModule | undefined;
  /** The project's LLM models by name, for ctx.llm. */
  llmModelNamed: (name: string) => LlmModel | undefined;
  /** The plan step the agent works for: its policy decides what may be promoted. */
  step: PlanStep | undefined;
  spawnedAt: number;
  ports: Pick<ConductorPorts, 'artifacts' | 'agents' | 'sha256' | 'llm' | 'onStream' | 'http' | 'handoff'>;
  /** The budgets that set its deadline or its max_tokens (named), when a budget did rather than the model. */
  cutBy?: BudgetCuts;
  /** The run's journal so far (AgentWorkContext.journal); none when absent. */
  journal?: readonly string[];
  /** Answers the agent's ctx.bus (bus/agentBus.ts). */
  bus?: AgentHost['bus'];
}

/** Which budget set an agent's deadline and its max_tokens: "the run's wall-time budget of 1,000 ms". */
export interface BudgetCuts {
  wall?: string;
  tokens?: string;
}

type Work = AgentWork;

/**
 * One agent's life, spawn → work → resolve: gathers its inputs, runs its model (a script in a
 * sandbox, or an LLM call through the conductor), checks what it produced against the model's
 * ports and the step's policy (the draft), stores the artifacts and returns the events that
 * promote them, or that hold them for a person when the agent's confidence is low.
 */
export async function runAgentForGap(job: AgentJob): Promise<EventDraft[]> {
  const { spawned, runId, model, ports } = job;
  const { agentId, gapId, stepId, item } = spawned;
  const itemField = item !== undefined ? { item } : {};
  const resolvedBase = (work: Work) => ({
    agentId,
    gapId,
    stepId,
    durationMs: work.durationMs,
    logs: work.logs.slice(-200).map((l) => l.slice(0, 2_000)),
    ...(work.usage ? { usage: work.usage } : {}),
    ...itemField,
  });
  // What the agent asked of the conductor (and, for an extension, that it was used) comes first.
  let head: EventDraft[] = [];
  const fail = (work: Extract<Work, { ok: false }>, extra: EventDraft[] = []): EventDraft[] => [
    ...head,
    ...extra,
    {
      type: 'agent.resolved',
      runId,
      data: {
        ...resolvedBase(work),
        outcome: 'failed',
        reason: work.reason,
        errorClass: work.errorClass,
        ...(work.retryAfterMs !== undefined ? { retryAfterMs: work.retryAfterMs } : {}),
      },
    },
    { type: 'gap.closed', runId, data: { gapId, resolution: 'failed' } },
  ];
  const failNow = (reason: string, errorClass: ErrorClass = 'script-error') =>
    fail({ ok: false, reason, errorClass, logs: [], durationMs: 0 });
  if (!model) return failNow('its model version is missing from the log.');

  const inputs: Record<string, unknown> = {};
  for (const [port, hash] of Object.entries(spawned.inputs)) {
    const record = await ports.artifacts.get(hash);
    if (!record) return failNow(`its input “${port}” is missing from the artifact store.`);
    inputs[port] = artifactValue(record);
  }

  const { kind } = job;
  if (!kind?.work)
    return failNow(
      `its model “${model.name}” is of a kind no enabled extension provides, or one not run by an agent.`,
      'bad-request',
    );
  const mediated = mediatedHost({
    runId,
    agentId,
    stepId,
    kind,
    asker: kind.provided ? kind.provided.extensionName : `${kind.label} models`,
    ports,
    llmModelNamed: job.llmModelNamed,
    ...(job.bus ? { bus: job.bus } : {}),
    ...(spawned.maxTokens !== undefined ? { maxTokens: spawned.maxTokens } : {}),
    deadlineMs: spawned.deadlineMs,
  });
  const done = await kind.work(model, {
    spawned,
    runId,
    inputs,
    spawnedAt: job.spawnedAt,
    ports,
    host: mediated.host,
    journal: job.journal ?? [],
  });
  // What the agent asked the conductor for comes first in its events, and what its LLM calls spent counts as its own.
  const called = mediated.journal();
  const used: EventDraft[] = kind.provided
    ? [
        {
          type: 'extension.used',
          runId,
          data: {
            extensionId: kind.extensionId,
            version: kind.provided.version,
            kind: kind.provided.kind,
            agentId,
            stepId,
          },
        },
      ]
    : [];
  const work: Work = mergeUsage(done, mediated.usage());
  head = [...used, ...called];
  const cutBy = job.cutBy ?? {};
  // Stopped at a deadline a budget set: the budget is the reason (a person may let it run past), not the
  // model's timeout. Only at the deadline: a stream that stalled earlier timed out for its own reason.
  if (
    !work.ok &&
    work.errorClass === 'timeout' &&
    cutBy.wall !== undefined &&
    work.durationMs >= spawned.deadlineMs * 0.95
  ) {
    return fail({
      ...work,
      errorClass: 'budget',
      reason: `Stopped after ${spawned.deadlineMs.toLocaleString('en')} ms: ${cutBy.wall} ran out.`,
    });
  }
  if (!work.ok) return fail(work);
  // A reply cut short at a max_tokens the budget set still succeeds, but says so and which budget.
  if (work.cutAtMaxTokens && cutBy.tokens !== undefined && spawned.maxTokens !== undefined) {
    head.push({
      type: 'policy.violated',
      runId,
      data: {
        stepId,
        rule: 'budget',
        detail: `Its output was cut off at ${spawned.maxTokens.toLocaleString('en')} tokens by ${cutBy.tokens}; it may be incomplete.`,
        agentId,
      },
    });
  }

  for (const [port] of work.emitted) {
    if (!model.outputs.some((p) => p.name === port))
      return fail({
        ...work,
        ok: false,
        errorClass: 'invalid-output',
        reason: `it emitted to “${port}”, which is not an output of ${model.name}. Outputs: ${model.outputs.map((p) => p.name).join(', ')}.`,
      });
  }
  const policy = job.step?.policy ?? {};
  const records: Array<{ port: string; record: ArtifactRecord }> = [];
  for (const port of model.outputs) {
    if (!work.emitted.has(port.name))
      return fail({
        ...work,
        ok: false,
        errorClass: 'invalid-output',
        reason: `it finished without emitting “${port.name}”. Call ctx.emit('${port.name}', value) before returning.`,
      });
    const classified = classifyValue(work.emitted.get(port.name), port.type);
    if (!classified.ok)
      return fail({
        ...work,
        ok: false,
        errorClass: 'invalid-output',
        reason: `output “${port.name}” ${classified.reason}.`,
      });
    if (policy.allowedOutputKinds && !policy.allowedOutputKinds.includes(classified.kind)) {
      const detail = `Output “${port.name}” is ${classified.kind}; the policy allows only ${policy.allowedOutputKinds.join(', ')}.`;
      return fail({ ...work, ok: false, errorClass: 'invalid-output', reason: `it broke a policy. ${detail}` }, [
        { type: 'policy.violated', runId, data: { stepId, rule: 'allowedOutputKinds', detail, agentId } },
      ]);
    }
    const record = await makeArtifact(
      classified.kind,
      classified.body,
      {
        modelId: model.modelId,
        modelVersion: model.version,
        inputHashes: Object.values(spawned.inputs),
        runId,
        stepId,
        agentId,
        createdAt: job.spawnedAt + work.durationMs,
      },
      ports.sha256,
      classified.columns,
    );
    await ports.artifacts.put(record);
    records.push({ port: port.name, record });
  }

  const drafts: EventDraft[] = [...head];
  const confidence = confidenceOf(work.emitted);
  const level = confidenceLevel(policy, confidence);
  if (confidence !== undefined && policy.confidence)
    drafts.push({ type: 'confidence.assessed', runId, data: { stepId, agentId: agentId, value: confidence, level } });
  const resolved: EventDraft = { type: 'agent.resolved', runId, data: { ...resolvedBase(work), outcome: 'succeeded' } };
  if (level === 'low' && item === undefined) {
    // Low confidence: the draft is kept, not promoted, and a person decides; the gap stays open.
    const detail = `Confidence ${confidence} is below the policy's medium threshold of ${policy.confidence?.medium}.`;
    drafts.push({ type: 'policy.violated', runId, data: { stepId, rule: 'confidence', detail, agentId } }, resolved, {
      type: 'person.asked',
      runId,
      data: {
        // The agent's own gap: it stays open until the person decides, and closes with the answer.
        askId: gapId,
        stepId,
        kind: 'confidence',
        question: `${detail} Accept this draft?`,
        subject: Object.fromEntries(records.map((r) => [r.port, refOf(r.record)])),
      },
    });
    return drafts;
  }
  for (const { port, record } of records)
    drafts.push({
      type: 'artifact.produced',
      runId,
      data: { stepId, port, agentId, artifact: refOf(record), ...itemField },
    });
  const stepFacts =
    work.emitted.has('facts') && item === undefined ? parseProposedFacts(work.emitted.get('facts')) : undefined;
  if (stepFacts && !stepFacts.ok)
    return fail({ ...work, ok: false, errorClass: 'invalid-output', reason: stepFacts.reason });
  for (const [i, f] of (stepFacts?.ok ? stepFacts.facts : []).entries()) {
    drafts.push({
      type: 'fact.recorded',
      data: {
        factId: `${agentId}.${i}`,
        fact: f.fact,
        subject: f.subject,
        data: f.data as never,
        by: { kind: 'step', runId, stepId },
        depth: 0,
      },
    });
  }
  drafts.push(resolved, { type: 'gap.closed', runId, data: { gapId, resolution: 'filled' } });
  return drafts;
}

/** The `confidence` field (0–1) of the first JSON object output, if any output has one. */
function confidenceOf(emitted: Map<string, unknown>): number | undefined {
  for (const value of emitted.values()) {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      const c = (value as Record<string, unknown>).confidence;
      if (typeof c === 'number' && Number.isFinite(c)) return c;
    }
  }
  return undefined;
}

/** The agent's own usage (an LLM model's call) plus what its ctx.llm calls spent. */
function mergeUsage(work: Work, extra: Work['usage']): Work {
  if (!extra) return work;
  const own = work.usage;
  return {
    ...work,
    usage: own
      ? {
          promptTokens: own.promptTokens + extra.promptTokens,
          completionTokens: own.completionTokens + extra.completionTokens,
          costUsd: own.costUsd + extra.costUsd,
        }
      : extra,
  };
}
