import { useCommand } from '../useCommand';
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { openFlow, uiStore } from '../../app/uiStore';
import { useDefinitions, useProjectView } from '../../app/useProjectSession';
import type { HeldRun } from '../../core/alerts/alertsView';
import type { RunsState } from '../../core/run/runState';
import './alerts.css';

/** "Run 3", or "Release checks · Run 3": numbered within its flow, as the runs list numbers them. */
function runName(runs: RunsState, runId: string, flowName: string | undefined): string {
  const run = runs.runs.get(runId as never);
  let n = 0;
  for (const id of runs.order) {
    if (runs.runs.get(id)?.flowId === run?.flowId) n += 1;
    if (id === runId) break;
  }
  return `${flowName ? `${flowName} · ` : ''}Run ${n}`;
}

/**
 * Runs an alert holds, in the Inbox: throttled before their first step, or paused for review
 * before their next one. A person reads why and lets each go on.
 */
export function HeldRuns() {
  const defs = useDefinitions();
  const { alerts, runs } = useProjectView(useShallow((v) => ({ alerts: v.alerts, runs: v.runs })));
  const held = [...(alerts?.held.values() ?? [])].reverse();
  if (held.length === 0) return null;
  return (
    <section className="held-runs" aria-label="Runs held by alerts">
      {held.map((h) => {
        const run = runs.runs.get(h.runId);
        const name = runName(runs, h.runId, run ? defs.flows.get(run.flowId)?.name : undefined);
        return <HeldRunCard key={h.runId} held={h} name={name} flowId={run?.flowId} />;
      })}
    </section>
  );
}

function HeldRunCard({ held, name, flowId }: { held: HeldRun; name: string; flowId: string | undefined }) {
  const { send, sending, refusal: error } = useCommand({ refusal: 'inline' });
  const [notes, setNotes] = useState('');
  const release = () => send({ type: 'releaseRun', runId: held.runId, ...(notes.trim() ? { notes } : {}) });
  const show = () => {
    if (flowId === undefined) return;
    if (uiStore.getState().flowId !== flowId) openFlow(flowId);
    uiStore.setState({ runId: held.runId, cursor: null, playing: false, compareRunId: null });
  };
  return (
    <article
      className="held-run"
      aria-label={`${held.action === 'throttle' ? 'Throttled' : 'Paused for review'}: ${name}`}
    >
      <header className="ask-card__head">
        <span className="ask-kind ask-kind--budget">{held.action === 'throttle' ? 'Throttled' : 'Review'}</span>
        <button type="button" className="link ask-card__step" onClick={show} title="Show this run on the canvas">
          {name}
        </button>
        <span className="ask-card__run">alert “{held.rule}”</span>
      </header>
      <p>{held.reason}</p>
      <label className="muted">
        Notes (optional)
        <input value={notes} onChange={(e) => setNotes(e.target.value)} />
      </label>
      <div className="held-run__actions">
        <button type="button" className="button primary small" disabled={sending} onClick={() => void release()}>
          Let it go on
        </button>
      </div>
      {error && (
        <p className="jsonc-error" role="alert">
          {error}
        </p>
      )}
    </article>
  );
}
