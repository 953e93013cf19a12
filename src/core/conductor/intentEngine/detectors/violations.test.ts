import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../../../events/storedEvent';
import { parseIntents } from '../../../intents/parseIntents';
import { IntentDetector } from './intentDetector';

const at = (e: Partial<StoredEvent>) => e as StoredEvent;

describe('a violation in words', () => {
  it('says a reaction’s time in hours, not as a count of milliseconds', () => {
    const source = JSON.stringify({
      version: 1,
      intents: [
        {
          id: 'answer',
          kind: 'reaction',
          when: { fact: 'ticket.opened' },
          expect: { fact: 'ticket.answered' },
          withinMs: 172_800_000,
        },
      ],
    });
    const parsed = parseIntents(source);
    if (!parsed.ok) throw new Error('the intents do not parse');
    const detector = new IntentDetector();
    detector.observe(at({ seq: 0, ts: 0, type: 'intents.saved', data: { source, document: parsed.document } }), 0);
    const data = { factId: 'f1', fact: 'ticket.opened', subject: 'acme', data: {}, by: { kind: 'person' }, depth: 0 };
    detector.observe(at({ seq: 1, ts: 0, type: 'fact.recorded', data } as never), 0);
    detector.advance(172_800_001);
    const [key] = detector.violatedKeys();
    expect(detector.violation(key ?? '')?.summary).toBe(
      'ticket.opened for acme (#1) expected ticket.answered within 48 h; none followed',
    );
  });
});
