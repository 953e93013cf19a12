import { dismissNotice, useUi } from '../../app/uiStore';
import { CopyDetailsButton } from './CopyDetailsButton';

/** Errors and confirmations, as sentences; errors stay until dismissed. A studio bug offers its details for a report. */
export function Notices() {
  const notices = useUi((s) => s.notices);
  return (
    <div className="notices">
      {notices.map((n) => (
        <div key={n.id} className={`notice notice-${n.tone}`} role={n.tone === 'error' ? 'alert' : 'status'}>
          <span className="notice__text">{n.text}</span>
          {n.error?.code === 'internal' && <CopyDetailsButton error={n.error} />}
          <button type="button" className="link" aria-label="Dismiss" onClick={() => dismissNotice(n.id)}>
            ✕
          </button>
        </div>
      ))}
    </div>
  );
}
