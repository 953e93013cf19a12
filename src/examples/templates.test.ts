import { describe, expect, it } from 'vitest';
import { counterIds } from '../core/ids';
import { foldAllDefinitions } from '../core/project/projectState';
import { compileModel } from '../runtime/compileModel';
import { templateEvents } from './templateEvents';
import type { StoredEvent } from '../core/events/storedEvent';
import { parseStoredEvent } from '../core/log/studioEventCodec';

/** A template's drafts as a log would store them (seq, ts; hashes are not checked here). */
function asLog(template: 'venture' | 'checks'): StoredEvent[] {
  const ids = counterIds();
  const drafts = templateEvents(template, compileModel, (p) => ids.next(p));
  return drafts.map((d, seq) =>
    parseStoredEvent({ v: 1, projectId: 'p', seq, ts: 0, prevHash: '0'.repeat(64), hash: '0'.repeat(64), ...d }),
  );
}

describe('the seed examples', () => {
  it('the nine-stage pipeline: a budget check, nine stages, a risk gate with human review, a run budget', () => {
    const defs = foldAllDefinitions(asLog('venture'));
    const flow = [...defs.flows.values()][0];
    const labels = [...(flow?.steps.values() ?? [])].map((s) => s.label);
    expect(labels).toEqual([
      'Budget check',
      'Normalize',
      'Research',
      'Feasibility',
      'Market & Moat',
      'Risk',
      'Risk gate',
      'Human review',
      'UX',
      'Scaffold',
      'APIs',
      'Export',
    ]);
    const kinds = [...defs.models.values()].map((m) => (m.kind === 'gate' ? `gate:${m.check.type}` : m.kind));
    expect(kinds.filter((k) => k.startsWith('gate'))).toEqual(['gate:budget', 'gate:quality', 'gate:approval']);
    expect(defs.policies?.document.flows['Venture pipeline']?.budget?.run?.tokens).toBe(20_000);
  });

  it('five checks in parallel, aggregated, then an all-pass gate that deploys or blocks and reports', () => {
    const defs = foldAllDefinitions(asLog('checks'));
    const flow = [...defs.flows.values()][0];
    const aggregate = [...(flow?.steps.values() ?? [])].find((s) => s.label === 'Aggregate');
    const into = [...(flow?.edges.values() ?? [])].filter((e) => e.target.stepId === aggregate?.stepId);
    expect(into).toHaveLength(5);
    expect([...defs.models.values()].find((m) => m.name === 'All pass')).toMatchObject({
      kind: 'gate',
      check: { type: 'quality', rule: 'value.all(c, c.passed)' },
    });
  });
});
