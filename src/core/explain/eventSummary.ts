import type { StoredEvent } from '../events/storedEvent';
import { quote } from './explanation';
import type { LogNames } from './logNames';

/** One line for an event that belongs to no run (edits, intents, facts, breakers…), with names. */
export function summariseProjectEvent(e: StoredEvent, names: LogNames): string {
  switch (e.type) {
    case 'project.created':
      return `Project ${quote(e.data.name)} created`;
    case 'project.renamed':
      return `Project renamed ${quote(e.data.name)}`;
    case 'model.saved':
      return `Model ${quote(e.data.model.name)} saved (v${e.data.model.version})`;
    case 'flow.created':
      return `Flow ${quote(e.data.name)} created`;
    case 'step.added':
      return `Step ${quote(e.data.label)} added to ${names.flow(e.data.flowId)}`;
    case 'step.renamed':
      return `Step renamed ${quote(e.data.label)}`;
    case 'steps.moved':
      return `${e.data.moves.length} step${e.data.moves.length === 1 ? '' : 's'} moved`;
    case 'edge.added':
      return `Edge ${e.data.source.port} → ${e.data.target.port} added`;
    case 'elements.removed':
      return `${e.data.stepIds.length} steps and ${e.data.edgeIds.length} edges removed`;
    case 'step.configured':
      return `Step settings changed in ${names.flow(e.data.flowId)}`;
    case 'flow.changed':
      return `${e.data.cause[0]?.toUpperCase() ?? ''}${e.data.cause.slice(1)} in ${names.flow(e.data.flowId)} (${e.data.changes.length} changes)`;
    case 'policies.saved':
      return 'Policies saved';
    case 'intents.saved':
      return `Intents saved (${e.data.document.intents.length})`;
    case 'settings.saved':
      return 'Project settings saved';
    case 'fact.recorded':
      return `Fact ${quote(e.data.fact)}${e.data.subject ? ` about ${e.data.subject}` : ''} recorded by ${e.data.by.kind}`;
    case 'clock.advanced':
      return `Virtual clock moved on ${e.data.byMs} ms`;
    case 'intentGap.opened':
      return `${e.data.kind} gap opened for ${quote(e.data.intentId)}: ${e.data.summary}`;
    case 'intentAgent.spawned':
      return `Agent sent with ${names.model(e.data.modelId)} for ${quote(e.data.intentId)}`;
    case 'intentAgent.worked':
      return `Agent proposed ${e.data.proposed} facts`;
    case 'draft.promoted':
      return `Draft promoted: ${e.data.why}`;
    case 'draft.rejected':
      return `Draft rejected (${e.data.cause}): ${e.data.reason}`;
    case 'intentAgent.resolved':
      return `Agent ${e.data.outcome}${e.data.reason ? `: ${e.data.reason}` : ''}`;
    case 'intentAgent.died':
      return 'Agent died';
    case 'intentGap.closed':
      return `Gap closed ${e.data.resolution}`;
    case 'breaker.tripped':
      return `Breaker ${e.data.breaker} tripped: ${e.data.detail}`;
    case 'inbox.added':
      return `Inbox: ${e.data.reason}`;
    default:
      return e.type;
  }
}
