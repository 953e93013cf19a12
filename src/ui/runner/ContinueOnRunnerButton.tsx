import { useState } from 'react';
import { continueOnRunner } from '../../app/continueOnRunner';
import { notify, showRun } from '../../app/uiStore';
import { useDefinitions, useSession } from '../../app/useProjectSession';
import type { RunState } from '../../core/run/runState';

/**
 * Beside "Fork from here" on the timeline: go on from this moment on the runner (Observe ▾ →
 * Runner holds its address) instead of in this tab, reusing the outputs finished by then.
 */
export function ContinueOnRunnerButton({ atMoment, disabled }: { atMoment: RunState; disabled: boolean }) {
  const session = useSession();
  const defs = useDefinitions();
  const [busy, setBusy] = useState(false);
  const flow = defs.flows.get(atMoment.flowId);
  const go = async () => {
    if (!flow) return;
    setBusy(true);
    try {
      const result = await continueOnRunner(session, atMoment, flow);
      if (!result.ok) return notify('error', `Could not continue on the runner: ${result.message}`);
      // The new remote run is the newest: the canvas follows it live.
      showRun(null);
    } finally {
      setBusy(false);
    }
  };
  return (
    <button
      type="button"
      className="button small"
      disabled={disabled || busy || !flow}
      onClick={() => void go()}
      title="Run the rest on the runner (its address is under Observe ▾ → Runner); the steps finished by this moment are not run again"
    >
      {busy ? 'Starting…' : 'Continue on runner'}
    </button>
  );
}
