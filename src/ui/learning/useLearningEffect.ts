import { useMemo } from 'react';
import type { ProjectSession } from '../../app/projectSession';
import { useFoldedEventCount, useSession } from '../../app/useProjectSession';
import type { StoredEvent } from '../../core/events/storedEvent';
import { LearningEffectFold, type LearningEffect } from '../../core/learning/learningEffect';

/** One fold per open session: each new view folds only the events that arrived since the last. */
const folds = new WeakMap<ProjectSession, { fold: LearningEffectFold; first: StoredEvent | undefined }>();

function caughtUp(session: ProjectSession): LearningEffectFold {
  const events = session.events();
  let kept = folds.get(session);
  // The log was read again from the start (a damaged log reopened read-only): so is the fold.
  if (!kept || events.length < kept.fold.eventCount || (kept.first !== undefined && events[0] !== kept.first)) {
    kept = { fold: new LearningEffectFold(), first: events[0] };
    folds.set(session, kept);
  }
  kept.first ??= events[0];
  for (let i = kept.fold.eventCount; i < events.length; i++) kept.fold.observe(events[i] as StoredEvent);
  return kept.fold;
}

/** Runs of one flow with the chain as written against runs whose order was learned, kept up to date from the log. */
export function useLearningEffect(flowId: string): LearningEffect {
  const session = useSession();
  const folded = useFoldedEventCount();
  // The count changes whenever the session folds new events.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useMemo(() => caughtUp(session).effect(flowId), [session, folded, flowId]);
}
