import type { StoredEvent } from '../events/storedEvent';
import type { EventData } from '../events/eventMap';
import type { GapKind } from './intentEvents';
import { EMPTY_INTENTS_SOURCE, type IntentsDocument } from './intentSchema';

export interface AgentView {
  agentId: string;
  seq: number;
  strategy: string;
  why: string;
  outcome?: EventData<'intentAgent.resolved'>['outcome'];
  reason?: string;
}
export interface GapView {
  gapId: string;
  seq: number;
  kind: GapKind;
  intentId: string;
  summary: string;
  causeSeqs: number[];
  stepIds: string[];
  status: 'open' | EventData<'intentGap.closed'>['resolution'];
  agents: AgentView[];
}
export interface FactView {
  seq: number;
  fact: string;
  subject: string;
  data: Record<string, unknown>;
  by: string;
}
export interface InboxItem {
  itemId: string;
  seq: number;
  gapId: string;
  intentId: string;
  source: 'agent' | 'breaker';
  reason: string;
}

/**
 * What the gaps and intents panels show: a fold over the log, like every other view. Intent
 * history is the list of `intents.saved` events; gaps keep their agents and outcomes.
 */
export interface IntentsView {
  source: string;
  document: IntentsDocument | null;
  /** Every saved version, oldest first: intent edits are events, so their history is the log's. */
  versions: Array<{ seq: number; source: string }>;
  gaps: ReadonlyMap<string, GapView>;
  facts: ReadonlyMap<number, FactView>;
  inbox: InboxItem[];
  trips: Array<{ seq: number; breaker: string; detail: string }>;
  clockOffset: number;
  /** Budget units spent, with the virtual time of each spawn. */
  spending: Array<{ at: number; cost: number }>;
  agentsWorking: number;
  /** Virtual time of the latest intent event: where the budget's hour ends. */
  lastSeenAt: number;
  /** Steps whose facts caused a gap that is still open. */
  openStepIds: ReadonlySet<string>;
}

export const emptyIntentsView: IntentsView = {
  source: EMPTY_INTENTS_SOURCE,
  document: null,
  versions: [],
  gaps: new Map(),
  facts: new Map(),
  inbox: [],
  trips: [],
  clockOffset: 0,
  spending: [],
  agentsWorking: 0,
  lastSeenAt: 0,
  openStepIds: new Set(),
};

const openSteps = (gaps: ReadonlyMap<string, GapView>): Set<string> => {
  const ids = new Set<string>();
  for (const gap of gaps.values()) if (gap.status === 'open') for (const id of gap.stepIds) ids.add(id);
  return ids;
};

function withGap(view: IntentsView, gapId: string, update: (gap: GapView) => GapView): IntentsView {
  const gap = view.gaps.get(gapId);
  if (!gap) return view;
  const gaps = new Map(view.gaps).set(gapId, update(gap));
  return { ...view, gaps, openStepIds: openSteps(gaps) };
}

const describeSource = (by: EventData<'fact.recorded'>['by']): string => (by.kind === 'person' ? 'a person' : by.kind === 'agent' ? `agent ${by.agentId}` : `step ${by.stepId}`);

/** Folds one event; events of other kinds return the view unchanged (same identity). */
export function foldIntentsView(view: IntentsView, event: StoredEvent): IntentsView {
  const next = applyIntentEvent(view, event);
  return next === view ? view : { ...next, lastSeenAt: event.ts + next.clockOffset };
}

function applyIntentEvent(view: IntentsView, event: StoredEvent): IntentsView {
  switch (event.type) {
    case 'intents.saved':
      return { ...view, source: event.data.source, document: event.data.document, versions: [...view.versions, { seq: event.seq, source: event.data.source }] };
    case 'fact.recorded': {
      const d = event.data;
      return { ...view, facts: new Map(view.facts).set(event.seq, { seq: event.seq, fact: d.fact, subject: d.subject, data: d.data, by: describeSource(d.by) }) };
    }
    case 'clock.advanced':
      return { ...view, clockOffset: event.data.offsetMs };
    case 'intentGap.opened': {
      const d = event.data;
      const gaps = new Map(view.gaps).set(d.gapId, { gapId: d.gapId, seq: event.seq, kind: d.kind, intentId: d.intentId, summary: d.summary, causeSeqs: d.causeSeqs, stepIds: d.stepIds, status: 'open', agents: [] });
      return { ...view, gaps, openStepIds: openSteps(gaps) };
    }
    case 'intentGap.closed':
      return withGap(view, event.data.gapId, (g) => ({ ...g, status: event.data.resolution }));
    case 'intentAgent.spawned': {
      const d = event.data;
      const next = withGap(view, d.gapId, (g) => ({ ...g, agents: [...g.agents, { agentId: d.agentId, seq: event.seq, strategy: d.strategy.name, why: d.strategy.why }] }));
      return { ...next, agentsWorking: view.agentsWorking + 1, spending: [...view.spending, { at: d.at, cost: d.budget.cost }] };
    }
    case 'intentAgent.resolved': {
      const d = event.data;
      return withGap(view, d.gapId, (g) => ({
        ...g,
        agents: g.agents.map((a) => (a.agentId === d.agentId ? { ...a, outcome: d.outcome, ...(d.reason !== undefined ? { reason: d.reason } : {}) } : a)),
      }));
    }
    case 'intentAgent.died':
      return { ...view, agentsWorking: Math.max(0, view.agentsWorking - 1) };
    case 'breaker.tripped':
      return { ...view, trips: [...view.trips, { seq: event.seq, breaker: event.data.breaker, detail: event.data.detail }] };
    case 'inbox.added':
      return { ...view, inbox: [...view.inbox, { ...event.data, seq: event.seq }] };
    default:
      return view;
  }
}
