import { openFlow, uiStore } from '../../app/uiStore';
import { useProjectView, useSession } from '../../app/useProjectSession';
import { describeValue } from '../../core/alerts/describeAlert';
import type { AlertEntry } from '../../core/alerts/alertsView';

const ACTION_TEXT: Record<AlertEntry['action'], string> = {
  notify: 'notify',
  throttle: 'throttles new runs',
  review: 'pauses runs for review',
};

const time = (at: number) =>
  new Date(at).toLocaleString(undefined, {
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });

/**
 * The alerts the rules raised, firing ones first, then resolved, newest first in each. Each says
 * its rule, the value that crossed the threshold and when; clicking one shows the run whose event
 * tipped it, with the timeline at that alert.
 */
export function AlertsList({ alerts, shownFlowId }: { alerts: readonly AlertEntry[]; shownFlowId: string }) {
  const runs = useProjectView((v) => v.runs);
  const session = useSession();
  const firing = alerts.filter((a) => !a.resolved).reverse();
  const resolved = alerts.filter((a) => a.resolved).reverse();
  const show = (alert: AlertEntry) => {
    const seq =
      alert.resolved?.causeRunId !== undefined && alert.causeRunId === undefined ? alert.resolved.seq : alert.firedSeq;
    const runId = alert.causeRunId ?? alert.resolved?.causeRunId;
    const run = runId !== undefined ? runs.runs.get(runId) : undefined;
    if (!run || runId === undefined) return;
    if (run.flowId !== shownFlowId) openFlow(run.flowId);
    const replay = session.replayOf(runId);
    uiStore.setState({
      runId: runId,
      cursor: replay ? replay.indexOfSeq(seq) : null,
      playing: false,
      compareRunId: null,
    });
  };
  if (alerts.length === 0)
    return (
      <p className="alerts-empty muted">
        No alert has fired. Write a rule below and save it; the conductor checks it after every run event.
      </p>
    );
  return (
    <section className="alerts-list" aria-label="Alerts list">
      {firing.length > 0 && <h3 className="alerts-panel__subhead">Firing ({firing.length})</h3>}
      <ol className="alerts-items">
        {[...firing, ...resolved].map((alert) => (
          <li key={alert.alertId}>
            <AlertItem alert={alert} onShow={alert.causeRunId !== undefined ? () => show(alert) : undefined} />
          </li>
        ))}
      </ol>
    </section>
  );
}

function AlertItem({ alert, onShow }: { alert: AlertEntry; onShow: (() => void) | undefined }) {
  const state = alert.resolved ? 'resolved' : 'firing';
  const value = describeValue(alert.value, alert.unit);
  const body = (
    <>
      <span className={`alert-state alert-state--${state}`}>{state}</span>
      <strong className="alert-item__rule">{alert.rule}</strong>
      <span className="alert-item__value">
        {alert.condition} · was {value}
        {alert.resolved?.reason === 'cleared' ? `, now ${describeValue(alert.resolved.value, alert.unit)}` : ''}
      </span>
      <span className="alert-item__when">
        fired {time(alert.firedAt)}
        {alert.resolved
          ? ` · ${alert.resolved.reason === 'cleared' ? 'resolved' : 'ended (rule changed)'} ${time(alert.resolved.at)}`
          : ''}
        {alert.flow ? ` · ${alert.flow}` : ''}
        {alert.action !== 'notify' ? ` · ${ACTION_TEXT[alert.action]}` : ''}
      </span>
    </>
  );
  const label = `${alert.rule}: ${state}, ${value}`;
  return onShow ? (
    <button
      type="button"
      className={`alert-item alert-item--${state}`}
      aria-label={label}
      title="Show the run that tipped it, on the timeline"
      onClick={onShow}
    >
      {body}
    </button>
  ) : (
    <div className={`alert-item alert-item--${state}`} aria-label={label} role="group">
      {body}
    </div>
  );
}
