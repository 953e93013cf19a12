import { useCallback, useState } from 'react';
import type { Command } from '../../core/conductor/commands';
import type { RunId } from '../../core/ids';
import { useSession } from '../../app/useProjectSession';
import { notifyError } from '../../app/uiStore';
import { describeError } from '../../core/errors/studioError';

type Answer = Omit<Extract<Command, { type: 'answerAsk' }>, 'type' | 'runId' | 'askId'>;

/**
 * Sends a person's answer to an ask. A refusal is kept here and shown inline, beside the form it
 * concerns, rather than as a passing notice: the person is still looking at that form. The ask
 * leaves the inbox by itself once the answer is in the log.
 */
export function useAnswerAsk(runId: RunId, askId: string): { send: (answer: Answer) => Promise<boolean>; sending: boolean; error: string | null } {
  const session = useSession();
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const send = useCallback(
    async (answer: Answer) => {
      setSending(true);
      setError(null);
      try {
        const result = await session.execute({ type: 'answerAsk', runId, askId, ...answer });
        if (!result.ok) setError(`${result.error.message} ${result.error.hint}`.trim());
        return result.ok;
      } catch (e) {
        // The request never came back as a result: a studio bug, said in words, with its details on a notice.
        const bug = describeError(e, 'page');
        setError(`${bug.message} ${bug.hint}`);
        notifyError(bug);
        return false;
      } finally {
        setSending(false);
      }
    },
    [session, runId, askId],
  );
  return { send, sending, error };
}
