import { useEffect } from 'react';
import { useProjectView } from '../../app/useProjectSession';
import { describeValue } from '../../core/alerts/describeAlert';

/**
 * Shows a browser notification for each alert that fires while the studio is open, when the person
 * allowed notifications (asked only from a click, in the Alerts panel). History loaded from storage
 * never notifies: only live events do.
 */
export function AlertNotifier() {
  const { liveEvents, defs } = useProjectView();
  useEffect(() => {
    if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
    for (const event of liveEvents) {
      if (event.type !== 'alert.fired') continue;
      const d = event.data;
      try {
        new Notification(`Alert: ${d.rule}`, { body: `${d.condition} — now ${describeValue(d.value, d.unit)}${d.flow ? ` (${d.flow})` : ''}. ${defs.name}`, tag: d.alertId });
      } catch {
        // Some browsers allow notifications only from a service worker; the Alerts list still shows it.
      }
    }
  }, [liveEvents, defs.name]);
  return null;
}
