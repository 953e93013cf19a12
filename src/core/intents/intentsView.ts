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
  /** While open: the inbox item it waits on, sent to a person who has not answered yet. */
  withPerson?: string;
}
export interface FactView {
  seq: number;
  fact: string;
  subject: string;
  data: Record<string, unknown>;
  by: string;
  /** The step that recorded it, so the studio can show the step's current name instead of `by`'s id. */
  byStepId?: string;
}
export interface InboxItem {
  itemId: string;
  seq: number;
  gapId: string;
  intentId: string;
  source: 'agent' | 'breaker';
  reason: string;
  /** The breaker that sent it, when one did. */
  breaker?: string;
  /** It sent its gap to a person (every item but a spent budget's, which only makes the gap wait). */
  toPerson: boolean;
}
export interface InboxAnswer {
  seq: number;
  decision: EventData<'inbox.answered'>['decision'];
  notes?: string;
}

/**
 * What the gaps and intents panels show: a fold over the log, like every other view. Intent
 * history is the list of `intents.saved` events; gaps keep their agents and outcomes.
 *
 * Cost: folding an event is O(1) (opening or closing a gap: O(open gaps)), so a long history loads
 * in linear time. To get there the collections are append-only and shared between successive views
 * (a new view object per intent event, same Maps and arrays inside): read them, never keep an old
 * view's collections expecting them to stay as they were. Each GapView is replaced, never mutated.
 */
export interface IntentsView {
  source: string;
  document: IntentsDocument | null;
  /** Every saved version, oldest first: intent edits are events, so their history is the log's. */
  versions: Array<{ seq: number; source: string }>;
  gaps: ReadonlyMap<string, GapView>;
  facts: ReadonlyMap<number, FactView>;
  inbox: InboxItem[];
  /** Answers to inbox items, by item (a new Map whenever one is added). */
  inboxAnswers: ReadonlyMap<string, InboxAnswer>;
  trips: Array<{ seq: number; breaker: string; detail: string; gapId: string }>;
  clockOffset: number;
  /** Budget units spent, with the virtual time of each spawn. */
  spending: Array<{ at: number; cost: number }>;
  agentsWorking: number;
  /** Virtual time of the latest intent event: where the budget's hour ends. */
  lastSeenAt: number;
  /** Steps whose facts caused a gap that is still open (a new Set whenever it changes). */
  openStepIds: ReadonlySet<string>;
  /** Ids of the open gaps. */
  openGapIds: ReadonlySet<string>;
}

/** A fresh, empty view: its collections are its own. */
export function emptyIntentsViewOf(): IntentsView {
  return {
    source: EMPTY_INTENTS_SOURCE,
    document: null,
    versions: [],
    gaps: new Map(),
    facts: new Map(),
    inbox: [],
    inboxAnswers: new Map(),
    trips: [],
    clockOffset: 0,
    spending: [],
    agentsWorking: 0,
    lastSeenAt: 0,
    openStepIds: new Set(),
    openGapIds: new Set(),
  };
}

/**
 * The empty view to start folds from. Folding into it copies its collections first, so the shared
 * constant itself never changes.
 */
export const emptyIntentsView: IntentsView = emptyIntentsViewOf();

const describeSource = (by: EventData<'fact.recorded'>['by']): string =>
  by.kind === 'person' ? 'a person' : by.kind === 'agent' ? `agent ${by.agentId}` : `step ${by.stepId}`;

function openSteps(gaps: ReadonlyMap<string, GapView>, open: ReadonlySet<string>): Set<string> {
  const ids = new Set<string>();
  for (const id of open) for (const step of gaps.get(id)?.stepIds ?? []) ids.add(step);
  return ids;
}

/** Folds one event; events of other kinds return the view unchanged (same identity). */
export function foldIntentsView(view: IntentsView, event: StoredEvent): IntentsView {
  if (!INTENT_EVENT_TYPES.has(event.type)) return view;
  const base = view === emptyIntentsView ? emptyIntentsViewOf() : view;
  const next = applyIntentEvent({ ...base }, event);
  next.lastSeenAt = event.ts + next.clockOffset;
  return next;
}

const INTENT_EVENT_TYPES: ReadonlySet<string> = new Set([
  'intents.saved',
  'fact.recorded',
  'clock.advanced',
  'intentGap.opened',
  'intentGap.closed',
  'intentAgent.spawned',
  'intentAgent.resolved',
  'intentAgent.died',
  'breaker.tripped',
  'inbox.added',
  'inbox.answered',
]);

/** Applies one event to `view`, a fresh shallow copy whose collections are shared and appended to. */
function applyIntentEvent(view: IntentsView, event: StoredEvent): IntentsView {
  const gaps = view.gaps as Map<string, GapView>;
  const updateGap = (gapId: string, update: (gap: GapView) => GapView) => {
    const gap = gaps.get(gapId);
    if (gap) gaps.set(gapId, update(gap));
  };
  switch (event.type) {
    case 'intents.saved':
      view.source = event.data.source;
      view.document = event.data.document;
      view.versions.push({ seq: event.seq, source: event.data.source });
      return view;
    case 'fact.recorded': {
      const d = event.data;
      (view.facts as Map<number, FactView>).set(event.seq, {
        seq: event.seq,
        fact: d.fact,
        subject: d.subject,
        data: d.data,
        by: describeSource(d.by),
        ...(d.by.kind === 'step' ? { byStepId: d.by.stepId } : {}),
      });
      return view;
    }
    case 'clock.advanced':
      view.clockOffset = event.data.offsetMs;
      return view;
    case 'intentGap.opened': {
      const d = event.data;
      gaps.set(d.gapId, {
        gapId: d.gapId,
        seq: event.seq,
        kind: d.kind,
        intentId: d.intentId,
        summary: d.summary,
        causeSeqs: d.causeSeqs,
        stepIds: d.stepIds,
        status: 'open',
        agents: [],
      });
      view.openGapIds = new Set(view.openGapIds).add(d.gapId);
      if (d.stepIds.length > 0) view.openStepIds = openSteps(gaps, view.openGapIds);
      return view;
    }
    case 'intentGap.closed': {
      updateGap(event.data.gapId, (g) => {
        const { withPerson: _closed, ...rest } = g;
        return { ...rest, status: event.data.resolution };
      });
      const open = new Set(view.openGapIds);
      open.delete(event.data.gapId);
      view.openGapIds = open;
      if ((gaps.get(event.data.gapId)?.stepIds.length ?? 0) > 0) view.openStepIds = openSteps(gaps, open);
      return view;
    }
    case 'intentAgent.spawned': {
      const d = event.data;
      updateGap(d.gapId, (g) => ({
        ...g,
        agents: [...g.agents, { agentId: d.agentId, seq: event.seq, strategy: d.strategy.name, why: d.strategy.why }],
      }));
      view.agentsWorking += 1;
      view.spending.push({ at: d.at, cost: d.budget.cost });
      return view;
    }
    case 'intentAgent.resolved': {
      const d = event.data;
      updateGap(d.gapId, (g) => ({
        ...g,
        agents: g.agents.map((a) =>
          a.agentId === d.agentId
            ? { ...a, outcome: d.outcome, ...(d.reason !== undefined ? { reason: d.reason } : {}) }
            : a,
        ),
      }));
      return view;
    }
    case 'intentAgent.died':
      view.agentsWorking = Math.max(0, view.agentsWorking - 1);
      return view;
    case 'breaker.tripped':
      view.trips.push({
        seq: event.seq,
        breaker: event.data.breaker,
        detail: event.data.detail,
        gapId: event.data.gapId,
      });
      return view;
    case 'inbox.added': {
      // A breaker's item comes right after its trip, in the same append.
      const trip = view.trips.at(-1);
      const breaker = event.data.source === 'breaker' && trip?.gapId === event.data.gapId ? trip.breaker : undefined;
      const toPerson = breaker !== 'budget';
      view.inbox.push({ ...event.data, seq: event.seq, ...(breaker !== undefined ? { breaker } : {}), toPerson });
      if (toPerson && view.openGapIds.has(event.data.gapId))
        updateGap(event.data.gapId, (g) => ({ ...g, withPerson: event.data.itemId }));
      return view;
    }
    case 'inbox.answered': {
      const { itemId, gapId, decision, notes } = event.data;
      view.inboxAnswers = new Map(view.inboxAnswers).set(itemId, {
        seq: event.seq,
        decision,
        ...(notes !== undefined ? { notes } : {}),
      });
      updateGap(gapId, (g) => {
        const { withPerson: _answered, ...rest } = g;
        return g.withPerson === itemId ? rest : g;
      });
      return view;
    }
    default:
      return view;
  }
}

/** Inbox items that wait for a person: their gap is open and sent to them, and not answered yet. Newest first. */
export function waitingInboxItems(view: IntentsView): InboxItem[] {
  const waiting: InboxItem[] = [];
  for (let i = view.inbox.length - 1; i >= 0; i -= 1) {
    const item = view.inbox[i] as InboxItem;
    if (view.gaps.get(item.gapId)?.withPerson === item.itemId) waiting.push(item);
  }
  return waiting;
}
