import type { RunId } from '../../core/ids';
import type { StepAsk } from '../../core/run/runState';
import { AskCard, ASK_KIND_TEXT } from '../inbox/AskCard';

const decisionText = { approve: 'approved', reject: 'rejected', provide: 'provided' } as const;

/**
 * What the conductor asked a person about this step, and the answers. An open ask can be
 * answered right here, as in the inbox; only the live run's asks can be (a replay shows history).
 */
export function StepAsks({
  runId,
  asks,
  stepLabel,
  live,
}: {
  runId: RunId;
  asks: readonly StepAsk[];
  stepLabel: string;
  live: boolean;
}) {
  if (asks.length === 0) return null;
  return (
    <section className="inspector-section" aria-label="Asks">
      <h3>Asks</h3>
      <ul className="step-asks">
        {asks.map((ask) => (
          <li key={ask.askId}>
            {!ask.answer && live ? (
              <AskCard runId={runId} ask={ask} stepLabel={stepLabel} />
            ) : (
              <div className="step-ask">
                <div>
                  <span className={`ask-kind ask-kind--${ask.kind}`}>{ASK_KIND_TEXT[ask.kind]}</span> {ask.question}
                </div>
                <div className={`step-ask__answer ${ask.answer ? `is-${ask.answer.decision}` : ''}`}>
                  {ask.answer
                    ? `${decisionText[ask.answer.decision]} ${ask.answer.by === 'timeout' ? 'on timeout' : 'by a person'} at ${new Date(ask.answer.at).toLocaleTimeString()}`
                    : 'waiting for an answer'}
                </div>
                {ask.answer?.notes && <blockquote className="step-ask__notes">{ask.answer.notes}</blockquote>}
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
