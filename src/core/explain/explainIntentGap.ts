import type { StoredEvent } from '../events/storedEvent';
import { quote, sayMs, type ChainBuilder } from './explanation';
import type { LogNames } from './logNames';

const CLOSED: Record<string, string> = {
  healed: 'an agent’s facts closed it',
  satisfied: 'the log caught up by itself',
  escalated: 'it went to a person',
  withdrawn: 'its intent changed',
};

/** Whether an intent event belongs to the gap (draft.promoted may carry several gaps). */
function ofGap(e: StoredEvent, gapId: string): boolean {
  if (e.type === 'draft.promoted') return (e.data.gapIds as readonly string[]).includes(gapId);
  if (e.type === 'fact.recorded') return e.data.by.kind === 'agent' && e.data.by.gapId === gapId;
  if (e.runId !== undefined) return false;
  return (e.data as { gapId?: unknown }).gapId === gapId;
}

/**
 * An intent gap's story: which intent and facts opened it, the agents the conductor sent and
 * with which strategy, what the promotion gate and the breakers decided, and how it closed.
 */
export function explainIntentGap(
  events: readonly StoredEvent[],
  bySeq: (seq: number) => StoredEvent | undefined,
  names: LogNames,
  gapId: string,
  chain: ChainBuilder,
): string | undefined {
  let title: string | undefined;
  const models = new Map<string, string>();
  for (const e of events) {
    if (!ofGap(e, gapId)) continue;
    switch (e.type) {
      case 'intentGap.opened': {
        title = `The ${e.data.kind} gap of intent ${quote(e.data.intentId)}`;
        for (const seq of e.data.causeSeqs.slice(0, 3)) {
          const cause = bySeq(seq);
          if (cause) chain.add(cause.seq, causeOfGap(cause));
        }
        const more = e.data.causeSeqs.length - 3;
        chain.add(
          e.seq,
          `Intent ${quote(e.data.intentId)} opened a ${e.data.kind} gap: ${e.data.summary}${more > 0 ? ` (and ${more} more events led to it)` : ''}`,
        );
        break;
      }
      case 'intentAgent.spawned':
        models.set(e.data.agentId, names.model(e.data.modelId));
        chain.add(
          e.seq,
          `The conductor sent an agent with the model ${names.model(e.data.modelId)} to close it (strategy ${e.data.strategy.name}: ${e.data.strategy.why}).`,
        );
        break;
      case 'intentAgent.worked':
        chain.add(
          e.seq,
          `${models.get(e.data.agentId) ?? 'The agent'} proposed ${e.data.proposed} fact${e.data.proposed === 1 ? '' : 's'} in ${sayMs(e.data.durationMs)}.`,
        );
        break;
      case 'draft.promoted':
        chain.add(
          e.seq,
          `The promotion gate accepted the draft${e.data.strategy === 'composed' ? ', composed with others' : ''}: ${e.data.why}`,
        );
        break;
      case 'draft.rejected':
        chain.add(e.seq, `The promotion gate rejected the draft (${e.data.cause}): ${e.data.reason}`);
        break;
      case 'fact.recorded':
        chain.add(
          e.seq,
          `The agent recorded ${quote(e.data.fact)}${e.data.subject ? ` about ${e.data.subject}` : ''}.`,
        );
        break;
      case 'intentAgent.resolved':
        if (e.data.outcome === 'failed')
          chain.add(e.seq, `The agent failed: ${e.data.reason ?? 'no reason was recorded'}`);
        if (e.data.outcome === 'needs-person') chain.add(e.seq, `The agent asked for a person: ${e.data.reason ?? ''}`);
        break;
      case 'breaker.tripped':
        chain.add(e.seq, `The ${e.data.breaker} breaker tripped: ${e.data.detail}`);
        break;
      case 'inbox.added':
        chain.add(e.seq, `It went to the Inbox: ${e.data.reason}`);
        break;
      case 'intentGap.closed':
        chain.add(e.seq, `The gap closed ${e.data.resolution}: ${CLOSED[e.data.resolution] ?? ''}.`);
        break;
      default:
        break;
    }
  }
  return title;
}

function causeOfGap(cause: StoredEvent): string {
  if (cause.type === 'fact.recorded') {
    const who = cause.data.by.kind === 'person' ? 'A person' : cause.data.by.kind === 'agent' ? 'An agent' : 'A step';
    return `${who} recorded ${quote(cause.data.fact)}${cause.data.subject ? ` about ${cause.data.subject}` : ''}.`;
  }
  if (cause.type === 'intents.saved') return 'The intents were saved.';
  if (cause.type === 'clock.advanced') return `The virtual clock moved on by ${sayMs(cause.data.byMs)}.`;
  return `${cause.type} happened.`;
}
