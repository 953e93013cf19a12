import { isScriptModel } from '../../kinds/script/scriptKind';
import { z } from 'zod';
import type { EventData } from '../../events/eventMap';
import type { ModelDefinition } from '../../models/modelDefinition';
import { factDataSchema, subjectSchema } from '../../intents/intentEvents';
import { factNameSchema } from '../../intents/intentSchema';
import type { Violation } from '../intentEngine/detectors/intentDetector';
import type { AgentRunner } from '../ports';

/** One fact an agent proposes. Its subject defaults to the gap's first subject. */
const proposedFactSchema = z.strictObject({
  fact: factNameSchema,
  subject: subjectSchema.optional(),
  data: factDataSchema.default({}),
});
const proposalSchema = z.array(proposedFactSchema).max(500);
export type ProposedFact = { fact: string; subject: string; data: Record<string, unknown> };

/**
 * Facts a flow step emits on an output port named `facts`: checked like an agent's, recorded as
 * `fact.recorded` by that step. That is how a flow reacts to a fact and intents see it happen.
 */
export function parseProposedFacts(
  value: unknown,
):
  | { ok: true; facts: Array<{ fact: string; subject: string; data: Record<string, unknown> }> }
  | { ok: false; reason: string } {
  const parsed = proposalSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      reason: `its “facts” are not valid: at ${issue?.path.join('.') || '(top level)'}: ${issue?.message ?? 'invalid'}.`,
    };
  }
  return { ok: true, facts: parsed.data.map((f) => ({ fact: f.fact, subject: f.subject ?? '', data: f.data })) };
}

export type AgentWork =
  | { kind: 'draft'; facts: ProposedFact[]; logs: string[]; durationMs: number }
  | { kind: 'needs-person'; reason: string; logs: string[]; durationMs: number }
  | { kind: 'failed'; reason: string; logs: string[]; durationMs: number };

/**
 * An intent agent's work: it runs the intent's model in a sandbox, briefed with the gap and the
 * facts that caused it, and returns a draft (facts it proposes), a call for a person, or its
 * failure. It writes nothing: the promotion gate decides what reaches the log.
 */
export async function runIntentAgent(
  spawned: EventData<'intentAgent.spawned'>,
  model: ModelDefinition | undefined,
  violation: Violation | undefined,
  now: number,
  agents: AgentRunner,
): Promise<AgentWork> {
  if (!model) return { kind: 'failed', reason: 'its model version is missing from the log.', logs: [], durationMs: 0 };
  if (!isScriptModel(model))
    return {
      kind: 'failed',
      reason: `intent agents run script models, and “${model.name}” is a ${model.kind} model.`,
      logs: [],
      durationMs: 0,
    };
  const facts = violation?.facts.map((f) => ({ seq: f.seq, fact: f.fact, subject: f.subject, data: f.data })) ?? [];
  const gap = violation
    ? {
        gapId: spawned.gapId,
        kind: violation.kind,
        intentId: violation.intentId,
        summary: violation.summary,
        scope: violation.scope,
        detail: violation.detail ?? {},
      }
    : { gapId: spawned.gapId, intentId: spawned.intentId };
  const result = await agents.run({
    agentId: spawned.agentId,
    code: model.compiled,
    inputs: { gap, facts },
    outputPorts: model.outputs.map((p) => p.name),
    seed: spawned.seed,
    now,
    deadlineMs: spawned.budget.deadlineMs,
  });
  const logs = result.logs.map((l) => l.slice(0, 2_000)).slice(-200);
  if (!result.ok) return { kind: 'failed', reason: result.reason, logs, durationMs: result.durationMs };
  const person = result.emitted.find((e) => e.port === 'needs_person');
  if (person)
    return {
      kind: 'needs-person',
      reason: String(person.value).slice(0, 1_000) || 'It needs a person.',
      logs,
      durationMs: result.durationMs,
    };
  const emitted = result.emitted.find((e) => e.port === 'facts');
  if (!emitted)
    return {
      kind: 'failed',
      reason: 'it finished without emitting “facts” (an array of {fact, subject?, data}) or “needs_person”.',
      logs,
      durationMs: result.durationMs,
    };
  const parsed = proposalSchema.safeParse(emitted.value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      kind: 'failed',
      reason: `its “facts” are not valid: at ${issue?.path.join('.') || '(top level)'}: ${issue?.message ?? 'invalid'}.`,
      logs,
      durationMs: result.durationMs,
    };
  }
  const defaultSubject = violation?.facts[0]?.subject ?? '';
  return {
    kind: 'draft',
    facts: parsed.data.map((f) => ({ fact: f.fact, subject: f.subject ?? defaultSubject, data: f.data })),
    logs,
    durationMs: result.durationMs,
  };
}
