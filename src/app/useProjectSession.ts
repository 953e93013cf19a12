import { createContext, useContext, useEffect, useState, useSyncExternalStore } from 'react';
import { studioDb } from '../storage/studioDb';
import type { ProjectTemplate } from '../protocol/conductorApi';
import { ProjectSession } from './projectSession';
import type { ProjectView } from './projectView';
import type { ProjectDefinitions } from '../core/project/projectState';

/** Opens a session for the project and closes it when the project changes or the view unmounts. */
export function useOpenSession(projectId: string, name: string, template: ProjectTemplate): ProjectSession | null {
  const [session, setSession] = useState<ProjectSession | null>(null);
  useEffect(() => {
    const next = new ProjectSession(studioDb(), projectId);
    setSession(next);
    // Opened a task later: React's strict mode mounts twice, and a conductor started and killed
    // at once would only make the second one wait for the lock.
    const timer = setTimeout(() => void next.open(name, template), 0);
    return () => {
      clearTimeout(timer);
      next.close();
    };
    // name and template only matter when the project is first created
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [projectId]);
  return session;
}

export const SessionContext = createContext<ProjectSession | null>(null);

export function useSession(): ProjectSession {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession is used outside an open project');
  return session;
}

/**
 * The part of the open project's view a component draws. A component re-renders only when what
 * `pick` returns changes (by `Object.is`): pick one field, or several through `useShallow` from
 * zustand/react/shallow. The view keeps the identity of every part a fold did not change, so a
 * run's events leave a component that draws only definitions alone.
 */
export function useProjectView<T>(pick: (view: ProjectView) => T): T {
  const session = useSession();
  return useSyncExternalStore(session.subscribe, () => pick(session.getView()));
}

/**
 * How many events the session has folded: for views that fold the log themselves (metrics,
 * learning, quests) and must catch up whenever it grows, whatever part of the view changed.
 */
export function useFoldedEventCount(): number {
  const session = useSession();
  return useSyncExternalStore(session.subscribe, () => session.events().length);
}

/** Per session, the definitions last handed to the page. */
const drawnDefinitions = new WeakMap<ProjectSession, ProjectDefinitions>();

/** True when two definitions differ at most in `headSeq`, which every event moves and no view draws. */
function sameButHeadSeq(a: ProjectDefinitions, b: ProjectDefinitions): boolean {
  const keys = Object.keys(b) as Array<keyof ProjectDefinitions>;
  return keys.length === Object.keys(a).length && keys.every((key) => key === 'headSeq' || a[key] === b[key]);
}

/**
 * The project's definitions (models, flows, policies…) as the page draws them. The fold gives the
 * definitions a new `headSeq` with every event, a run's included; this keeps the object a component
 * last drew until something it could draw changes, so a run's events do not re-render the models
 * list, the command palette or a settings document. Do not read `headSeq` from it.
 */
export function useDefinitions(): ProjectDefinitions {
  const session = useSession();
  return useProjectView((view) => {
    const last = drawnDefinitions.get(session);
    if (last !== undefined && (last === view.defs || sameButHeadSeq(last, view.defs))) return last;
    drawnDefinitions.set(session, view.defs);
    return view.defs;
  });
}
