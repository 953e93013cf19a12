import type { StepId } from '../../../ids';
import type { Condition } from '../../../cel/condition';
import type { GapKind } from '../../../intents/intentEvents';
import type { Intent } from '../../../intents/intentSchema';
import { describeDuration } from '../../../text/describeDuration';

/** A fact as the detector keeps it: enough to judge intents and to brief an agent. */
export interface FactRecord {
  seq: number;
  factId: string;
  fact: string;
  subject: string;
  data: Record<string, unknown>;
  depth: number;
  stepId?: StepId;
}

/** What is wrong right now under one gap key. The conductor opens a gap for it, once. */
export interface Violation {
  key: string;
  kind: GapKind;
  intentId: string;
  summary: string;
  causeSeqs: number[];
  depth: number;
  /** `fact/subject` pairs an agent may write to close it (the conflict scope). */
  scope: string[];
  stepIds: StepId[];
  /** The facts an agent is briefed with. */
  facts: FactRecord[];
  /** Extra numbers for the agent (a metric, a true count). */
  detail?: Record<string, number>;
}

/** A change of state under a key: violated now, or (violation undefined) satisfied now. */
export interface Change {
  key: string;
  violation: Violation | undefined;
}

export interface Watch {
  intent: Extract<Intent, { kind: 'reaction' | 'deadline' }>;
  trigger: Condition | null;
}
export interface Pending {
  key: string;
  watch: Watch;
  trigger: FactRecord;
  expectKey: string;
}
/**
 * A reaction or deadline gap, derived lazily from its pending expectation. A busy log opens
 * (and meets) far more of these than anyone reads, so the summary and lists are built only
 * when asked for: it keeps the detector's allocation, and so the collector, off the hot path.
 */
export class ReactionViolation implements Violation {
  constructor(private readonly p: Pending) {}
  get key(): string {
    return this.p.key;
  }
  get kind(): GapKind {
    return this.p.watch.intent.kind === 'deadline' ? 'temporal' : 'reaction';
  }
  get intentId(): string {
    return this.p.watch.intent.id;
  }
  get summary(): string {
    const { intent } = this.p.watch;
    const t = this.p.trigger;
    const when = intent.withinMs !== undefined ? ` within ${describeDuration(intent.withinMs)}` : '';
    return `${t.fact}${t.subject ? ` for ${t.subject}` : ''} (#${t.seq}) expected ${intent.expect.fact}${when}; none followed`;
  }
  get causeSeqs(): number[] {
    return [this.p.trigger.seq];
  }
  get depth(): number {
    return this.p.trigger.depth;
  }
  get scope(): string[] {
    const { intent } = this.p.watch;
    return [`${intent.expect.fact}/${(intent.expect.sameSubject ?? true) ? this.p.trigger.subject : '*'}`];
  }
  get stepIds(): StepId[] {
    return this.p.trigger.stepId ? [this.p.trigger.stepId] : [];
  }
  get facts(): FactRecord[] {
    return [this.p.trigger];
  }
}
