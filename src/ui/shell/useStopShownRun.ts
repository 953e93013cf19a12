import { useMemo } from 'react';
import { notify } from '../../app/uiStore';
import { useSession } from '../../app/useProjectSession';
import type { RunState } from '../../core/run/runState';
import type { ConductorRole } from '../../protocol/conductorApi';
import { useCommand } from '../useCommand';

export interface StopShownRun {
  stop: (() => void) | undefined;
  title: string;
}

const LOCAL_TITLE = 'Stop the shown run: its finished steps keep their outputs, and Resume finishes it later';
const REMOTE_TITLE =
  'Stop the shown run on its runner: its finished steps keep their outputs, and once it has come in, Resume finishes it here';

/**
 * Stop, for the run on show while it is going: this tab's own run is interrupted by the conductor
 * (`stopRun`); a run going on a runner is stopped there the same way, and comes into the log.
 */
export function useStopShownRun(
  run: RunState | undefined,
  role: ConductorRole | 'read-only' | 'opening',
): StopShownRun {
  const execute = useCommand();
  const session = useSession();
  const going = run?.status === 'running' && role === 'leader' ? run : undefined;
  const runId = going?.runId;
  const remote = going?.remote?.live === true;
  const stop = useMemo(() => {
    if (runId === undefined) return undefined;
    if (!remote) return () => void execute({ type: 'stopRun', runId });
    return () => {
      notify('info', 'Stopping the run on its runner…');
      session.remote.cancel(runId).then(
        () =>
          notify(
            'info',
            'The runner stopped the run. It comes into the Runs list in a moment; Resume finishes it here.',
          ),
        (error: unknown) =>
          notify('error', `The run was not stopped: ${error instanceof Error ? error.message : String(error)}`),
      );
    };
  }, [execute, session, runId, remote]);
  return { stop, title: remote ? REMOTE_TITLE : LOCAL_TITLE };
}
