import type { RunId } from '../core/ids';
import type { ProjectSession } from './projectSession';

/** The exploration's variant runs, once the session has folded its start; undefined before. */
function variantRuns(session: ProjectSession, exploreId: string): string[] | undefined {
  const started = session.events().findLast((e) => e.type === 'explore.started' && e.data.exploreId === exploreId);
  return started?.type === 'explore.started' ? started.data.variants.map((v) => v.runId) : undefined;
}

/** True once the exploration is known and every one of its runs has ended, as the session's view folds them. */
function allEnded(session: ProjectSession, exploreId: string): boolean {
  const runIds = variantRuns(session, exploreId);
  return (
    runIds !== undefined &&
    runIds.every((runId) => {
      const status = session.getView().runs.runs.get(runId as RunId)?.status;
      return status !== undefined && status !== 'running';
    })
  );
}

/**
 * Asks the conductor to score an exploration once all its variants have ended, whichever panel
 * is open. The Explore view asks too (for an exploration whose tab closed midway); the conductor
 * records one scoring and refuses any other, so asking twice is harmless and stays quiet.
 */
export function scoreWhenFinished(session: ProjectSession, exploreId: string): void {
  const score = () => void session.execute({ type: 'scoreExplore', exploreId });
  if (allEnded(session, exploreId)) return score();
  const stop = session.subscribe(() => {
    if (!allEnded(session, exploreId)) return;
    stop();
    score();
  });
}
