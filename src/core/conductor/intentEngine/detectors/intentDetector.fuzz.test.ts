import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../../../events/storedEvent';
import { parseIntents } from '../../../intents/parseIntents';
import type { IntentsDocument } from '../../../intents/intentSchema';
import { compileCondition } from '../../../cel/condition';
import { IntentDetector } from './intentDetector';

const FACTS = ['a.x', 'b.y', 'c.z'] as const;
const SUBJECTS = ['s1', 's2', 's3'] as const;

const source = JSON.stringify({
  version: 1,
  intents: [
    { id: 'r1', kind: 'reaction', when: { fact: 'a.x', if: 'data.v >= 2' }, expect: { fact: 'b.y' } },
    { id: 'r2', kind: 'reaction', when: { fact: 'b.y' }, expect: { fact: 'c.z', sameSubject: false } },
    { id: 'r3', kind: 'reaction', when: { fact: 'c.z' }, expect: { fact: 'a.x' }, withinMs: 50 },
    { id: 'd1', kind: 'deadline', after: { fact: 'a.x' }, expect: { fact: 'c.z' }, withinMs: 100 },
    { id: 'i1', kind: 'invariant', over: { fact: 'b.y' }, require: 'data.v != 1' },
    { id: 'i2', kind: 'invariant', over: { fact: 'a.x', if: 'data.v > 0' }, require: 'data.v < 3' },
  ],
});
const parsed = parseIntents(source);
if (!parsed.ok) throw new Error('fuzz intents do not parse');
const doc: IntentsDocument = parsed.document;

type Step =
  | { kind: 'fact'; fact: string; subject: string; v: number }
  | { kind: 'tick'; ms: number }
  | { kind: 'settle' }
  | { kind: 'intents' };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('fact' as const),
      fact: fc.constantFrom(...FACTS),
      subject: fc.constantFrom(...SUBJECTS),
      v: fc.integer({ min: 0, max: 3 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('tick' as const), ms: fc.integer({ min: 1, max: 80 }) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'settle' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'intents' as const }) },
);

interface Recorded {
  seq: number;
  at: number;
  fact: string;
  subject: string;
  v: number;
  afterDoc: boolean;
}

/** The slow, obvious answer: judge every intent against the whole log at the end. */
function reference(facts: Recorded[], now: number, settled: boolean): Set<string> {
  const out = new Set<string>();
  const test = (cond: string | undefined, f: Recorded) =>
    cond === undefined ||
    (compileCondition(cond) as { ok: true; test: (s: unknown) => boolean }).test({
      fact: f.fact,
      subject: f.subject,
      data: { v: f.v },
    });
  for (const intent of doc.intents) {
    if (intent.kind === 'reaction' || intent.kind === 'deadline') {
      const when = intent.kind === 'reaction' ? intent.when : intent.after;
      for (const t of facts) {
        if (!t.afterDoc || t.fact !== when.fact || !test(when.if, t)) continue;
        const same = intent.expect.sameSubject ?? true;
        const met = facts.some(
          (f) => f.seq > t.seq && f.fact === intent.expect.fact && (!same || f.subject === t.subject),
        );
        const due = intent.withinMs === undefined ? settled : now >= t.at + intent.withinMs;
        if (!met && due) out.add(`${intent.id}#${t.seq}`);
      }
    }
    if (intent.kind === 'invariant') {
      const latest = new Map<string, Recorded>();
      for (const f of facts) if (f.fact === intent.over.fact) latest.set(f.subject, f);
      for (const f of latest.values()) if (test(intent.over.if, f) && !test(intent.require, f)) out.add(intent.id);
    }
  }
  return out;
}

describe('the incremental detector against a brute-force reference', () => {
  it('finds the same gaps for random event sequences', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 60 }), (steps) => {
        const detector = new IntentDetector();
        const facts: Recorded[] = [];
        let seq = 0;
        let now = 0;
        let hasDoc = false;
        const at = (e: Partial<StoredEvent>) => e as StoredEvent;
        for (const step of steps) {
          if (step.kind === 'intents') {
            if (hasDoc) continue; // one save: re-saving the same document changes nothing
            hasDoc = true;
            detector.observe(at({ seq: seq++, ts: now, type: 'intents.saved', data: { source, document: doc } }), now);
          } else if (step.kind === 'fact') {
            const record: Recorded = {
              seq: seq++,
              at: now,
              fact: step.fact,
              subject: step.subject,
              v: step.v,
              afterDoc: hasDoc,
            };
            facts.push(record);
            detector.observe(
              at({
                seq: record.seq,
                ts: now,
                type: 'fact.recorded',
                data: {
                  factId: `f${record.seq}`,
                  fact: step.fact,
                  subject: step.subject,
                  data: { v: step.v },
                  by: { kind: 'person' },
                  depth: 0,
                },
              }),
              now,
            );
          } else if (step.kind === 'tick') {
            now += step.ms;
            detector.advance(now);
          } else {
            detector.settle();
          }
        }
        // Reactions without a time are judged when the work settles: settle once more, then compare.
        detector.settle();
        expect(new Set(detector.violatedKeys())).toEqual(hasDoc ? reference(facts, now, true) : new Set());
      }),
      { numRuns: 1_000 },
    );
  });
});
