import { useCallback } from 'react';
import type { Command } from '../../core/conductor/commands';
import type { RunId } from '../../core/ids';
import { useCommand } from '../useCommand';

type Answer = Omit<Extract<Command, { type: 'answerAsk' }>, 'type' | 'runId' | 'askId'>;

/**
 * Sends a person's answer to an ask. A refusal is kept here and shown inline, beside the form it
 * concerns, rather than as a passing notice: the person is still looking at that form. The ask
 * leaves the inbox by itself once the answer is in the log.
 */
export function useAnswerAsk(
  runId: RunId,
  askId: string,
): { send: (answer: Answer) => Promise<boolean>; sending: boolean; error: string | null } {
  const { send: sendCommand, sending, refusal } = useCommand({ refusal: 'inline' });
  const send = useCallback(
    async (answer: Answer) => (await sendCommand({ type: 'answerAsk', runId, askId, ...answer })).ok,
    [sendCommand, runId, askId],
  );
  return { send, sending, error: refusal };
}
