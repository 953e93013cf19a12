import { useCallback } from 'react';
import type { Command, CommandResult } from '../core/conductor/commands';
import { notifyError } from '../app/uiStore';
import { useSession } from '../app/useProjectSession';

/** Sends a command to the conductor; a refusal is shown to the person as a notice (a studio bug's, the session shows). */
export function useCommand(): (command: Command) => Promise<CommandResult> {
  const session = useSession();
  return useCallback(
    async (command: Command) => {
      const result = await session.execute(command);
      if (!result.ok && result.error.code !== 'internal') notifyError(result.error);
      return result;
    },
    [session],
  );
}
