import { useUi } from '../../app/uiStore';
import { togglePanel } from '../../app/panels';
import { useProjectView } from '../../app/useProjectSession';
import { countOpenAsks } from './openAsks';
import { emptyIntentsView, waitingInboxItems } from '../../core/intents/intentsView';
import './inbox.css';

/** Opens the inbox; says how many asks wait ("Inbox (2)") and glows while any do. */
export function InboxButton() {
  const open = useUi((s) => s.panel === 'inbox');
  // Asks of runs, gaps sent to a person, and runs an alert holds: a number, so only a new count re-renders.
  const count = useProjectView(
    (v) => countOpenAsks(v.runs) + waitingInboxItems(v.intents ?? emptyIntentsView).length + (v.alerts?.held.size ?? 0),
  );
  return (
    <>
      <button
        type="button"
        className={`button small inbox-button ${count > 0 ? 'has-asks' : ''}`}
        aria-pressed={open}
        title="Approvals, inputs and gaps waiting for you"
        onClick={() => togglePanel('inbox')}
      >
        Inbox{count > 0 ? ` (${count})` : ''}
      </button>
      <span className="visually-hidden" role="status">
        {count > 0 ? `${count} ${count === 1 ? 'ask waits' : 'asks wait'} for you` : ''}
      </span>
    </>
  );
}
