import type { Intent } from '../../intents/intentSchema';
import type { IntentDetector } from './detectors/intentDetector';
import type { ProposedFact } from '../agents/runIntentAgent';

/** The facts an intent's agents may record when the intent names none: what closes its gap. */
export const defaultMayEmit = (intent: Intent): string[] => {
  switch (intent.kind) {
    case 'reaction':
    case 'deadline':
      return [intent.expect.fact];
    case 'invariant':
      return [intent.over.fact];
    case 'consistency':
      return [intent.projection.fact];
    case 'quality':
      return [];
  }
};

/**
 * The promotion gate: why an agent's draft may not be appended, or undefined when it may. A draft
 * must propose facts its intent allows and break no invariant.
 */
export function gateDraft(
  facts: readonly ProposedFact[],
  intent: Intent,
  detector: Pick<IntentDetector, 'invariantsBrokenBy'>,
): string | undefined {
  if (facts.length === 0) return 'it proposed no facts, so its gap would stay open.';
  const allowed = new Set(intent.mayEmit ?? defaultMayEmit(intent));
  for (const f of facts) {
    if (!allowed.has(f.fact))
      return `the intent “${intent.id}” lets its agents record only ${[...allowed].join(', ') || 'nothing'}, not ${f.fact}.`;
    const broken = detector.invariantsBrokenBy(f.fact, f.subject, f.data);
    if (broken.length > 0) {
      const first = broken[0];
      return `its ${f.fact}${f.subject ? ` for ${f.subject}` : ''} would break the invariant “${first?.id ?? ''}” (${first?.kind === 'invariant' ? first.require : ''}).`;
    }
  }
  return undefined;
}
