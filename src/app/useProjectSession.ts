import { createContext, useContext, useEffect, useState, useSyncExternalStore } from 'react';
import { studioDb } from '../storage/studioDb';
import type { ProjectTemplate } from '../protocol/conductorApi';
import { ProjectSession } from './projectSession';
import type { ProjectView } from './projectView';

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

export function useProjectView(): ProjectView {
  const session = useSession();
  return useSyncExternalStore(session.subscribe, session.getView);
}
