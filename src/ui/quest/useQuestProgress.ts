import { useMemo } from 'react';
import { useProjectView, useSession } from '../../app/useProjectSession';
import { BUILTIN_LEVELS } from '../../core/quest/builtinLevels';
import { questProgress, type LevelProgress } from '../../core/quest/questProgress';

/** Function Quest progress, projected from the project's log; folded again only when runs change. */
export function useQuestProgress(): LevelProgress[] {
  const session = useSession();
  const view = useProjectView();
  // The log grows in place: its length (read on each new view) keys the fold.
  const logLength = view.status === 'ready' ? session.events().length : 0;
  return useMemo(() => questProgress(BUILTIN_LEVELS, session.events().slice(0, logLength)), [session, logLength]);
}
