import { useShallow } from 'zustand/react/shallow';
import { ReactFlowProvider } from '@xyflow/react';
import { lazy, Suspense, useCallback, useEffect, useMemo } from 'react';
import {
  SessionContext,
  useDefinitions,
  useOpenSession,
  useProjectView,
  useSession,
} from '../../app/useProjectSession';
import { panelEntry } from './panelRegistry';
import { notify, showNoticesOf, uiStore, useUi } from '../../app/uiStore';
import type { ProjectRecord } from '../../app/projectsIndex';
import type { ProjectTemplate } from '../../protocol/conductorApi';
import type { RunState } from '../../core/run/runState';
import { useCommand } from '../useCommand';
import { FlowCanvas } from '../canvas/FlowCanvas';
import { Palette } from '../palette/Palette';
import { RunList } from '../runs/RunList';
import { RunStatusHeader } from '../runs/RunStatusHeader';
import { Timeline } from '../timeline/Timeline';
import { usePlaybackPulses } from '../timeline/usePlaybackPulses';
import { FlowToolbar } from './FlowToolbar';
import { IntentsToolbar } from '../intents/IntentsToolbar';
import { AlertNotifier } from '../alerts/AlertNotifier';
import { ModelEditorPanel } from './ModelEditorPanel';
import { useSubflowOpener } from './useSubflowOpener';
import { TopBar } from './TopBar';
import { useStudioShortcuts } from './useStudioShortcuts';
import { VersionBanner } from './VersionBanner';
import { useHandoverNotices } from './useHandoverNotices';
import { CommandCenter } from '../commands/CommandCenter';
import { keepRunInputFor } from '../../app/runInputs';
import { Splitter } from './Splitter';
import { usePanelColumns } from './usePanelColumns';
import { useStopShownRun } from './useStopShownRun';

// Comparing two runs (and its diff library) loads when first asked for.
const ComparePanel = lazy(() => import('../compare/ComparePanel').then((m) => ({ default: m.ComparePanel })));

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
  useEffect(() => showNoticesOf(props.projectId), [props.projectId]);
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

function Workspace({ projectId, template, projects, onOpenProject, onNewProject }: WorkspaceProps) {
  // What the layout itself draws; each panel subscribes to its own part of the view.
  const { status, error, damage, role, runs } = useProjectView(
    useShallow((v) => ({ status: v.status, error: v.error, damage: v.damage, role: v.role, runs: v.runs })),
  );
  const defs = useDefinitions();
  const session = useSession();
  const execute = useCommand();
  const { pinnedRunId, cursor, editingModel, runInput, compareRunId, panel, viewingVersion, chosenFlowId } = useUi(
    useShallow((s) => ({
      pinnedRunId: s.runId,
      cursor: s.cursor,
      editingModel: s.editingModel,
      runInput: s.runInput,
      compareRunId: s.compareRunId,
      panel: s.panel,
      viewingVersion: s.viewingVersion,
      chosenFlowId: s.flowId,
    })),
  );
  // The chosen flow, or the project's first (a new project, or a chosen flow that is gone).
  const flow = useMemo(
    () => defs.flows.get(chosenFlowId as never) ?? [...defs.flows.values()][0],
    [defs.flows, chosenFlowId],
  );
  const openSubflow = useSubflowOpener(flow, defs);
  const flowRuns = useMemo(() => {
    const list: RunState[] = [];
    for (const id of runs.order) {
      const run = runs.runs.get(id);
      if (run && run.flowId === flow?.flowId) list.push(run);
    }
    return list.reverse();
  }, [runs, flow?.flowId]);
  const shownRun = (pinnedRunId !== null ? flowRuns.find((r) => r.runId === pinnedRunId) : undefined) ?? flowRuns[0];
  const replay = shownRun ? session.replayOf(shownRun.runId) : undefined;
  // A replay grows in place, also by events that are not its run's (an alert the run tipped): its length is drawn.
  const replayLength = useProjectView(() => replay?.length ?? 0);
  // The canvas and inspector show the run as it was at the cursor; with no cursor, as it is now.
  const displayRun = shownRun && replay && cursor !== null ? replay.at(cursor) : shownRun;
  const pulseEvents = usePlaybackPulses(replay, cursor);
  // Folding the definitions up to a version is linear in the log: once per version viewed, not per render.
  const flowId = flow?.flowId;
  const viewedFlow = useMemo(
    () => (flowId !== undefined && viewingVersion !== null ? session.flowAt(flowId, viewingVersion) : undefined),
    [session, flowId, viewingVersion],
  );
  const compareRun = compareRunId !== null ? runs.runs.get(compareRunId as never) : undefined;
  const runName = (run: RunState) => `Run ${flowRuns.length - flowRuns.indexOf(run)}`;

  const run = useCallback(async () => {
    if (!flow) return;
    const result = await execute({ type: 'startRun', flowId: flow.flowId, input: runInput });
    if (result.ok) uiStore.setState({ runId: null, cursor: null, playing: false });
  }, [execute, flow, runInput]);
  const runNow = useCallback(() => void run(), [run]);
  const { stop, title: stopTitle } = useStopShownRun(shownRun, role);
  const undo = useCallback(() => flow && void execute({ type: 'undo', flowId: flow.flowId }), [execute, flow]);
  const redo = useCallback(() => flow && void execute({ type: 'redo', flowId: flow.flowId }), [execute, flow]);
  const step = useCallback(
    (by: 1 | -1) => {
      if (!replay || !shownRun) return;
      const end = replay.length - 1;
      const next = Math.max(0, Math.min(end, (uiStore.getState().cursor ?? end) + by));
      uiStore.setState({ cursor: next === end && shownRun.status === 'running' ? null : next, playing: false });
    },
    [replay, shownRun],
  );
  useStudioShortcuts({ run: runNow, undo, redo, step });
  useHandoverNotices();
  useEffect(() => keepRunInputFor(projectId, template), [projectId, template]);
  const columns = usePanelColumns(editingModel !== null ? 'model editor' : panel);

  // Another project: its flows are not this one's.
  useEffect(() => uiStore.setState({ flowId: null, outerFlowIds: [] }), [projectId]);

  useEffect(() => {
    if (status === 'failed' && error) notify('error', error);
  }, [status, error]);
  useEffect(() => {
    if (damage) notify('error', damage);
  }, [damage]);

  const rightPanel = () => {
    if (!flow) return null;
    if (editingModel !== null) return <ModelEditorPanel editing={editingModel} />;
    if (compareRun && shownRun && compareRun.runId !== shownRun.runId) {
      // Older on the left, newer on the right: a diff reads as what changed since.
      const [a, b] = compareRun.startedAt <= shownRun.startedAt ? [compareRun, shownRun] : [shownRun, compareRun];
      return <ComparePanel a={a} b={b} names={[runName(a), runName(b)]} />;
    }
    // Only a panel that draws the shown run is handed it: the others stay still while it goes.
    const { View, followsRun } = panelEntry(panel);
    return followsRun ? <View flow={flow} run={displayRun} /> : <View flow={flow} />;
  };

  return (
    <div className="studio">
      <TopBar
        projectId={projectId}
        projects={projects}
        flow={flow}
        running={shownRun?.status === 'running'}
        onStop={stop}
        stopTitle={stopTitle}
        finished={shownRun?.status === 'succeeded' || shownRun?.status === 'failed'}
        onRun={runNow}
        onOpenProject={onOpenProject}
        onNewProject={onNewProject}
      />
      <main className="studio__body" style={columns.style}>
        {status === 'opening' && <p className="centre-note">Opening project…</p>}
        {status === 'failed' && (
          <p className="centre-note" role="alert">
            {error}
          </p>
        )}
        {status === 'ready' && flow && (
          <>
            {columns.leftShown && (
              <nav className="sidebar" aria-label="Models and runs">
                <Palette defs={defs} flow={flow} />
                <RunList runs={flowRuns} shownRunId={shownRun?.runId} />
              </nav>
            )}
            <Splitter side="left" />
            <div className="centre" onDoubleClick={openSubflow}>
              <div className="canvas-bar">
                <FlowToolbar flow={flow} />
                <IntentsToolbar />
                <AlertNotifier />
              </div>
              {viewedFlow && <VersionBanner flowId={flow.flowId} seq={viewingVersion as number} />}
              {shownRun && displayRun && !viewedFlow && <RunStatusHeader run={displayRun} name={runName(shownRun)} />}
              <FlowCanvas
                key={flow.flowId}
                flow={viewedFlow ?? flow}
                run={viewedFlow ? undefined : displayRun}
                readOnly={viewedFlow !== undefined}
                {...(pulseEvents ? { pulseEvents } : {})}
              />
              {shownRun && replay && replayLength > 0 && !viewedFlow && <Timeline replay={replay} run={shownRun} />}
            </div>
            <Splitter side="right" />
            {columns.rightShown && (
              <Suspense
                fallback={
                  <aside className="panel-loading" aria-busy="true">
                    Loading…
                  </aside>
                }
              >
                {rightPanel()}
              </Suspense>
            )}
          </>
        )}
      </main>
      <CommandCenter
        flow={flow}
        projectId={projectId}
        projects={projects}
        onOpenProject={onOpenProject}
        onNewProject={onNewProject}
        run={run}
        stop={stop}
        undo={undo}
        redo={redo}
      />
    </div>
  );
}
