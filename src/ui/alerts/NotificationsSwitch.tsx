import { useState } from 'react';

/** Whether this browser may show notifications, as the person last decided. */
function permission(): NotificationPermission | 'unsupported' {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/**
 * Browser notifications for alerts: asked for only when the person clicks (browsers refuse
 * permission prompts that no gesture started), and only once they said yes does one appear.
 */
export function NotificationsSwitch() {
  const [state, setState] = useState(permission);
  if (state === 'unsupported')
    return <p className="jsonc-note">This browser cannot show notifications; alerts show here and on the timeline.</p>;
  if (state === 'granted') return <p className="jsonc-note">A firing alert also shows as a browser notification.</p>;
  if (state === 'denied')
    return (
      <p className="jsonc-note">
        Browser notifications are blocked for this site; allow them in the browser’s site settings to be told of alerts.
      </p>
    );
  return (
    <p className="jsonc-note">
      <button
        type="button"
        className="button small ghost"
        onClick={() => void Notification.requestPermission().then(setState, () => setState(permission()))}
      >
        Allow browser notifications
      </button>{' '}
      to hear of alerts while the studio is in the background.
    </p>
  );
}
