import { useMemo } from 'react';
import { useFoldedEventCount, useProjectView, useSession } from '../../app/useProjectSession';
import { BUILTIN_LEVELS } from '../../core/quest/builtinLevels';
import { projectQuestProgress, type LevelProgress } from '../../core/quest/questProgress';

/** Function Quest progress (the built-in levels, then the project's own), projected from the log; folded again only when it grows. */
export function useQuestProgress(): LevelProgress[] {
  const session = useSession();
  const ready = useProjectView((v) => v.status === 'ready');
  const models = useProjectView((v) => v.defs.models);
  // The log grows in place: its length keys the fold.
  const folded = useFoldedEventCount();
  const logLength = ready ? folded : 0;
  return useMemo(
    () => projectQuestProgress(BUILTIN_LEVELS, models.values(), session.events().slice(0, logLength)),
    [session, logLength, models],
  );
}
