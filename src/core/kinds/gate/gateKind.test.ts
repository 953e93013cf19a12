import { describe, expect, it } from 'vitest';
import { parseJsoncWith } from '../../errors/jsoncDocument';
import { gateModelSchema } from './gateSchema';
import { gateKind } from './gateKind';
import { APPROVAL_TEMPLATE } from './gateTemplates';

const parse = (definition: object) => gateModelSchema.parse({ modelId: 'm_gate', version: 1, ...definition });

describe('the approval gate has one name for how long a person has', () => {
  it('the template sets check.answerWithinMs, and the ask carries it as the deadline', () => {
    const template = gateKind.templates.find((t) => t.key === 'gate-approval');
    if (!template) throw new Error('no approval template');
    const parsed = parseJsoncWith(APPROVAL_TEMPLATE, template.document);
    expect(parsed.ok).toBe(true);
    const model = parse(parsed.ok ? (parsed.value as object) : {});
    expect(() => gateKind.check?.(model, {} as never)).not.toThrow();
    expect(gateKind.ask?.(model, 'Review')).toMatchObject({
      kind: 'approval',
      answerWithinMs: 3_600_000,
      onTimeout: 'reject',
    });
  });

  it('a gate that sets timeoutMs instead is refused with where the value belongs', () => {
    const model = parse({
      kind: 'gate',
      name: 'Old',
      inputs: [],
      outputs: [{ name: 'approved', type: 'any' }],
      check: { type: 'approval' },
      timeoutMs: 3_600_000,
    });
    expect(() => gateKind.check?.(model, {} as never)).toThrow(/waits for “check.answerWithinMs”, not “timeoutMs”/);
  });
});
