import { StudioError } from '../../errors/studioError';
import type { EventData, EventDraft } from '../../events/eventMap';
import type { EventOfType, StoredEvent } from '../../events/storedEvent';
import type { AgentId, GapId } from '../../ids';
import type { ModelDefinition } from '../../models/modelDefinition';
import { breakersOf, type Breakers } from '../../intents/intentSchema';
import { IntentDetector, type Violation } from './detectors/intentDetector';
import type { AgentWork, ProposedFact } from '../agents/runIntentAgent';
import { defaultMayEmit, gateDraft } from './promotionGate';

/** What the conductor lends the intent pipeline: its append (already serialised), time, slots and models. */
export interface IntentHost {
  append(drafts: EventDraft[]): Promise<StoredEvent[]>;
  /** Real time from the Clock port; the pipeline adds the virtual offset. */
  clockNow(): number;
  freeSlots(): number;
  /** No run is going: the work the log started has settled, unless intent agents are still out. */
  runsIdle(): boolean;
  modelNamed(name: string): ModelDefinition | undefined;
  newId(prefix: string): string;
  newSeed(): number;
}

interface OpenGap {
  gapId: GapId;
  key: string;
  intentId: string;
  depth: number;
  scope: string[];
  openedSeq: number;
  agentsSent: number;
  inFlight: AgentId | null;
  lastAgentAt?: number;
  promoted: boolean;
  budgetTripped: boolean;
  /** Sent to a person (a breaker, or an agent that asked for one): no agent goes until they answer. */
  withPerson: boolean;
  waitedFor?: AgentId;
  waitReason?: string;
}

type Spawned = EventOfType<'intentAgent.spawned'>;

/**
 * The intent half of the conductor's one pipeline: detection → decision (breakers, conflicts) →
 * spawn → work → promotion gate → append. Flows' step expectations (GapLoop) share the same pump,
 * the same concurrency budget and the same append queue; this class holds the intent detector
 * and the state folded from the log that the decisions need. Pure: no timers, no storage.
 */
export class IntentGaps {
  readonly detector = new IntentDetector();
  /** Virtual clock offset: the sum of `clock.advanced`. */
  private offset = 0;
  private readonly gaps = new Map<GapId, OpenGap>();
  private readonly openByKey = new Map<string, GapId>();
  /** Keys whose gap a person dismissed (or, in older logs, that went to one): not reopened until the violation clears. */
  private readonly escalated = new Set<string>();
  /** Inbox items a person has yet to answer: item → its gap (open, and with that person). */
  private readonly waiting = new Map<string, GapId>();
  private readonly inFlight = new Map<AgentId, { gapId: GapId; scope: string[] }>();
  private readonly ledger: Array<{ at: number; cost: number }> = [];
  private finished: Array<{ spawned: Spawned; work: AgentWork }> = [];
  /** After a replay, gaps whose cause was met before the studio closed are found once, when settled. */
  private sweepAfterReplay = true;

  get clockOffset(): number {
    return this.offset;
  }

  /** The key of an open gap: what its agent is briefed about. */
  keyOf(gapId: GapId): string | undefined {
    return this.gaps.get(gapId)?.key;
  }

  get agentsInFlight(): number {
    return this.inFlight.size;
  }

  get breakers(): Breakers {
    return breakersOf(this.detector.document);
  }

  now(host: Pick<IntentHost, 'clockNow'>): number {
    return host.clockNow() + this.offset;
  }

  observe(event: StoredEvent): void {
    if (event.type === 'clock.advanced') this.offset = event.data.offsetMs;
    this.detector.observe(event, event.ts + this.offset);
    switch (event.type) {
      case 'intentGap.opened': {
        const d = event.data;
        this.gaps.set(d.gapId, { gapId: d.gapId, key: d.key, intentId: d.intentId, depth: d.depth, scope: d.scope, openedSeq: event.seq, agentsSent: 0, inFlight: null, promoted: false, budgetTripped: false, withPerson: false });
        this.openByKey.set(d.key, d.gapId);
        return;
      }
      case 'intentAgent.spawned': {
        const d = event.data;
        const gap = this.gaps.get(d.gapId);
        if (gap) {
          gap.agentsSent += 1;
          gap.inFlight = d.agentId;
          delete gap.waitedFor;
        }
        this.inFlight.set(d.agentId, { gapId: d.gapId, scope: gap?.scope ?? [] });
        this.ledger.push({ at: d.at, cost: d.budget.cost });
        return;
      }
      case 'intentAgent.resolved': {
        const gap = this.gaps.get(event.data.gapId);
        if (gap && event.data.outcome === 'promoted') gap.promoted = true;
        if (gap && event.data.outcome === 'needs-person') gap.withPerson = true;
        return;
      }
      case 'intentAgent.died': {
        this.inFlight.delete(event.data.agentId);
        const gap = this.gaps.get(event.data.gapId);
        if (gap && gap.inFlight === event.data.agentId) {
          gap.inFlight = null;
          gap.lastAgentAt = event.data.at;
        }
        return;
      }
      case 'breaker.tripped': {
        const gap = this.gaps.get(event.data.gapId);
        if (gap && event.data.breaker === 'budget') gap.budgetTripped = true;
        // Any other breaker sends the gap to a person; the spent budget only makes it wait.
        else if (gap) gap.withPerson = true;
        return;
      }
      case 'inbox.added': {
        const gap = this.gaps.get(event.data.gapId);
        if (gap?.withPerson) this.waiting.set(event.data.itemId, gap.gapId);
        return;
      }
      case 'inbox.answered': {
        this.waiting.delete(event.data.itemId);
        const gap = this.gaps.get(event.data.gapId);
        if (gap && event.data.decision === 'retry') {
          // Agents go again, as many as the breaker allows a new gap, with no cooldown to sit out.
          gap.withPerson = false;
          gap.agentsSent = 0;
          delete gap.lastAgentAt;
        }
        return;
      }
      case 'intentGap.closed': {
        const gap = this.gaps.get(event.data.gapId);
        if (!gap) return;
        this.gaps.delete(gap.gapId);
        this.openByKey.delete(gap.key);
        for (const [itemId, gapId] of this.waiting) if (gapId === gap.gapId) this.waiting.delete(itemId);
        if (event.data.resolution === 'escalated' || event.data.resolution === 'dismissed') this.escalated.add(gap.key);
        return;
      }
      default:
        return;
    }
  }

  /** Agents the log says were working when the studio went away: they died with it. */
  danglingAgents(at: number): EventDraft[] {
    return [...this.inFlight].flatMap(([agentId, { gapId }]) => [
      { type: 'intentAgent.resolved', data: { agentId, gapId, outcome: 'failed', reason: 'The studio was closed while it worked.' } },
      { type: 'intentAgent.died', data: { agentId, gapId, at } },
    ] satisfies EventDraft[]);
  }

  /**
   * One round of decisions. Returns the agents to launch, or null when there was nothing to do.
   * Opening and closing gaps comes first, so spawn decisions see them folded in.
   */
  async step(host: IntentHost): Promise<Spawned[] | null> {
    const now = this.now(host);
    this.detector.advance(now);
    const changes: EventDraft[] = [];
    const closing = new Set<GapId>();
    if (host.runsIdle() && this.inFlight.size === 0) {
      this.detector.settle();
      if (this.sweepAfterReplay) {
        this.sweepAfterReplay = false;
        for (const gap of this.gaps.values()) {
          if (this.detector.violation(gap.key)) continue;
          closing.add(gap.gapId);
          changes.push({ type: 'intentGap.closed', data: { gapId: gap.gapId, resolution: gap.promoted ? 'healed' : 'satisfied' } });
        }
      }
    }
    for (const { key, violation } of this.detector.takeChanges()) {
      const gapId = this.openByKey.get(key);
      if (!violation) {
        this.escalated.delete(key);
        const gap = gapId ? this.gaps.get(gapId) : undefined;
        if (gap && !closing.has(gap.gapId)) {
          closing.add(gap.gapId);
          changes.push({ type: 'intentGap.closed', data: { gapId: gap.gapId, resolution: gap.promoted ? 'healed' : 'satisfied' } });
        }
        continue;
      }
      if (gapId || this.escalated.has(key)) continue;
      changes.push(this.openDraft(violation, host, now));
    }
    if (changes.length > 0) {
      await host.append(changes);
      return [];
    }
    const decisions = this.decideSpawns(host, now);
    if (decisions.length === 0) return null;
    const events = await host.append(decisions);
    return events.filter((e): e is Spawned => e.type === 'intentAgent.spawned');
  }

  private openDraft(v: Violation, host: IntentHost, now: number): EventDraft {
    const gapId = host.newId('gap') as GapId;
    return {
      type: 'intentGap.opened',
      data: { gapId, kind: v.kind, intentId: v.intentId, key: v.key, summary: v.summary.slice(0, 500), causeSeqs: v.causeSeqs, depth: v.depth, scope: v.scope.slice(0, 200), stepIds: v.stepIds, at: now },
    };
  }

  private spent(now: number): number {
    let total = 0;
    for (let i = this.ledger.length - 1; i >= 0; i--) {
      const entry = this.ledger[i] as { at: number; cost: number };
      if (entry.at <= now - 3_600_000) break;
      total += entry.cost;
    }
    return total;
  }

  private overlapping(scope: readonly string[]): AgentId | undefined {
    if (this.inFlight.size === 0) return undefined;
    const mine = new Set(scope);
    for (const [agentId, other] of this.inFlight) if (other.scope.some((s) => mine.has(s))) return agentId;
    return undefined;
  }

  /**
   * A breaker trips: recorded, and told in the inbox. Unless it is the spent budget (the gap then
   * waits for the next hour), the gap goes to a person and stays open until they answer.
   */
  private trip(gap: OpenGap, breaker: EventData<'breaker.tripped'>['breaker'], detail: string, host: IntentHost): EventDraft[] {
    const { gapId, intentId } = gap;
    if (breaker !== 'budget') gap.withPerson = true;
    return [
      { type: 'breaker.tripped', data: { breaker, gapId, intentId, detail } },
      { type: 'inbox.added', data: { itemId: host.newId('inbox'), gapId, intentId, source: 'breaker', reason: detail } },
    ];
  }

  /**
   * A person's answer to a gap sent to them: `retry` sends agents again, `dismiss` closes the gap
   * as it is. Refused when the item was answered already or its gap closed meanwhile.
   */
  answer(itemId: string, decision: 'retry' | 'dismiss', notes: string | undefined): EventDraft[] {
    const gapId = this.waiting.get(itemId);
    if (gapId === undefined) throw new StudioError('not-found', 'That gap has been answered already, or it closed by itself.', 'Nothing was changed.');
    const answered: EventDraft = { type: 'inbox.answered', data: { itemId, gapId, decision, ...(notes !== undefined && notes.trim() !== '' ? { notes } : {}) } };
    return decision === 'dismiss' ? [answered, { type: 'intentGap.closed', data: { gapId, resolution: 'dismissed' } }] : [answered];
  }

  private decideSpawns(host: IntentHost, now: number): EventDraft[] {
    const breakers = this.breakers;
    const out: EventDraft[] = [];
    const candidates = [...this.gaps.values()]
      .filter((g) => g.inFlight === null)
      .sort((a, b) => (this.detector.intent(b.intentId)?.severity ?? 3) - (this.detector.intent(a.intentId)?.severity ?? 3) || a.openedSeq - b.openedSeq);
    let free = host.freeSlots();
    let spent = this.spent(now);
    for (const gap of candidates) {
      const intent = this.detector.intent(gap.intentId);
      if (!intent) {
        out.push({ type: 'intentGap.closed', data: { gapId: gap.gapId, resolution: 'withdrawn' } });
        this.gaps.delete(gap.gapId);
        continue;
      }
      if (gap.withPerson) continue;
      if (gap.depth >= breakers.maxDepth) {
        out.push(...this.trip(gap, 'max-depth', `Resolving gaps led to a gap ${gap.depth} levels deep (limit ${breakers.maxDepth}): the spiral was stopped for a person to review.`, host));
        continue;
      }
      if (gap.agentsSent >= breakers.maxAgentsPerGap) {
        out.push(...this.trip(gap, 'max-agents-per-gap', `${gap.agentsSent} agents did not close this gap (limit ${breakers.maxAgentsPerGap}).`, host));
        continue;
      }
      const model = intent.model !== undefined ? host.modelNamed(intent.model) : undefined;
      if (!model) {
        out.push(...this.trip(gap, 'no-model', intent.model !== undefined ? `No model is called “${intent.model}”, so no agent can close this gap.` : 'This intent names no model to close its gaps.', host));
        continue;
      }
      if (gap.lastAgentAt !== undefined && now < gap.lastAgentAt + breakers.cooldownMs) continue;
      const cost = intent.cost ?? 1;
      if (spent + cost > breakers.budgetPerHour) {
        if (!gap.budgetTripped) {
          gap.budgetTripped = true;
          out.push(...this.trip(gap, 'budget', `The agents' budget for this hour is spent (${spent} of ${breakers.budgetPerHour}); the gap waits.`, host));
        }
        continue;
      }
      if (free <= 0) break;
      const overlap = this.overlapping(gap.scope);
      let strategy: EventData<'intentAgent.spawned'>['strategy'];
      // Racing spends budget twice for one result: only urgent gaps race, and only with budget to spare.
      const shortOfBudget = spent + 2 * cost > breakers.budgetPerHour;
      if (overlap !== undefined) {
        if (intent.urgency !== 'high' || shortOfBudget) {
          gap.waitedFor = overlap;
          gap.waitReason = intent.urgency === 'high' ? 'the budget is too short to race' : 'the intent is not urgent';
          continue;
        }
        strategy = { name: 'optimistic', why: `Its scope overlaps agent ${overlap}'s and the intent is urgent: both work in parallel drafts, and a draft whose gap has closed by then is discarded.` };
      } else if (gap.waitedFor !== undefined) {
        strategy = { name: 'serialised', why: `Its scope overlapped agent ${gap.waitedFor}'s and ${gap.waitReason ?? 'the intent is not urgent'}, so it waited for that agent to finish.` };
      } else {
        strategy = { name: 'alone', why: 'No other agent works on this scope.' };
      }
      const violation = this.detector.violation(gap.key);
      const agentId = host.newId('agent') as AgentId;
      free -= 1;
      spent += cost;
      this.inFlight.set(agentId, { gapId: gap.gapId, scope: gap.scope });
      const mayEmit = intent.mayEmit ?? defaultMayEmit(intent);
      out.push({
        type: 'intentAgent.spawned',
        data: {
          agentId,
          gapId: gap.gapId,
          intentId: intent.id,
          modelId: model.modelId,
          modelVersion: model.version,
          goal: `Close the ${violation?.kind ?? ''} gap of “${intent.id}”: ${violation?.summary ?? ''}`.slice(0, 500),
          contextSeqs: violation?.causeSeqs.slice(0, 500) ?? [],
          budget: { deadlineMs: model.timeoutMs, cost },
          constraints: [`may record only: ${mayEmit.join(', ') || '(nothing)'}`, 'every recorded fact must satisfy the invariants', `depth ${gap.depth + 1} of ${breakers.maxDepth}`],
          strategy,
          seed: host.newSeed(),
          depth: gap.depth,
          at: now,
        },
      });
    }
    return out;
  }

  /** The agent is done working: its result waits for the next promotion round. */
  submit(spawned: Spawned, work: AgentWork): void {
    this.finished.push({ spawned, work });
  }

  /**
   * The promotion gate, over every draft submitted since the last round. Each draft is checked
   * against its gap (a draft for a closed gap is stale), the intent's policy and the invariants;
   * drafts that pass and write disjoint facts are composed into one promotion.
   */
  promote(host: IntentHost): EventDraft[] {
    const batch = this.finished;
    this.finished = [];
    if (batch.length === 0) return [];
    const now = this.now(host);
    const head: EventDraft[] = [];
    const tail: EventDraft[] = [];
    const accepted: Array<{ spawned: Spawned; facts: ProposedFact[] }> = [];
    const written = new Map<string, AgentId>();
    for (const { spawned, work } of batch) {
      const { agentId, gapId } = spawned.data;
      head.push({ type: 'intentAgent.worked', data: { agentId, gapId, proposed: work.kind === 'draft' ? work.facts.length : 0, durationMs: work.durationMs, logs: work.logs } });
      const gap = this.gaps.get(gapId);
      const died: EventDraft = { type: 'intentAgent.died', data: { agentId, gapId, at: now } };
      if (work.kind === 'failed') {
        tail.push({ type: 'intentAgent.resolved', data: { agentId, gapId, outcome: 'failed', reason: work.reason } }, died);
        continue;
      }
      if (work.kind === 'needs-person') {
        tail.push(
          { type: 'intentAgent.resolved', data: { agentId, gapId, outcome: 'needs-person', reason: work.reason } },
          { type: 'inbox.added', data: { itemId: host.newId('inbox'), gapId, intentId: spawned.data.intentId, source: 'agent', reason: work.reason } },
          died,
        );
        // The gap stays open, with the person, until they answer (or the log closes it by itself).
        if (gap) gap.withPerson = true;
        continue;
      }
      const reject = (cause: 'gate' | 'stale' | 'conflict', reason: string) =>
        tail.push({ type: 'draft.rejected', data: { agentId, gapId, cause, reason } }, { type: 'intentAgent.resolved', data: { agentId, gapId, outcome: cause === 'stale' ? 'stale' : 'rejected', reason } }, died);
      // Optimistic concurrency: the log may have closed the gap (or met its cause) while it worked.
      if (!gap || !this.detector.violation(gap.key)) {
        reject('stale', 'Its gap closed while it worked, so its draft is stale and was discarded.');
        continue;
      }
      const intent = this.detector.intent(spawned.data.intentId);
      const refusal = intent ? gateDraft(work.facts, intent, this.detector) : 'its intent was removed while it worked.';
      if (refusal) {
        reject('gate', `The promotion gate refused its draft: ${refusal}`);
        continue;
      }
      const clash = work.facts.map((f) => written.get(`${f.fact}/${f.subject}`)).find((a) => a !== undefined);
      if (clash !== undefined) {
        reject('conflict', `Its draft writes what agent ${clash}'s draft, promoted first, already writes.`);
        continue;
      }
      for (const f of work.facts) written.set(`${f.fact}/${f.subject}`, agentId);
      accepted.push({ spawned, facts: work.facts });
    }
    const promoted: EventDraft[] = [];
    if (accepted.length > 0) {
      promoted.push({
        type: 'draft.promoted',
        data: {
          agentIds: accepted.map((a) => a.spawned.data.agentId),
          gapIds: accepted.map((a) => a.spawned.data.gapId),
          strategy: accepted.length > 1 ? 'composed' : 'alone',
          why: accepted.length > 1 ? `${accepted.length} drafts passed the gate at once and write disjoint facts, so they were promoted together.` : 'Its draft passed the gate: allowed facts, invariants hold, its gap still open.',
        },
      });
      for (const { spawned, facts } of accepted) {
        const { agentId, gapId, depth } = spawned.data;
        for (const f of facts) promoted.push({ type: 'fact.recorded', data: { factId: host.newId('fact'), fact: f.fact, subject: f.subject, data: f.data as never, by: { kind: 'agent', agentId, gapId }, depth: depth + 1 } });
        tail.push({ type: 'intentAgent.resolved', data: { agentId, gapId, outcome: 'promoted' } }, { type: 'intentAgent.died', data: { agentId, gapId, at: now } });
      }
    }
    return [...head, ...promoted, ...tail];
  }
}
