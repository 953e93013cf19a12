import type { EventDraft } from '../../events/eventMap';
import type { AgentId, GapId } from '../../ids';
import type { AgentWork, ProposedFact } from '../agents/runIntentAgent';
import type { IntentDetector } from './detectors/intentDetector';
import type { OpenGap, Spawned } from './openGap';
import { gateDraft } from './promotionGate';

/** What a promotion round reads: the open gaps, the detector (violations, intents, invariants), ids and the virtual time. */
export interface PromotionContext {
  gaps: ReadonlyMap<GapId, OpenGap>;
  detector: IntentDetector;
  newId(prefix: string): string;
  now: number;
}

/**
 * The promotion gate over a batch of finished intent agents. Each draft is checked against its gap
 * (a draft for a closed gap is stale), the intent's policy and the invariants; drafts that pass and
 * write disjoint facts are composed into one promotion. Returns the events; changes nothing.
 */
export function promotionRound(
  batch: ReadonlyArray<{ spawned: Spawned; work: AgentWork }>,
  ctx: PromotionContext,
): EventDraft[] {
  const { now } = ctx;
  const head: EventDraft[] = [];
  const tail: EventDraft[] = [];
  const accepted: Array<{ spawned: Spawned; facts: ProposedFact[] }> = [];
  const written = new Map<string, AgentId>();
  for (const { spawned, work } of batch) {
    const { agentId, gapId } = spawned.data;
    head.push({
      type: 'intentAgent.worked',
      data: {
        agentId,
        gapId,
        proposed: work.kind === 'draft' ? work.facts.length : 0,
        durationMs: work.durationMs,
        logs: work.logs,
      },
    });
    const gap = ctx.gaps.get(gapId);
    const died: EventDraft = { type: 'intentAgent.died', data: { agentId, gapId, at: now } };
    if (work.kind === 'failed') {
      tail.push(
        { type: 'intentAgent.resolved', data: { agentId, gapId, outcome: 'failed', reason: work.reason } },
        died,
      );
      continue;
    }
    if (work.kind === 'needs-person') {
      // The gap stays open, with the person, until they answer (or the log closes it by itself).
      tail.push(
        { type: 'intentAgent.resolved', data: { agentId, gapId, outcome: 'needs-person', reason: work.reason } },
        {
          type: 'inbox.added',
          data: {
            itemId: ctx.newId('inbox'),
            gapId,
            intentId: spawned.data.intentId,
            source: 'agent',
            reason: work.reason,
          },
        },
        died,
      );
      continue;
    }
    const reject = (cause: 'gate' | 'stale' | 'conflict', reason: string) =>
      tail.push(
        { type: 'draft.rejected', data: { agentId, gapId, cause, reason } },
        {
          type: 'intentAgent.resolved',
          data: { agentId, gapId, outcome: cause === 'stale' ? 'stale' : 'rejected', reason },
        },
        died,
      );
    // Optimistic concurrency: the log may have closed the gap (or met its cause) while it worked.
    if (!gap || !ctx.detector.violation(gap.key)) {
      reject('stale', 'Its gap closed while it worked, so its draft is stale and was discarded.');
      continue;
    }
    const intent = ctx.detector.intent(spawned.data.intentId);
    const refusal = intent ? gateDraft(work.facts, intent, ctx.detector) : 'its intent was removed while it worked.';
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
        why:
          accepted.length > 1
            ? `${accepted.length} drafts passed the gate at once and write disjoint facts, so they were promoted together.`
            : 'Its draft passed the gate: allowed facts, invariants hold, its gap still open.',
      },
    });
    for (const { spawned, facts } of accepted) {
      const { agentId, gapId, depth } = spawned.data;
      for (const f of facts)
        promoted.push({
          type: 'fact.recorded',
          data: {
            factId: ctx.newId('fact'),
            fact: f.fact,
            subject: f.subject,
            data: f.data as never,
            by: { kind: 'agent', agentId, gapId },
            depth: depth + 1,
          },
        });
      tail.push(
        { type: 'intentAgent.resolved', data: { agentId, gapId, outcome: 'promoted' } },
        { type: 'intentAgent.died', data: { agentId, gapId, at: now } },
      );
    }
  }
  return [...head, ...promoted, ...tail];
}
