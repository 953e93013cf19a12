import type { StoredEvent } from '../../../events/storedEvent';
import { compileCondition, type Condition, type FactScope } from '../../../cel/condition';
import type {
  ConsistencyIntent,
  Intent,
  IntentsDocument,
  InvariantIntent,
  QualityIntent,
} from '../../../intents/intentSchema';
import { MinHeap } from './minHeap';

import {
  ReactionViolation,
  type Change,
  type FactRecord,
  type Pending,
  type Violation,
  type Watch,
} from './violations';

export type { Change, FactRecord, Violation } from './violations';

interface Rule {
  intent: InvariantIntent;
  applies: Condition | null;
  require: Condition;
}

const scopeOf = (r: FactRecord): FactScope => ({ fact: r.fact, subject: r.subject, data: r.data });
const expectKeyOf = (fact: string, subject: string | null): string => `${fact}\u0000${subject ?? '*'}`;
const compiled = (source: string | undefined): Condition | null => {
  if (source === undefined) return null;
  const c = compileCondition(source);
  // The document was checked on save; a condition that no longer compiles matches nothing.
  return c.ok ? c.test : () => false;
};

/**
 * Detects the five kinds of gap incrementally. Intents are indexed by the fact kinds that can
 * open or close them, so an event costs the intents listening to its kind, not the log's length:
 * - reaction / deadline: a trigger fact registers a pending expectation, indexed by the fact
 *   (and subject) that would meet it; it is judged when the work has settled, or when its time is
 *   due on the virtual clock;
 * - invariant: the latest fact per subject is checked on arrival; a new or changed invariant
 *   rescans the latest facts of its kind once (the backfill), and its violations form one gap;
 * - quality: a metric over the last steps, updated on each finished step;
 * - consistency: a projection's published count against the facts it counts, judged at settle.
 */
export class IntentDetector {
  private doc: IntentsDocument | null = null;
  private readonly intents = new Map<string, Intent>();
  private readonly intentText = new Map<string, string>();
  private watchesByFact = new Map<string, Watch[]>();
  private rulesByFact = new Map<string, Rule[]>();
  private consistencyByFact = new Map<string, ConsistencyIntent[]>();
  private quality: QualityIntent[] = [];

  /** Latest fact per kind and subject (invariants), and the latest of each kind (projections). */
  private readonly latest = new Map<string, Map<string, FactRecord>>();
  private readonly lastOfKind = new Map<string, FactRecord>();
  private readonly counts = new Map<string, number>();

  private readonly pending = new Map<string, Pending>();
  /** expectation key → the pending reactions it would meet (entries may be stale: check `pending`). */
  private readonly waiting = new Map<string, Pending[]>();
  private settleQueue: Pending[] = [];
  private readonly timers = new MinHeap<{ at: number; key: string }>();
  private readonly dirtyConsistency = new Set<string>();
  /** intentId → subjects whose latest fact breaks it. */
  private readonly broken = new Map<string, Map<string, FactRecord>>();

  private readonly latencies: number[] = [];
  private readonly failures: boolean[] = [];

  private readonly violations = new Map<string, Violation>();
  private readonly changed = new Set<string>();

  get document(): IntentsDocument | null {
    return this.doc;
  }

  intent(id: string): Intent | undefined {
    return this.intents.get(id);
  }

  violation(key: string): Violation | undefined {
    return this.violations.get(key);
  }

  /** Every key that is violated now. */
  violatedKeys(): string[] {
    return [...this.violations.keys()];
  }

  /** Folds one event in; `now` is the virtual time it counts as happening at. */
  observe(event: StoredEvent, now: number): void {
    switch (event.type) {
      case 'intents.saved':
        return this.setDocument(event.data.document);
      case 'fact.recorded': {
        const d = event.data;
        const record: FactRecord = {
          seq: event.seq,
          factId: d.factId,
          fact: d.fact,
          subject: d.subject,
          data: d.data,
          depth: d.depth,
        };
        if (d.by.kind === 'step') record.stepId = d.by.stepId;
        return this.fact(record, now);
      }
      case 'agent.resolved':
        return this.stepFinished(event.data.durationMs, event.data.outcome === 'failed');
      default:
        return;
    }
  }

  /** Deadlines due by `now` (virtual) are judged. */
  advance(now: number): void {
    for (let top = this.timers.peek(); top && top.at <= now; top = this.timers.peek()) {
      this.timers.pop();
      const p = this.pending.get(top.key);
      if (p) this.violate(this.reactionViolation(p));
    }
  }

  /** The work the log started has settled: reactions and projections are judged now. */
  settle(): void {
    for (const p of this.settleQueue) if (this.pending.get(p.key) === p) this.violate(this.reactionViolation(p));
    this.settleQueue = [];
    for (const id of this.dirtyConsistency) {
      const intent = this.intents.get(id);
      if (intent?.kind === 'consistency') this.judgeConsistency(intent);
    }
    this.dirtyConsistency.clear();
  }

  /** Whether anything waits for the work to settle. */
  get waitingForSettle(): boolean {
    return this.settleQueue.length > 0 || this.dirtyConsistency.size > 0;
  }

  /** The keys whose state changed since the last call, each with its current violation. */
  takeChanges(): Change[] {
    const out: Change[] = [];
    for (const key of this.changed) out.push({ key, violation: this.violations.get(key) });
    this.changed.clear();
    return out;
  }

  /** Invariants a proposed fact would break: what the promotion gate checks a draft against. */
  invariantsBrokenBy(fact: string, subject: string, data: Record<string, unknown>): InvariantIntent[] {
    const scope = { fact, subject, data };
    return (this.rulesByFact.get(fact) ?? [])
      .filter((r) => (r.applies === null || r.applies(scope)) && !r.require(scope))
      .map((r) => r.intent);
  }

  private fact(record: FactRecord, now: number): void {
    // A fact first meets what waited for it, then may start new waits: it never meets itself.
    this.meet(expectKeyOf(record.fact, record.subject));
    this.meet(expectKeyOf(record.fact, null));

    let bySubject = this.latest.get(record.fact);
    if (!bySubject) this.latest.set(record.fact, (bySubject = new Map<string, FactRecord>()));
    bySubject.set(record.subject, record);
    this.lastOfKind.set(record.fact, record);
    this.counts.set(record.fact, (this.counts.get(record.fact) ?? 0) + 1);

    const scope = scopeOf(record);
    for (const watch of this.watchesByFact.get(record.fact) ?? []) {
      if (watch.trigger && !watch.trigger(scope)) continue;
      const { intent } = watch;
      const key = `${intent.id}#${record.seq}`;
      const sameSubject = intent.expect.sameSubject ?? true;
      const expectKey = expectKeyOf(intent.expect.fact, sameSubject ? record.subject : null);
      const p: Pending = { key, watch, trigger: record, expectKey };
      this.pending.set(key, p);
      const list = this.waiting.get(expectKey);
      if (list) list.push(p);
      else this.waiting.set(expectKey, [p]);
      if (intent.withinMs !== undefined) this.timers.push({ at: now + intent.withinMs, key });
      else this.settleQueue.push(p);
    }
    for (const rule of this.rulesByFact.get(record.fact) ?? []) this.judgeRule(rule, record, scope);
    for (const intent of this.consistencyByFact.get(record.fact) ?? []) this.dirtyConsistency.add(intent.id);
  }

  private meet(expectKey: string): void {
    const list = this.waiting.get(expectKey);
    if (!list) return;
    this.waiting.delete(expectKey);
    // Met pendings leave `pending`; the settle queue skips them by identity.
    for (const p of list) {
      if (this.pending.get(p.key) !== p) continue;
      this.pending.delete(p.key);
      this.satisfy(p.key);
    }
  }

  private reactionViolation(p: Pending): Violation {
    return new ReactionViolation(p);
  }

  private judgeRule(rule: Rule, record: FactRecord, scope: FactScope = scopeOf(record)): void {
    const id = rule.intent.id;
    let broken = this.broken.get(id);
    if (!broken) this.broken.set(id, (broken = new Map<string, FactRecord>()));
    const breaks = (rule.applies === null || rule.applies(scope)) && !rule.require(scope);
    const had = broken.size;
    if (breaks) broken.set(record.subject, record);
    else broken.delete(record.subject);
    if (broken.size === 0) {
      if (had > 0) this.satisfy(id);
      return;
    }
    if (breaks || had !== broken.size) this.violateRule(rule.intent, broken);
  }

  private violateRule(intent: InvariantIntent, broken: Map<string, FactRecord>): void {
    const facts = [...broken.values()].sort((a, b) => a.seq - b.seq);
    const batch = facts.slice(0, 100);
    const stepIds = [...new Set(batch.flatMap((f) => (f.stepId ? [f.stepId] : [])))].slice(0, 50);
    const v: Violation = {
      key: intent.id,
      kind: 'intent',
      intentId: intent.id,
      summary: `${facts.length} ${intent.over.fact} ${facts.length === 1 ? 'fact breaks' : 'facts break'} “${intent.require}”`,
      causeSeqs: batch.map((f) => f.seq).slice(0, 200),
      depth: Math.max(...batch.map((f) => f.depth)),
      scope: batch.map((f) => `${f.fact}/${f.subject}`),
      stepIds,
      facts: batch,
    };
    // The gap stays the same while its batch changes: only the first break is a change of state.
    const known = this.violations.has(intent.id);
    this.violations.set(intent.id, v);
    if (!known) this.changed.add(intent.id);
  }

  private stepFinished(durationMs: number, failed: boolean): void {
    this.latencies.push(durationMs);
    this.failures.push(failed);
    if (this.latencies.length > 1_000) {
      this.latencies.shift();
      this.failures.shift();
    }
    for (const intent of this.quality) this.judgeQuality(intent);
  }

  private metric(intent: QualityIntent): number | undefined {
    const n = Math.min(intent.window ?? 20, this.latencies.length);
    if (n === 0) return undefined;
    if (intent.metric === 'step-failure-rate') return this.failures.slice(-n).filter(Boolean).length / n;
    const sorted = this.latencies.slice(-n).sort((a, b) => a - b);
    return sorted[Math.min(n - 1, Math.ceil(0.95 * n) - 1)];
  }

  private judgeQuality(intent: QualityIntent): void {
    const value = this.metric(intent);
    if (value === undefined) return;
    const { max, min } = intent.target;
    const misses = (max !== undefined && value > max) || (min !== undefined && value < min);
    if (!misses) return this.satisfy(intent.id);
    const bound = max !== undefined && value > max ? `≤ ${max}` : `≥ ${String(min)}`;
    const had = this.violations.has(intent.id);
    this.violations.set(intent.id, {
      key: intent.id,
      kind: 'quality',
      intentId: intent.id,
      summary: `${intent.metric} is ${Math.round(value * 1000) / 1000}; target ${bound}`,
      causeSeqs: [],
      depth: 0,
      scope: [`quality/${intent.id}`],
      stepIds: [],
      facts: [],
      detail: { value },
    });
    if (!had) this.changed.add(intent.id);
  }

  private judgeConsistency(intent: ConsistencyIntent): void {
    const field = intent.projection.field ?? 'count';
    const projected = this.lastOfKind.get(intent.projection.fact);
    const actual = this.counts.get(intent.counts.fact) ?? 0;
    const shown = projected ? projected.data[field] : 0;
    if (shown === actual) return this.satisfy(intent.id);
    const had = this.violations.has(intent.id);
    this.violations.set(intent.id, {
      key: intent.id,
      kind: 'consistency',
      intentId: intent.id,
      summary: `${intent.projection.fact} shows ${JSON.stringify(shown ?? null)} ${field}; the log holds ${actual} ${intent.counts.fact}`,
      causeSeqs: projected ? [projected.seq] : [],
      depth: projected?.depth ?? 0,
      scope: [`${intent.projection.fact}/${projected?.subject ?? ''}`],
      stepIds: projected?.stepId ? [projected.stepId] : [],
      facts: projected ? [projected] : [],
      detail: { actual },
    });
    if (!had) this.changed.add(intent.id);
  }

  private violate(v: Violation): void {
    const had = this.violations.has(v.key);
    this.violations.set(v.key, v);
    if (!had) this.changed.add(v.key);
  }

  private satisfy(key: string): void {
    if (this.violations.delete(key)) this.changed.add(key);
  }

  /** A new document: indexes rebuilt; what changed is withdrawn or judged again (the backfill). */
  private setDocument(doc: IntentsDocument): void {
    const before = new Map(this.intentText);
    this.doc = doc;
    this.intents.clear();
    this.intentText.clear();
    this.watchesByFact = new Map();
    this.rulesByFact = new Map();
    this.consistencyByFact = new Map();
    this.quality = [];
    const push = <T>(map: Map<string, T[]>, key: string, value: T) => {
      const list = map.get(key);
      if (list) list.push(value);
      else map.set(key, [value]);
    };
    for (const intent of doc.intents) {
      this.intents.set(intent.id, intent);
      this.intentText.set(intent.id, JSON.stringify(intent));
      switch (intent.kind) {
        case 'reaction':
          push(this.watchesByFact, intent.when.fact, { intent, trigger: compiled(intent.when.if) });
          break;
        case 'deadline':
          push(this.watchesByFact, intent.after.fact, { intent, trigger: compiled(intent.after.if) });
          break;
        case 'invariant':
          push(this.rulesByFact, intent.over.fact, {
            intent,
            applies: compiled(intent.over.if),
            require: compiled(intent.require) ?? (() => true),
          });
          break;
        case 'consistency':
          push(this.consistencyByFact, intent.projection.fact, intent);
          if (intent.counts.fact !== intent.projection.fact) push(this.consistencyByFact, intent.counts.fact, intent);
          break;
        case 'quality':
          this.quality.push(intent);
          break;
      }
    }
    const unchanged = (id: string) => before.get(id) !== undefined && before.get(id) === this.intentText.get(id);
    // Expectations of intents that changed or went are withdrawn; unchanged ones keep waiting.
    for (const [key, p] of this.pending) {
      if (unchanged(p.watch.intent.id)) {
        const current = this.intents.get(p.watch.intent.id);
        if (current?.kind === 'reaction' || current?.kind === 'deadline') p.watch = { ...p.watch, intent: current };
        continue;
      }
      this.pending.delete(key);
      this.satisfy(key);
    }
    // Whole-state intents are judged again from the facts kept: that is how a new invariant backfills.
    for (const key of [...this.violations.keys()]) {
      const v = this.violations.get(key) as Violation;
      if ((v.kind === 'intent' || v.kind === 'quality' || v.kind === 'consistency') && !unchanged(v.intentId))
        this.satisfy(key);
    }
    for (const [id] of this.broken) if (!unchanged(id)) this.broken.delete(id);
    for (const rules of this.rulesByFact.values()) {
      for (const rule of rules) {
        if (unchanged(rule.intent.id)) continue;
        for (const record of this.latest.get(rule.intent.over.fact)?.values() ?? []) this.judgeRule(rule, record);
      }
    }
    for (const intent of this.quality) if (!unchanged(intent.id)) this.judgeQuality(intent);
    for (const list of this.consistencyByFact.values())
      for (const intent of list) if (!unchanged(intent.id)) this.dirtyConsistency.add(intent.id);
  }
}
