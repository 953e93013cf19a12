import type { RunId } from '../../core/ids';
import type { StepAsk } from '../../core/run/runState';
import { ArtifactView } from '../inspector/ArtifactView';
import { formatCountdown, useCountdown } from '../runs/useCountdown';
import { DecisionForm, InputForm } from './AskForms';
import './inbox.css';

export const ASK_KIND_TEXT: Record<StepAsk['kind'], string> = {
  approval: 'Approval',
  input: 'Input',
  confidence: 'Low confidence',
  budget: 'Budget',
};

interface AskCardProps {
  runId: RunId;
  ask: StepAsk;
  stepLabel: string;
  /** Shown in the inbox, where asks of several runs sit together; left out in the step's inspector. */
  runName?: string;
  /** Shows the step on the canvas. */
  onShow?: () => void;
}

/**
 * One open question for a person: what is asked, about which artifacts, by when, and the form to
 * answer it (approve or reject with notes, or a human model's outputs).
 */
export function AskCard({ runId, ask, stepLabel, runName, onShow }: AskCardProps) {
  const subjects = Object.entries(ask.subject ?? {});
  return (
    <article
      className={`ask-card ask-card--${ask.kind}`}
      aria-label={`${ASK_KIND_TEXT[ask.kind]}: ${stepLabel}${runName ? ` in ${runName}` : ''}`}
    >
      <header className="ask-card__head">
        <span className={`ask-kind ask-kind--${ask.kind}`}>{ASK_KIND_TEXT[ask.kind]}</span>
        {onShow ? (
          <button type="button" className="link ask-card__step" onClick={onShow} title="Show this step on the canvas">
            {stepLabel}
          </button>
        ) : (
          <strong className="ask-card__step">{stepLabel}</strong>
        )}
        {runName && <span className="ask-card__run">{runName}</span>}
        {ask.deadlineAt !== undefined && <Deadline at={ask.deadlineAt} />}
      </header>
      <p className="ask-card__question">{ask.question}</p>
      {subjects.map(([port, ref]) => (
        <ArtifactView key={port} hash={ref.hash} title={`${stepLabel} · ${port}`} />
      ))}
      {ask.kind === 'input' ? <InputForm runId={runId} ask={ask} /> : <DecisionForm runId={runId} ask={ask} />}
    </article>
  );
}

/** Time left to answer; after that the conductor answers by the step's timeout policy. */
function Deadline({ at }: { at: number }) {
  const left = useCountdown(at) ?? 0;
  return (
    <span
      className={`ask-card__deadline ${left < 60_000 ? 'is-soon' : ''}`}
      data-testid="ask-deadline"
      title={new Date(at).toLocaleString()}
    >
      {left > 0 ? `answer within ${formatCountdown(left)}` : 'deadline passed'}
    </span>
  );
}
