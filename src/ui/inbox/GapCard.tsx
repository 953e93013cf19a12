import { useCallback, useState } from 'react';
import type { Command } from '../../core/conductor/commands';
import type { GapView, InboxItem } from '../../core/intents/intentsView';
import { useCommand } from '../useCommand';
import { uiStore } from '../../app/uiStore';
import './inbox.css';

type Decision = Extract<Command, { type: 'answerInbox' }>['decision'];

/** Sends the answer; a refusal stays beside the card (the person is looking at it), as for asks. */
function useAnswerInbox(itemId: string): {
  send: (decision: Decision, notes: string) => Promise<void>;
  sending: boolean;
  error: string | null;
} {
  const { send: sendCommand, sending, refusal } = useCommand({ refusal: 'inline' });
  const send = useCallback(
    async (decision: Decision, notes: string) =>
      void (await sendCommand({
        type: 'answerInbox',
        itemId,
        decision,
        ...(notes.trim() ? { notes: notes.trim() } : {}),
      })),
    [sendCommand, itemId],
  );
  return { send, sending, error: refusal };
}

/**
 * A gap the conductor sent to a person: what it is about, why no agent closed it, and the answers
 * that fit. Retry sends agents again (not offered after the depth limit: agents would only go
 * deeper); Dismiss closes it as it is. Recording the missing fact (Gaps panel) closes it too.
 */
export function GapCard({ item, gap }: { item: InboxItem; gap: GapView | undefined }) {
  const { send, sending, error } = useAnswerInbox(item.itemId);
  const [notes, setNotes] = useState('');
  const canRetry = item.breaker !== 'max-depth';
  return (
    <article className="ask-card ask-card--gap" aria-label={`Gap: ${item.intentId}`}>
      <header className="ask-card__head">
        <span className="ask-kind ask-kind--gap">{gap ? `${gap.kind} gap` : 'Gap'}</span>
        <button
          type="button"
          className="link ask-card__step"
          title="Show this gap in the Gaps panel"
          onClick={() => uiStore.setState({ panel: 'gaps' })}
        >
          {item.intentId}
        </button>
      </header>
      {gap && <p className="ask-card__question">{gap.summary}</p>}
      <p className="ask-card__question">
        {item.source === 'agent' ? 'An agent asked for a person: ' : 'A breaker tripped: '}
        {item.reason}
      </p>
      <div className="ask-form">
        <label className="field">
          <span>Notes</span>
          <textarea
            rows={2}
            value={notes}
            onChange={(e) => setNotes(e.target.value)}
            placeholder="Why (optional): kept with the answer"
          />
        </label>
        <p className="ask-form__help">
          {canRetry ? 'Retry sends agents to it again; ' : ''}Dismiss closes it as it is. Recording the missing fact in
          the Gaps panel closes it too.
        </p>
        <div className="ask-form__actions">
          {canRetry && (
            <button
              type="button"
              className="button primary"
              disabled={sending}
              onClick={() => void send('retry', notes)}
            >
              Retry
            </button>
          )}
          <button
            type="button"
            className="button danger"
            disabled={sending}
            onClick={() => void send('dismiss', notes)}
          >
            Dismiss
          </button>
          {sending && <span className="muted">Sending…</span>}
        </div>
        {error && (
          <p className="ask-form__error" role="alert">
            {error}
          </p>
        )}
      </div>
    </article>
  );
}
