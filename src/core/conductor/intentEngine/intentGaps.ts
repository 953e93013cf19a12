import { StudioError } from '../../errors/studioError';
import type { EventDraft } from '../../events/eventMap';
import type { StoredEvent } from '../../events/storedEvent';
import type { AgentId, GapId } from '../../ids';
import { breakersOf, type Breakers } from '../../intents/intentSchema';
import { IntentDetector, type Violation } from './detectors/intentDetector';
import type { AgentWork } from '../agents/runIntentAgent';
import type { GapWait, IntentHost, OpenGap, Spawned } from './openGap';
import { decideSpawns } from './intentSpawns';
import { promotionRound } from './intentPromotion';

export type { IntentHost } from './openGap';

/**
 * The intent engine, the intent half of the conductor's one pipeline: detection → decision
 * (breakers, conflicts) → spawn → work → promotion gate. Like the flow engine (GapLoop) it returns
 * its decisions as events and appends nothing: the conductor appends them in its one queue, and
 * what it appends comes back through `observe`, the only place the gaps' state changes. Flows and
 * intents share the same pump and the same concurrency budget. Pure: no timers, no storage.
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
  /**
   * Not from the log: gaps this engine let wait for an overlapping agent, and why. Only the
   * strategy of the gap's next agent reads it ("serialised"); that agent's spawn ends the wait.
   */
  private readonly waits = new Map<GapId, GapWait>();
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
        this.gaps.set(d.gapId, {
          gapId: d.gapId,
          key: d.key,
          intentId: d.intentId,
          depth: d.depth,
          scope: d.scope,
          openedSeq: event.seq,
          agentsSent: 0,
          inFlight: null,
          promoted: false,
          budgetTripped: false,
          withPerson: false,
        });
        this.openByKey.set(d.key, d.gapId);
        return;
      }
      case 'intentAgent.spawned': {
        const d = event.data;
        const gap = this.gaps.get(d.gapId);
        if (gap) {
          gap.agentsSent += 1;
          gap.inFlight = d.agentId;
        }
        this.waits.delete(d.gapId);
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
        this.waits.delete(gap.gapId);
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
    return [...this.inFlight].flatMap(
      ([agentId, { gapId }]) =>
        [
          {
            type: 'intentAgent.resolved',
            data: { agentId, gapId, outcome: 'failed', reason: 'The studio was closed while it worked.' },
          },
          { type: 'intentAgent.died', data: { agentId, gapId, at } },
        ] satisfies EventDraft[],
    );
  }

  /**
   * Why a gap that is no longer violated closed: an agent's facts healed it, its intent was removed
   * (withdrawn: nothing was satisfied), or the log caught up by itself.
   */
  private closedAs(gap: { promoted: boolean; intentId: string }): 'healed' | 'withdrawn' | 'satisfied' {
    if (gap.promoted) return 'healed';
    return this.detector.intent(gap.intentId) ? 'satisfied' : 'withdrawn';
  }

  /**
   * One round of decisions, as events for the conductor to append; [] when nothing is due. Gaps
   * opened and closed come alone, so that the next round's spawn decisions see them folded in;
   * otherwise breakers tripped, gaps withdrawn and agents spawned (the conductor launches the
   * agents of the `intentAgent.spawned` events it appended).
   */
  decide(host: IntentHost): EventDraft[] {
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
          changes.push({
            type: 'intentGap.closed',
            data: { gapId: gap.gapId, resolution: this.closedAs(gap) },
          });
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
          changes.push({
            type: 'intentGap.closed',
            data: { gapId: gap.gapId, resolution: this.closedAs(gap) },
          });
        }
        continue;
      }
      if (gapId || this.escalated.has(key)) continue;
      changes.push(this.openDraft(violation, host, now));
    }
    if (changes.length > 0) return changes;
    const round = decideSpawns({
      gaps: this.gaps.values(),
      detector: this.detector,
      breakers: this.breakers,
      inFlight: this.inFlight,
      waits: this.waits,
      spent: this.spent(now),
      now,
      host,
    });
    for (const [gapId, wait] of round.waits) this.waits.set(gapId, wait);
    return round.drafts;
  }

  private openDraft(v: Violation, host: IntentHost, now: number): EventDraft {
    const gapId = host.newId('gap') as GapId;
    return {
      type: 'intentGap.opened',
      data: {
        gapId,
        kind: v.kind,
        intentId: v.intentId,
        key: v.key,
        summary: v.summary.slice(0, 500),
        causeSeqs: v.causeSeqs,
        depth: v.depth,
        scope: v.scope.slice(0, 200),
        stepIds: v.stepIds,
        at: now,
      },
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

  /**
   * A person's answer to a gap sent to them: `retry` sends agents again, `dismiss` closes the gap
   * as it is. Refused when the item was answered already or its gap closed meanwhile.
   */
  answer(itemId: string, decision: 'retry' | 'dismiss', notes: string | undefined): EventDraft[] {
    const gapId = this.waiting.get(itemId);
    if (gapId === undefined)
      throw new StudioError(
        'not-found',
        'That gap has been answered already, or it closed by itself.',
        'Nothing was changed.',
      );
    const answered: EventDraft = {
      type: 'inbox.answered',
      data: { itemId, gapId, decision, ...(notes !== undefined && notes.trim() !== '' ? { notes } : {}) },
    };
    return decision === 'dismiss'
      ? [answered, { type: 'intentGap.closed', data: { gapId, resolution: 'dismissed' } }]
      : [answered];
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
  promote(host: Pick<IntentHost, 'clockNow' | 'newId'>): EventDraft[] {
    const batch = this.finished;
    this.finished = [];
    if (batch.length === 0) return [];
    return promotionRound(batch, {
      gaps: this.gaps,
      detector: this.detector,
      newId: (prefix) => host.newId(prefix),
      now: this.now(host),
    });
  }
}
