import { describe, expect, it } from 'vitest';
import { policiesDocumentSchema, mergePolicies } from './policy';

describe('a flow trigger in the policies document', () => {
  it('takes a cron schedule and a webhook slug, and leaves them out of the merged step policy', () => {
    const doc = policiesDocumentSchema.parse({
      flows: { Nightly: { maxTokens: 10, trigger: { cron: '*/2 * * * * *', webhook: 'nightly-report' } } },
    });
    expect(doc.flows['Nightly']?.trigger).toEqual({ cron: '*/2 * * * * *', webhook: 'nightly-report' });
    expect(mergePolicies(doc.project, doc.flows['Nightly'])).toEqual({ maxTokens: 10 });
  });

  it('refuses a cron expression that does not parse, with a sentence naming it', () => {
    const parsed = policiesDocumentSchema.safeParse({ flows: { Nightly: { trigger: { cron: '61 * * * *' } } } });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toMatch(/the cron expression "61 \* \* \* \*" does not parse/);
    expect(parsed.error?.issues[0]?.path).toEqual(['flows', 'Nightly', 'trigger', 'cron']);
  });

  it('refuses a webhook path that is not a slug', () => {
    const parsed = policiesDocumentSchema.safeParse({ flows: { Nightly: { trigger: { webhook: 'Not/A slug' } } } });
    expect(parsed.error?.issues[0]?.message).toMatch(/must be a slug/);
  });
});
