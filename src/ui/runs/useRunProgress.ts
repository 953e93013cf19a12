import { useMemo } from 'react';
import type { RunState } from '../../core/run/runState';
import { runProgress, type RunProgress } from '../../core/run/runProgress';
import { useDefinitions } from '../../app/useProjectSession';

/** Where a run stands, with gates known by their model's kind (a quality, budget or approval gate). */
export function useRunProgress(run: RunState): RunProgress {
  const defs = useDefinitions();
  return useMemo(() => runProgress(run, (step) => defs.models.get(step.modelId)?.kind === 'gate'), [run, defs.models]);
}
