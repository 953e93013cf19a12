import { useShallow } from 'zustand/react/shallow';
import { useMemo } from 'react';
import { openFlow, uiStore, useUi } from '../../app/uiStore';
import { useDefinitions, useProjectView } from '../../app/useProjectSession';
import { AskCard } from './AskCard';
import { GapCard } from './GapCard';
import { emptyIntentsView, waitingInboxItems } from '../../core/intents/intentsView';
import { HeldRuns } from '../alerts/HeldRuns';
import { openAsks, type OpenAsk } from './openAsks';
import './inbox.css';

/** Shows an ask's step on the canvas, in its flow and run (followed live when it is the newest). */
function showAsk(item: OpenAsk, shownFlowId: string | undefined): void {
  if (item.flowId !== shownFlowId) openFlow(item.flowId);
  uiStore.setState({
    runId: item.newest ? null : item.runId,
    cursor: null,
    playing: false,
    compareRunId: null,
    panel: 'inspector',
    editingModel: null,
    viewingVersion: null,
    selection: { kind: 'step', id: item.stepId },
  });
}

/**
 * Everything that waits for a person, across runs: approvals, a human model's inputs, drafts
 * held back for low confidence, and steps that would overspend. Newest first.
 */
export function InboxPanel() {
  const defs = useDefinitions();
  const { runs, alerts, intents } = useProjectView(
    useShallow((v) => ({ runs: v.runs, alerts: v.alerts, intents: v.intents ?? emptyIntentsView })),
  );
  const asks = useMemo(() => openAsks(runs, defs), [runs, defs]);
  const gaps = useMemo(() => waitingInboxItems(intents), [intents]);
  const chosenFlowId = useUi((s) => s.flowId);
  // The workspace shows the chosen flow, or the project's first.
  const shownFlowId =
    chosenFlowId !== null && defs.flows.has(chosenFlowId as never) ? chosenFlowId : defs.flows.keys().next().value;
  return (
    <aside className="inspector inbox-panel" aria-label="Inbox">
      <div className="panel-title-row">
        <h2 className="panel-title">Inbox</h2>
        <button type="button" className="button small ghost" onClick={() => uiStore.setState({ panel: 'inspector' })}>
          Close
        </button>
      </div>
      <HeldRuns />
      {gaps.length > 0 && (
        <ol className="inbox-asks" aria-label="Gaps sent to you">
          {gaps.map((item) => (
            <li key={item.itemId}>
              <GapCard item={item} gap={intents.gaps.get(item.gapId)} />
            </li>
          ))}
        </ol>
      )}
      {asks.length === 0 ? (
        gaps.length === 0 &&
        (alerts?.held.size ?? 0) === 0 && <p className="inbox-empty muted">Nothing waits for you.</p>
      ) : (
        <ol className="inbox-asks" aria-label="Open asks">
          {asks.map((item) => (
            <li key={`${item.runId}:${item.ask.askId}`}>
              <AskCard
                runId={item.runId}
                ask={item.ask}
                stepLabel={item.stepLabel}
                runName={item.runName}
                onShow={() => showAsk(item, shownFlowId)}
              />
            </li>
          ))}
        </ol>
      )}
    </aside>
  );
}
