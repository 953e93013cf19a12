import { liveQuery } from 'dexie';
import { useEffect, useState } from 'react';
import { studioDb, type ProjectRecord } from '../storage/studioDb';

// The UI lists projects through this module, never the database (lint: src/ui may not import src/storage).
export type { ProjectRecord };

const LAST_PROJECT_KEY = 'conductor-studio:last-project';

export function newProjectId(): string {
  return `p_${crypto.randomUUID().replaceAll('-', '').slice(0, 12)}`;
}

export function rememberProject(projectId: string): void {
  localStorage.setItem(LAST_PROJECT_KEY, projectId);
}

export function lastProject(): string | null {
  return localStorage.getItem(LAST_PROJECT_KEY);
}

/** The projects in this browser, newest activity first, kept current as any tab changes them. */
export function useProjects(): ProjectRecord[] | undefined {
  const [projects, setProjects] = useState<ProjectRecord[] | undefined>(undefined);
  useEffect(() => {
    const subscription = liveQuery(() => studioDb().projects.orderBy('updatedAt').reverse().toArray()).subscribe({
      next: setProjects,
      error: () => setProjects([]),
    });
    return () => subscription.unsubscribe();
  }, []);
  return projects;
}
