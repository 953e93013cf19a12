import { useCallback } from 'react';
import { grantsChanged } from '../../app/extensionGrants';
import { refusalSentence, useCommand } from '../useCommand';
import type { Command } from '../../core/conductor/commands';
import type { SerializedStudioError } from '../../core/errors/studioError';

export type Outcome = { ok: true } | { ok: false; error: SerializedStudioError };

/**
 * Sends the Extensions panel's commands to the conductor, one at a time. A refusal is returned
 * to the panel, which says it in place (the page's notices sit behind a modal dialog); an
 * approval made by the conductor is announced to every `useApprovedExtensions`.
 */
export function useExtensionCommands() {
  const { send: sendCommand, sending: busy } = useCommand({ refusal: 'inline' });
  const send = useCallback(
    async (command: Command): Promise<Outcome> => {
      const result = await sendCommand(command);
      if (!result.ok) return { ok: false, error: result.error };
      if (command.type === 'approveExtension' || (command.type === 'installExtension' && command.approve))
        grantsChanged();
      return { ok: true };
    },
    [sendCommand],
  );
  return { busy, send };
}

export const sentenceOf = refusalSentence;
