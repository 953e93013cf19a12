import { useMemo } from 'react';
import { useProjectView, useSession } from '../../app/useProjectSession';
import { BUILTIN_LEVELS } from '../../core/quest/builtinLevels';
import { projectQuestProgress, type LevelProgress } from '../../core/quest/questProgress';

/** Function Quest progress (the built-in levels, then the project's own), projected from the log; folded again only when it grows. */
export function useQuestProgress(): LevelProgress[] {
  const session = useSession();
  const view = useProjectView();
  // The log grows in place: its length (read on each new view) keys the fold.
  const logLength = view.status === 'ready' ? session.events().length : 0;
  const models = view.defs.models;
  return useMemo(() => projectQuestProgress(BUILTIN_LEVELS, models.values(), session.events().slice(0, logLength)), [session, logLength, models]);
}
