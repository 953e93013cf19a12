import { useEffect, useRef } from 'react';
import { dismissNoticesWith, notify } from '../../app/uiStore';
import type { ProjectView, RunsContinued } from '../../app/projectView';
import { useProjectView, useSession } from '../../app/useProjectSession';
import { continuedRunsText } from '../runs/continuedRunsText';

const NONE: NonNullable<ProjectView['continued']> = [];

/**
 * What a change of leader means for the notices: once this tab leads, a refusal that said another
 * tab runs the project is no longer true and goes; each hand-over that continued runs says so in
 * one line.
 */
export function useHandoverNotices(): void {
  const session = useSession();
  const role = useProjectView((v) => v.role);
  const continued = useProjectView((v) => v.continued ?? NONE);
  useEffect(() => {
    if (role === 'leader') dismissNoticesWith('read-only');
  }, [role]);

  // By entry, not by count: another project's session starts its own list from nothing.
  const told = useRef(new WeakSet<RunsContinued>());
  useEffect(() => {
    const { runs, defs } = session.getView();
    for (const entry of continued) {
      if (told.current.has(entry)) continue;
      told.current.add(entry);
      notify('info', continuedRunsText(runs, defs, entry));
    }
    // Only a new hand-over says something; runs and defs are read as they are at that moment.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [continued]);
}
