import { useCallback, useState } from 'react';
import type { Command, CommandResult } from '../core/conductor/commands';
import { describeError, type SerializedStudioError } from '../core/errors/studioError';
import type { ProjectSession } from '../app/projectSession';
import { notifyError } from '../app/uiStore';
import { useSession } from '../app/useProjectSession';

/** A refusal as a person reads it, wherever it is shown: what went wrong, then what to do. */
export const refusalSentence = (error: SerializedStudioError): string => `${error.message} ${error.hint}`.trim();

/**
 * Sends one command. A command that never came back as a result (the worker went away, a bug on
 * this side) becomes a refusal like any other, with a notice that offers its details; a studio
 * bug inside the conductor already has its notice from the session.
 */
async function sendCommand(session: ProjectSession, command: Command): Promise<CommandResult> {
  try {
    return await session.execute(command);
  } catch (thrown) {
    const bug = describeError(thrown, 'page');
    notifyError(bug);
    return { ok: false, error: bug };
  }
}

/** A form's command: its refusal shown beside the fields that caused it, while `sending` disables them. */
export interface CommandForm {
  send: (command: Command) => Promise<CommandResult>;
  sending: boolean;
  /** The last refusal's sentence, until the next send or `clearRefusal`. */
  refusal: string | null;
  clearRefusal: () => void;
}

export type Execute = (command: Command) => Promise<CommandResult>;

/**
 * The one way the UI sends a command to the conductor. By default a refusal is shown as a notice
 * (buttons and canvas edits, which have no place for a sentence of their own); with
 * `{ refusal: 'inline' }` a form gets the sentence to show beside its fields instead. Either way
 * the sentence is `refusalSentence`, and a studio bug also gets its notice with "Copy details".
 */
export function useCommand(): Execute;
export function useCommand(options: { refusal: 'inline' }): CommandForm;
export function useCommand(options?: { refusal: 'inline' }): Execute | CommandForm {
  const session = useSession();
  const inline = options?.refusal === 'inline';
  const [sending, setSending] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const execute = useCallback(
    async (command: Command) => {
      const result = await sendCommand(session, command);
      if (!result.ok && result.error.code !== 'internal') notifyError(result.error);
      return result;
    },
    [session],
  );
  const send = useCallback(
    async (command: Command) => {
      setSending(true);
      setRefusal(null);
      try {
        const result = await sendCommand(session, command);
        if (!result.ok) setRefusal(refusalSentence(result.error));
        return result;
      } finally {
        setSending(false);
      }
    },
    [session],
  );
  const clearRefusal = useCallback(() => setRefusal(null), []);
  return inline ? { send, sending, refusal, clearRefusal } : execute;
}
