import type { EventData } from '../events/eventMap';
import type { StoredEvent } from '../events/storedEvent';
import type { RunId } from '../ids';

/** One alert as the Alerts list shows it: when it fired, with what value, and whether it resolved. */
export interface AlertEntry {
  alertId: string;
  rule: string;
  condition: string;
  action: EventData<'alert.fired'>['action'];
  flow?: string;
  value: number;
  threshold: number;
  unit: EventData<'alert.fired'>['unit'];
  firedAt: number;
  firedSeq: number;
  causeRunId?: RunId;
  causeSeq?: number;
  resolved?: {
    at: number;
    value: number;
    seq: number;
    reason: EventData<'alert.resolved'>['reason'];
    causeRunId?: RunId;
    causeSeq?: number;
  };
}

/** A run an alert holds, waiting for a person in the Inbox. */
export interface HeldRun {
  runId: RunId;
  alertId: string;
  rule: string;
  action: 'throttle' | 'review';
  reason: string;
  seq: number;
}

export interface AlertsView {
  /** Oldest first, as they fired. */
  alerts: readonly AlertEntry[];
  held: ReadonlyMap<RunId, HeldRun>;
}

export const emptyAlertsView: AlertsView = { alerts: [], held: new Map() };

const ALERT_TYPES: ReadonlySet<string> = new Set([
  'alert.fired',
  'alert.resolved',
  'run.held',
  'run.released',
  'run.finished',
]);

/** Folds one event into the alerts view; events it does not concern return the same object. */
export function foldAlertsView(view: AlertsView, event: StoredEvent): AlertsView {
  if (!ALERT_TYPES.has(event.type)) return view;
  switch (event.type) {
    case 'alert.fired': {
      const d = event.data;
      const entry: AlertEntry = {
        alertId: d.alertId,
        rule: d.rule,
        condition: d.condition,
        action: d.action,
        ...(d.flow !== undefined ? { flow: d.flow } : {}),
        value: d.value,
        threshold: d.threshold,
        unit: d.unit,
        firedAt: d.at,
        firedSeq: event.seq,
        ...(d.causeRunId !== undefined ? { causeRunId: d.causeRunId } : {}),
        ...(d.causeSeq !== undefined ? { causeSeq: d.causeSeq } : {}),
      };
      return { ...view, alerts: [...view.alerts, entry] };
    }
    case 'alert.resolved': {
      const d = event.data;
      const resolved = {
        at: d.at,
        value: d.value,
        seq: event.seq,
        reason: d.reason,
        ...(d.causeRunId !== undefined ? { causeRunId: d.causeRunId } : {}),
        ...(d.causeSeq !== undefined ? { causeSeq: d.causeSeq } : {}),
      };
      return { ...view, alerts: view.alerts.map((a) => (a.alertId === d.alertId ? { ...a, resolved } : a)) };
    }
    case 'run.held': {
      const held = new Map(view.held);
      held.set(event.runId as RunId, {
        runId: event.runId as RunId,
        alertId: event.data.alertId,
        rule: event.data.rule,
        action: event.data.action,
        reason: event.data.reason,
        seq: event.seq,
      });
      return { ...view, held };
    }
    case 'run.released':
    case 'run.finished': {
      if (!view.held.has(event.runId as RunId)) return view;
      const held = new Map(view.held);
      held.delete(event.runId as RunId);
      return { ...view, held };
    }
    default:
      return view;
  }
}

/** The alerts firing now, newest first. */
export function firingAlerts(view: AlertsView): AlertEntry[] {
  return view.alerts.filter((a) => !a.resolved).reverse();
}
