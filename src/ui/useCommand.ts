import { useCallback } from 'react';
import type { Command, CommandResult } from '../core/conductor/commands';
import { notify } from '../app/uiStore';
import { useSession } from '../app/useProjectSession';

/** Sends a command to the conductor; a refusal is shown to the person as a notice. */
export function useCommand(): (command: Command) => Promise<CommandResult> {
  const session = useSession();
  return useCallback(
    async (command: Command) => {
      const result = await session.execute(command);
      if (!result.ok) notify('error', `${result.error.message} ${result.error.hint}`.trim(), result.error.code);
      return result;
    },
    [session],
  );
}
