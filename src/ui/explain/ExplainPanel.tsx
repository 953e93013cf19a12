import { useShallow } from 'zustand/react/shallow';
import { useState } from 'react';
import { useProjectView, useSession } from '../../app/useProjectSession';
import { useUi } from '../../app/uiStore';
import { PanelHeader } from '../shell/PanelHeader';
import { showEventOnTimeline } from '../timeline/showEventOnTimeline';
import { useExplainTarget } from './explainStore';
import { useExplanation } from './useExplanation';
import './explain.css';

/**
 * Explain: why a step, agent, gap or event came out as it did, as a causal chain of sentences
 * built from the log alone. Each sentence is a button that moves the timeline to its event.
 */
export default function ExplainPanel() {
  const session = useSession();
  const { flows, runs } = useProjectView(useShallow((v) => ({ flows: v.defs.flows, runs: v.runs })));
  const flowId = useUi((s) => s.flowId);
  const target = useExplainTarget();
  const explanation = useExplanation(target);
  const [note, setNote] = useState<string | null>(null);
  const shownFlow = flows.has(flowId as never) ? (flowId as string) : [...flows.keys()][0];
  const go = (seq: number) => {
    const event = session.events().find((e) => e.seq === seq);
    if (!event) return;
    const stepId = (event.data as { stepId?: unknown }).stepId;
    setNote(
      showEventOnTimeline(session, runs, shownFlow, {
        seq,
        runId: event.runId,
        stepId: typeof stepId === 'string' ? stepId : undefined,
      }),
    );
  };
  return (
    <aside className="inspector explain-panel" aria-label="Explain">
      <PanelHeader title="Explain" />
      {!explanation && (
        <p className="muted">
          Choose Explain on a step in the inspector, or on an event in the timeline, to see why it happened.
        </p>
      )}
      {explanation && (
        <>
          <h3 className="explain-panel__title">{explanation.title}</h3>
          {explanation.lines.length === 0 ? (
            <p className="muted">The log holds nothing about it yet.</p>
          ) : (
            <ol className="explain-chain" aria-label="Causal chain">
              {explanation.lines.map((line, i) => (
                <li key={`${line.seq}-${i}`}>
                  <button
                    type="button"
                    className={`explain-line ${line.seq === explanation.focusSeq ? 'is-focus' : ''}`}
                    title={`Show event #${line.seq} on the timeline`}
                    onClick={() => go(line.seq)}
                  >
                    <span className="explain-line__seq">#{line.seq}</span>
                    <span className="explain-line__text">{line.text}</span>
                  </button>
                </li>
              ))}
            </ol>
          )}
          {note && (
            <p className="muted" role="status">
              {note}
            </p>
          )}
          <p className="muted explain-panel__foot">
            Built from the log alone; click a sentence to see that moment on the timeline.
          </p>
        </>
      )}
    </aside>
  );
}
