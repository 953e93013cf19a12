import { ReactFlowProvider } from '@xyflow/react';
import { useCallback, useEffect, useMemo } from 'react';
import { SessionContext, useOpenSession, useProjectView } from '../../app/useProjectSession';
import { notify, uiStore, useUi } from '../../app/uiStore';
import type { ProjectRecord } from '../../storage/studioDb';
import type { RunState } from '../../core/run/runState';
import type { ProjectTemplate } from '../../protocol/conductorApi';
import { useCommand } from '../useCommand';
import { FlowCanvas } from '../canvas/FlowCanvas';
import { Inspector } from '../inspector/Inspector';
import { Palette } from '../palette/Palette';
import { RunList } from '../runs/RunList';
import { ModelEditorPanel } from './ModelEditorPanel';
import { TopBar } from './TopBar';

interface WorkspaceProps {
  projectId: string;
  name: string;
  template: ProjectTemplate;
  projects: ProjectRecord[];
  onOpenProject: (projectId: string) => void;
  onNewProject: (template: ProjectTemplate) => void;
}

/** One open project: its session, and the studio's panels around the canvas. */
export function ProjectWorkspace(props: WorkspaceProps) {
  const session = useOpenSession(props.projectId, props.name, props.template);
  if (!session) return null;
  return (
    <SessionContext.Provider value={session}>
      <ReactFlowProvider>
        <Workspace {...props} />
      </ReactFlowProvider>
    </SessionContext.Provider>
  );
}

function Workspace({ projectId, projects, onOpenProject, onNewProject }: WorkspaceProps) {
  const view = useProjectView();
  const execute = useCommand();
  const pinnedRunId = useUi((s) => s.runId);
  const editingModel = useUi((s) => s.editingModel);
  const runInput = useUi((s) => s.runInput);
  const flow = useMemo(() => [...view.defs.flows.values()][0], [view.defs.flows]);
  const runs = view.runs;
  const flowRuns = useMemo(() => {
    const list: RunState[] = [];
    for (const id of runs.order) {
      const run = runs.runs.get(id);
      if (run && run.flowId === flow?.flowId) list.push(run);
    }
    return list.reverse();
  }, [runs, flow?.flowId]);
  const shownRun = (pinnedRunId !== null ? flowRuns.find((r) => r.runId === pinnedRunId) : undefined) ?? flowRuns[0];

  const run = useCallback(async () => {
    if (!flow) return;
    const result = await execute({ type: 'startRun', flowId: flow.flowId, input: runInput });
    if (result.ok) uiStore.setState({ runId: null });
  }, [execute, flow, runInput]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
        e.preventDefault();
        void run();
      } else if (e.key === 'Escape' && uiStore.getState().editingModel !== null) {
        uiStore.setState({ editingModel: null });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [run]);

  useEffect(() => {
    if (view.status === 'failed' && view.error) notify('error', view.error);
  }, [view.status, view.error]);

  return (
    <div className="studio">
      <TopBar projectId={projectId} projects={projects} flow={flow} running={shownRun?.status === 'running'} onRun={() => void run()} onOpenProject={onOpenProject} onNewProject={onNewProject} />
      <main className="studio__body">
        {view.status === 'opening' && <p className="centre-note">Opening project…</p>}
        {view.status === 'failed' && (
          <p className="centre-note" role="alert">
            {view.error}
          </p>
        )}
        {view.status === 'ready' && flow && (
          <>
            <nav className="sidebar" aria-label="Models and runs">
              <Palette defs={view.defs} flow={flow} />
              <RunList runs={flowRuns} shownRunId={shownRun?.runId} />
            </nav>
            <FlowCanvas flow={flow} run={shownRun} />
            {editingModel !== null ? <ModelEditorPanel editing={editingModel} /> : <Inspector flow={flow} run={shownRun} />}
          </>
        )}
      </main>
    </div>
  );
}
