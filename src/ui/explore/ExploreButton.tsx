import { lazy, Suspense, useState } from 'react';
import type { RunState } from '../../core/run/runState';

// The form loads when it is first opened: it is not needed to show the timeline.
const ExploreDialog = lazy(() => import('./ExploreDialog').then((m) => ({ default: m.ExploreDialog })));

/** Beside "Fork from here" on the timeline: fork several variants at once from the same moment. */
export function ExploreButton({ run, atSeq }: { run: RunState; atSeq: number | undefined }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className="button small"
        aria-haspopup="dialog"
        disabled={atSeq === undefined}
        onClick={() => setOpen(true)}
        title="Fork 2–5 variants of a step from this moment, score them and promote the best"
      >
        Explore…
      </button>
      {open && atSeq !== undefined && (
        <Suspense fallback={null}>
          <ExploreDialog run={run} atSeq={atSeq} onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
}
