import { StudioError } from '../../errors/studioError';
import { compileCondition } from '../../cel/condition';
import { DEFAULT_TIMEOUT_MS } from '../modelFields';
import type { KindModule, RouteVerdict } from '../kindModule';
import { documentSchemaOf } from '../documentSchema';
import {
  approvalCheckSchema,
  budgetCheckSchema,
  gateModelSchema,
  qualityCheckSchema,
  type GateModel,
} from './gateSchema';
import { APPROVAL_TEMPLATE, BUDGET_TEMPLATE, QUALITY_TEMPLATE } from './gateTemplates';

const say = (n: number, unit: 'tokens' | '$') =>
  n === Infinity ? 'no limit' : unit === '$' ? `$${n.toFixed(4)}` : `${Math.floor(n)} tokens`;

/**
 * Gates: a quality gate checks a CEL rule and a budget gate what the run has left, both decided
 * by the conductor; an approval gate asks a person. The first output is pass; the second, if
 * there is one, is where a failure goes (without it, a failure stops that path).
 */
export const gateKind: KindModule<GateModel> = {
  key: 'gate',
  extensionId: 'built-in.gate',
  label: 'Gate',
  schema: gateModelSchema,
  editor: 'definition',
  role: (model) => (model.check.type === 'approval' ? 'ask' : 'route'),
  route(model, value, room): RouteVerdict {
    const [pass, stop] = model.outputs.map((p) => p.name);
    const verdict = (ok: boolean, why: string): RouteVerdict => ({
      taken: ok ? (pass ?? null) : (stop ?? null),
      detail: ok ? `Passed: ${why}` : `${stop ? 'Did not pass' : 'Stopped'}: ${why}`,
    });
    if (model.check.type === 'quality') {
      const rule = compileCondition(model.check.rule);
      if (!rule.ok) return { failed: `Its rule ${rule.message}` };
      const ok = rule.test({ value } as never);
      return verdict(ok, `${model.check.rule} ${ok ? 'holds' : 'does not hold'}.`);
    }
    if (model.check.type === 'budget') {
      const needTokens = model.check.reserve.tokens ?? 0;
      const needCost = model.check.reserve.costUsd ?? 0;
      const leftTokens = room?.tokens ?? Infinity;
      const leftCost = room?.costUsd ?? Infinity;
      const ok = leftTokens >= needTokens && leftCost >= needCost;
      return verdict(
        ok,
        `the run has ${say(leftTokens, 'tokens')} and ${say(leftCost, '$')} left; the rest needs ${needTokens} tokens and $${needCost.toFixed(4)}.`,
      );
    }
    return { failed: 'An approval gate asks a person; it does not route by itself.' };
  },
  ask(model, label) {
    if (model.check.type !== 'approval') return { kind: 'approval', question: `${label}: approve this?` };
    return {
      kind: 'approval',
      question: `${label}: ${model.check.question}`,
      ...(model.check.answerWithinMs !== undefined
        ? { answerWithinMs: model.check.answerWithinMs, onTimeout: model.check.onTimeout }
        : {}),
    };
  },
  check(model) {
    // One name for how long a person has: check.answerWithinMs. A gate's timeoutMs never applied to
    // the person, so a document that sets it (the old template did) is told where the value belongs.
    if (
      model.check.type === 'approval' &&
      model.check.answerWithinMs === undefined &&
      model.timeoutMs !== DEFAULT_TIMEOUT_MS
    ) {
      throw new StudioError(
        'invalid-command',
        `An approval gate waits for “check.answerWithinMs”, not “timeoutMs”: ${model.timeoutMs} ms would not limit the person’s time.`,
        `Move it into the check: "check": { …, "answerWithinMs": ${model.timeoutMs} }, and remove "timeoutMs". Nothing was saved.`,
      );
    }
  },
  badge: (model) => `${model.check.type} gate`,
  templates: [
    {
      key: 'gate-quality',
      label: 'Gate — quality',
      hint: 'Passes its input when a rule holds',
      text: () => QUALITY_TEMPLATE,
      document: documentSchemaOf(gateModelSchema, { check: qualityCheckSchema }),
    },
    {
      key: 'gate-approval',
      label: 'Gate — approval',
      hint: 'A person approves or rejects, with notes',
      text: () => APPROVAL_TEMPLATE,
      document: documentSchemaOf(gateModelSchema, { check: approvalCheckSchema }),
    },
    {
      key: 'gate-budget',
      label: 'Gate — budget',
      hint: 'Passes only if the run has budget left',
      text: () => BUDGET_TEMPLATE,
      document: documentSchemaOf(gateModelSchema, { check: budgetCheckSchema }),
    },
  ],
  templateOf: (model) => `gate-${model.check.type}`,
  docs: {
    check: 'What the gate checks: quality (a CEL rule), approval (a person) or budget (what the run has left).',
    rule: 'A CEL condition over `value` (the input artifact); the gate passes when it holds.',
    question: 'What the person approving is asked.',
    answerWithinMs: 'Approval: how long the person has to answer, in ms; leave it out to wait for as long as it takes.',
    onTimeout: 'Approval: what happens when nobody answers within check.answerWithinMs: reject, approve or fail.',
    reserve: 'What the rest of the run needs; the gate passes only if the run’s budget has this much left.',
    tokens: 'Tokens.',
    costUsd: 'US dollars.',
  },
};
