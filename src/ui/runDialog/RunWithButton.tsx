import { useState } from 'react';
import type { FlowDefinition } from '../../core/project/projectState';
import { RunWithDialog } from './RunWithDialog';
import { useStudioRequest } from '../commands/studioRequests';

/** Beside Run: start a run with a chosen input and any outputs a person already has. */
export function RunWithButton({ flow, disabled }: { flow: FlowDefinition | undefined; disabled: boolean }) {
  const [open, setOpen] = useState(false);
  // The command palette's "Run with…" opens this same dialog.
  useStudioRequest('runWith', () => !disabled && flow && setOpen(true));
  return (
    <>
      <button
        type="button"
        className="button"
        aria-haspopup="dialog"
        disabled={disabled || !flow}
        onClick={() => setOpen(true)}
        title="Run with an input and outputs you already have"
      >
        Run with…
      </button>
      {open && flow && <RunWithDialog flow={flow} onClose={() => setOpen(false)} />}
    </>
  );
}
