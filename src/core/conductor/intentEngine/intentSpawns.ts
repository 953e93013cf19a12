import type { EventData, EventDraft } from '../../events/eventMap';
import type { AgentId, GapId } from '../../ids';
import type { Breakers } from '../../intents/intentSchema';
import type { IntentDetector } from './detectors/intentDetector';
import type { GapWait, IntentHost, OpenGap } from './openGap';
import { defaultMayEmit } from './promotionGate';

/** What deciding the next intent agents reads: the open gaps as folded, and what this engine remembers. */
export interface SpawnContext {
  gaps: Iterable<OpenGap>;
  detector: IntentDetector;
  breakers: Breakers;
  /** Intent agents at work, with the scope of their gaps. */
  inFlight: ReadonlyMap<AgentId, { scope: readonly string[] }>;
  waits: ReadonlyMap<GapId, GapWait>;
  /** What the agents spent in the hour before `now`. */
  spent: number;
  now: number;
  host: Pick<IntentHost, 'freeSlots' | 'modelNamed' | 'newId' | 'newSeed'>;
}

/** The events of one round (breakers tripped, gaps withdrawn, agents spawned), and gaps that now wait for an overlapping agent. */
export interface SpawnRound {
  drafts: EventDraft[];
  waits: Array<[GapId, GapWait]>;
}

/**
 * A breaker trips: recorded, and told in the inbox. Unless it is the spent budget (the gap then
 * waits for the next hour), the gap goes to a person (as the fold of `breaker.tripped` records) and
 * stays open until they answer.
 */
function trip(
  gap: OpenGap,
  breaker: EventData<'breaker.tripped'>['breaker'],
  detail: string,
  newId: (prefix: string) => string,
): EventDraft[] {
  const { gapId, intentId } = gap;
  return [
    { type: 'breaker.tripped', data: { breaker, gapId, intentId, detail } },
    { type: 'inbox.added', data: { itemId: newId('inbox'), gapId, intentId, source: 'breaker', reason: detail } },
  ];
}

/**
 * Which open gaps get an agent now, most severe first, then oldest: breakers (depth, agents per gap,
 * no model, the hour's budget), cooldowns and free slots decide; a gap whose scope overlaps an
 * agent at work waits for it, unless its intent is urgent and the budget can pay for a race.
 * Reads only: agents decided earlier in the same round count as at work through a local list.
 */
export function decideSpawns(ctx: SpawnContext): SpawnRound {
  const { breakers, detector, host, now } = ctx;
  const drafts: EventDraft[] = [];
  const waits: Array<[GapId, GapWait]> = [];
  const sentNow: Array<{ agentId: AgentId; scope: readonly string[] }> = [];
  const overlapping = (scope: readonly string[]): AgentId | undefined => {
    const mine = new Set(scope);
    for (const [agentId, other] of ctx.inFlight) if (other.scope.some((s) => mine.has(s))) return agentId;
    for (const other of sentNow) if (other.scope.some((s) => mine.has(s))) return other.agentId;
    return undefined;
  };
  const candidates = [...ctx.gaps]
    .filter((g) => g.inFlight === null)
    .sort(
      (a, b) =>
        (detector.intent(b.intentId)?.severity ?? 3) - (detector.intent(a.intentId)?.severity ?? 3) ||
        a.openedSeq - b.openedSeq,
    );
  let free = host.freeSlots();
  let spent = ctx.spent;
  for (const gap of candidates) {
    const intent = detector.intent(gap.intentId);
    if (!intent) {
      drafts.push({ type: 'intentGap.closed', data: { gapId: gap.gapId, resolution: 'withdrawn' } });
      continue;
    }
    if (gap.withPerson) continue;
    if (gap.depth >= breakers.maxDepth) {
      drafts.push(
        ...trip(
          gap,
          'max-depth',
          `Resolving gaps led to a gap ${gap.depth} levels deep (limit ${breakers.maxDepth}): the spiral was stopped for a person to review.`,
          host.newId,
        ),
      );
      continue;
    }
    if (gap.agentsSent >= breakers.maxAgentsPerGap) {
      drafts.push(
        ...trip(
          gap,
          'max-agents-per-gap',
          `${gap.agentsSent} agents did not close this gap (limit ${breakers.maxAgentsPerGap}).`,
          host.newId,
        ),
      );
      continue;
    }
    const model = intent.model !== undefined ? host.modelNamed(intent.model) : undefined;
    if (!model) {
      drafts.push(
        ...trip(
          gap,
          'no-model',
          intent.model !== undefined
            ? `No model is called “${intent.model}”, so no agent can close this gap.`
            : 'This intent names no model to close its gaps.',
          host.newId,
        ),
      );
      continue;
    }
    if (gap.lastAgentAt !== undefined && now < gap.lastAgentAt + breakers.cooldownMs) continue;
    const cost = intent.cost ?? 1;
    if (spent + cost > breakers.budgetPerHour) {
      if (!gap.budgetTripped)
        drafts.push(
          ...trip(
            gap,
            'budget',
            `The agents' budget for this hour is spent (${spent} of ${breakers.budgetPerHour}); the gap waits.`,
            host.newId,
          ),
        );
      continue;
    }
    if (free <= 0) break;
    const overlap = overlapping(gap.scope);
    const waited = ctx.waits.get(gap.gapId);
    let strategy: EventData<'intentAgent.spawned'>['strategy'];
    // Racing spends budget twice for one result: only urgent gaps race, and only with budget to spare.
    const shortOfBudget = spent + 2 * cost > breakers.budgetPerHour;
    if (overlap !== undefined) {
      if (intent.urgency !== 'high' || shortOfBudget) {
        waits.push([
          gap.gapId,
          {
            agentId: overlap,
            reason: intent.urgency === 'high' ? 'the budget is too short to race' : 'the intent is not urgent',
          },
        ]);
        continue;
      }
      strategy = {
        name: 'optimistic',
        why: `Its scope overlaps agent ${overlap}'s and the intent is urgent: both work in parallel drafts, and a draft whose gap has closed by then is discarded.`,
      };
    } else if (waited !== undefined) {
      strategy = {
        name: 'serialised',
        why: `Its scope overlapped agent ${waited.agentId}'s and ${waited.reason}, so it waited for that agent to finish.`,
      };
    } else {
      strategy = { name: 'alone', why: 'No other agent works on this scope.' };
    }
    const violation = detector.violation(gap.key);
    const agentId = host.newId('agent') as AgentId;
    free -= 1;
    spent += cost;
    sentNow.push({ agentId, scope: gap.scope });
    const mayEmit = intent.mayEmit ?? defaultMayEmit(intent);
    drafts.push({
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
        constraints: [
          `may record only: ${mayEmit.join(', ') || '(nothing)'}`,
          'every recorded fact must satisfy the invariants',
          `depth ${gap.depth + 1} of ${breakers.maxDepth}`,
        ],
        strategy,
        seed: host.newSeed(),
        depth: gap.depth,
        at: now,
      },
    });
  }
  return { drafts, waits };
}
