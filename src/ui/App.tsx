import { useCallback, useEffect, useState } from 'react';
import { lastProject, newProjectId, rememberProject, useProjects } from '../app/projectsIndex';
import { uiStore } from '../app/uiStore';
import type { ProjectTemplate } from '../protocol/conductorApi';
import { Notices } from './shell/Notices';
import { ProjectWorkspace } from './shell/ProjectWorkspace';

interface Active {
  projectId: string;
  name: string;
  template: ProjectTemplate;
}

const EXAMPLE_NAME = 'Example: software pipeline';

/** Opens the last project, or on a first visit creates the built-in example, which runs with no API key. */
export function App() {
  const projects = useProjects();
  const [active, setActive] = useState<Active | null>(null);

  useEffect(() => {
    if (active || projects === undefined) return;
    const remembered = lastProject();
    const pick = projects.find((p) => p.projectId === remembered) ?? projects[0];
    setActive(
      pick
        ? { projectId: pick.projectId, name: pick.name, template: 'empty' }
        : { projectId: newProjectId(), name: EXAMPLE_NAME, template: 'example' },
    );
  }, [projects, active]);

  useEffect(() => {
    if (active) rememberProject(active.projectId);
  }, [active]);

  const open = useCallback(
    (projectId: string) => {
      const found = projects?.find((p) => p.projectId === projectId);
      if (!found) return;
      uiStore.setState({ selection: null, runId: null, editingModel: null });
      setActive({ projectId, name: found.name, template: 'empty' });
    },
    [projects],
  );

  const create = useCallback(
    (template: ProjectTemplate) => {
      uiStore.setState({
        selection: null,
        runId: null,
        editingModel: null,
        ...(template === 'quest' ? { panel: 'quest' as const } : {}),
      });
      const count = (projects?.length ?? 0) + 1;
      const names: Partial<Record<ProjectTemplate, string>> = {
        example: EXAMPLE_NAME,
        churn: 'Example: customer churn',
        venture: 'Example: venture pipeline',
        checks: 'Example: release checks',
        quest: 'Function Quest',
      };
      const name = names[template] ?? `Untitled project ${count}`;
      setActive({ projectId: newProjectId(), name, template });
    },
    [projects],
  );

  return (
    <>
      {active && projects && (
        <ProjectWorkspace
          key={active.projectId}
          {...active}
          projects={projects}
          onOpenProject={open}
          onNewProject={create}
        />
      )}
      {!active && <p className="centre-note">Starting the studio…</p>}
      <Notices />
    </>
  );
}
