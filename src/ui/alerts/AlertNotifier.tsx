import { useEffect, memo } from 'react';
import { useSession } from '../../app/useProjectSession';
import { describeValue } from '../../core/alerts/describeAlert';
import type { StoredEvent } from '../../core/events/storedEvent';

function notifyFired(events: readonly StoredEvent[], projectName: string): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  for (const event of events) {
    if (event.type !== 'alert.fired') continue;
    const d = event.data;
    try {
      new Notification(`Alert: ${d.rule}`, {
        body: `${d.condition} — now ${describeValue(d.value, d.unit)}${d.flow ? ` (${d.flow})` : ''}. ${projectName}`,
        tag: d.alertId,
      });
    } catch {
      // Some browsers allow notifications only from a service worker; the Alerts list still shows it.
    }
  }
}

/**
 * Shows a browser notification for each alert that fires while the studio is open, when the person
 * allowed notifications (asked only from a click, in the Alerts panel). History loaded from storage
 * never notifies: only live events do. It draws nothing, so it listens to the session rather than
 * re-rendering on every batch of events.
 */
export const AlertNotifier = memo(function AlertNotifier() {
  const session = useSession();
  useEffect(() => {
    let seen = session.getView().liveEvents;
    return session.subscribe(() => {
      const { liveEvents, defs } = session.getView();
      if (liveEvents === seen) return;
      seen = liveEvents;
      notifyFired(liveEvents, defs.name);
    });
  }, [session]);
  return null;
});
