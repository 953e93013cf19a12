import { useShallow } from 'zustand/react/shallow';
import { useState, memo } from 'react';
import type { FlowDefinition } from '../../core/project/projectState';
import type { ProjectRecord } from '../../app/projectsIndex';
import { useProjectView } from '../../app/useProjectSession';
import type { ProjectTemplate } from '../../protocol/conductorApi';
import { ProjectMenu } from '../share/ProjectMenu';
import { RunWithButton } from '../runDialog/RunWithButton';
import { ObserveMenu } from '../observe/ObserveMenu';
import { LayoutButtons } from './LayoutButtons';
import { RunInputField } from './RunInputField';

export interface OpenProjectRequest {
  projectId: string;
  name: string;
  template: ProjectTemplate;
}

interface TopBarProps {
  projectId: string;
  projects: ProjectRecord[];
  flow: FlowDefinition | undefined;
  running: boolean;
  /** The run shown has ended: the button offers to run again. Never while it is still going. */
  finished?: boolean;
  onRun: () => void;
  /** Stops the shown run; absent while no run is going (or this tab cannot change the project). */
  onStop?: (() => void) | undefined;
  /** What Stop does to the shown run (a run on a runner is cancelled there). */
  stopTitle?: string;
  onOpenProject: (projectId: string) => void;
  onNewProject: (template: ProjectTemplate) => void;
}

/** Project switcher, run input, Run with… and the Run button. */
export const TopBar = memo(function TopBar({
  projectId,
  projects,
  flow,
  running,
  finished = false,
  onRun,
  onStop,
  stopTitle,
  onOpenProject,
  onNewProject,
}: TopBarProps) {
  const { name, role, damage } = useProjectView(
    useShallow((v) => ({ name: v.defs.name, role: v.role, damage: v.damage })),
  );
  const [menuOpen, setMenuOpen] = useState(false);
  return (
    <header className="topbar">
      <span className="brand" aria-hidden="true">
        ◆ Conductor Studio
      </span>
      <label className="topbar__project">
        <span className="visually-hidden">Project</span>
        <select aria-label="Project" value={projectId} onChange={(e) => onOpenProject(e.target.value)}>
          {!projects.some((p) => p.projectId === projectId) && <option value={projectId}>{name || 'Opening…'}</option>}
          {projects.map((p) => (
            <option key={p.projectId} value={p.projectId}>
              {p.projectId === projectId && name ? name : p.name}
            </option>
          ))}
        </select>
      </label>
      <div className="topbar__menu">
        <button type="button" className="button ghost" aria-expanded={menuOpen} onClick={() => setMenuOpen((o) => !o)}>
          New project
        </button>
        {menuOpen && (
          <div className="menu" role="menu">
            <button type="button" role="menuitem" onClick={() => (setMenuOpen(false), onNewProject('empty'))}>
              Empty project
            </button>
            <button type="button" role="menuitem" onClick={() => (setMenuOpen(false), onNewProject('example'))}>
              Example: software pipeline
            </button>
            <button type="button" role="menuitem" onClick={() => (setMenuOpen(false), onNewProject('churn'))}>
              Example: customer churn
            </button>
            <button type="button" role="menuitem" onClick={() => (setMenuOpen(false), onNewProject('venture'))}>
              Example: venture pipeline
            </button>
            <button type="button" role="menuitem" onClick={() => (setMenuOpen(false), onNewProject('checks'))}>
              Example: release checks
            </button>
            <button type="button" role="menuitem" onClick={() => (setMenuOpen(false), onNewProject('quest'))}>
              Function Quest
            </button>
          </div>
        )}
      </div>
      <ProjectMenu projectId={projectId} projects={projects} onOpenProject={onOpenProject} />
      <ObserveMenu />
      {role === 'follower' && (
        <span className="badge warn" role="status">
          Following another tab (read-only)
        </span>
      )}
      {role === 'read-only' && (
        <span className="badge error" role="alert" title={damage}>
          Damaged log: read-only
        </span>
      )}
      <span className="spacer" />
      <LayoutButtons />
      <RunInputField />
      <RunWithButton flow={flow} disabled={role !== 'leader'} />
      {onStop && (
        <button type="button" className="button" onClick={onStop} title={stopTitle}>
          Stop
        </button>
      )}
      <button
        type="button"
        className="button primary"
        onClick={onRun}
        disabled={!flow || role !== 'leader'}
        aria-keyshortcuts="Control+Enter"
        title={
          running ? 'A run is still going: this starts another one beside it (Ctrl+Enter)' : 'Run the flow (Ctrl+Enter)'
        }
      >
        {finished ? 'Run again' : 'Run'}
      </button>
    </header>
  );
});
