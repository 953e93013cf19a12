import type { StoredEvent } from '../events/storedEvent';
import type { RunId } from '../ids';
import type { BusSender } from './busEvents';
import type { BusScope } from './busLimits';

/** One message as the page shows it: its text is the body as one line (a string as it is, else its JSON). */
export interface BusMessageRow {
  seq: number;
  ts: number;
  runId: RunId;
  messageId: string;
  topic: string;
  scope: BusScope;
  from: BusSender;
  text: string;
}

/** One claim as the page shows it. */
export interface BusClaimRow {
  seq: number;
  runId: RunId;
  key: string;
  by: BusSender;
  won: boolean;
  holder: BusSender;
}

/** What the page shows of the bus: every message in log order, claims, and per run its count and latest message. */
export interface BusView {
  readonly messages: readonly BusMessageRow[];
  readonly claims: readonly BusClaimRow[];
  readonly perRun: ReadonlyMap<RunId, { count: number; latest: BusMessageRow }>;
}

export const emptyBusView: BusView = { messages: [], claims: [], perRun: new Map() };

/** A body as one line of text: a string as written, anything else as its JSON. */
export function messageText(body: unknown): string {
  return typeof body === 'string' ? body : (JSON.stringify(body) ?? 'null');
}

/** Folds a batch of events into the bus view; the view it was given is never changed (a batch without bus events returns it). */
export function foldBusView(view: BusView, events: readonly StoredEvent[]): BusView {
  let messages: BusMessageRow[] | undefined;
  let claims: BusClaimRow[] | undefined;
  let perRun: Map<RunId, { count: number; latest: BusMessageRow }> | undefined;
  for (const event of events) {
    if (event.type === 'bus.posted') {
      const { messageId, topic, scope, from, body } = event.data;
      const runId = event.runId as RunId;
      const row: BusMessageRow = {
        seq: event.seq,
        ts: event.ts,
        runId,
        messageId,
        topic,
        scope,
        from,
        text: messageText(body),
      };
      messages ??= [...view.messages];
      messages.push(row);
      perRun ??= new Map(view.perRun);
      perRun.set(runId, { count: (perRun.get(runId)?.count ?? 0) + 1, latest: row });
    } else if (event.type === 'bus.claimed') {
      const { key, by, won, holder } = event.data;
      claims ??= [...view.claims];
      claims.push({ seq: event.seq, runId: event.runId as RunId, key, by, won, holder });
    }
  }
  if (!messages && !claims) return view;
  return { messages: messages ?? view.messages, claims: claims ?? view.claims, perRun: perRun ?? view.perRun };
}
