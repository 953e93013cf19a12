import { useMemo } from 'react';
import type { ProjectSession } from '../../app/projectSession';
import { useFoldedEventCount, useSession } from '../../app/useProjectSession';
import type { StoredEvent } from '../../core/events/storedEvent';
import { MetricsFold } from '../../core/metrics/metricsFold';

/** One fold per open session, kept while the session lives (and across the panel closing and opening). */
const folds = new WeakMap<ProjectSession, { fold: MetricsFold; first: StoredEvent | undefined }>();

const clockNow = () => Date.now();

/** Folds the events the session has that the fold has not seen yet, and returns it. */
function caughtUp(session: ProjectSession): MetricsFold {
  const events = session.events();
  let kept = folds.get(session);
  // The log was read again from the start (a damaged log reopened read-only): so is the fold.
  if (!kept || events.length < kept.fold.eventCount || (kept.first !== undefined && events[0] !== kept.first)) {
    kept = { fold: new MetricsFold(), first: events[0] };
    folds.set(session, kept);
  }
  kept.first ??= events[0];
  for (let i = kept.fold.eventCount; i < events.length; i++) kept.fold.observe(events[i] as StoredEvent);
  return kept.fold;
}

/**
 * The project's metrics fold, kept up to date from the session's log: each new view folds only
 * the events that arrived since the last one (the fold is incremental, so this is the same as
 * folding the whole log again). Returns the fold, its version (to key memos on), and the time it caught up.
 */
export function useMetricsFold(): { fold: MetricsFold; version: number; now: number } {
  const session = useSession();
  const folded = useFoldedEventCount();
  return useMemo(() => {
    const fold = caughtUp(session);
    // "The last hour" ends now: taken when new events arrive, not on every render.
    return { fold, version: fold.version, now: clockNow() };
    // The count changes whenever the session folds new events.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [session, folded]);
}
