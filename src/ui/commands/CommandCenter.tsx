import { lazy, Suspense, useCallback, useMemo, useState, memo } from 'react';
import type { FlowDefinition } from '../../core/project/projectState';
import type { ProjectRecord } from '../../app/projectsIndex';
import type { ProjectTemplate } from '../../protocol/conductorApi';
import { showPanel } from '../../app/panels';
import { openFlow, uiStore } from '../../app/uiStore';
import { openExplain } from '../explain/explainStore';
import { useDefinitions, useProjectView } from '../../app/useProjectSession';
import { startNewModel } from '../palette/newModelChoices';
import { studioActions, type ActionHandlers } from './studioActions';
import { requestStudio } from './studioRequests';
import { useCommandKeys } from './useCommandKeys';
import { useSelectAllSteps } from './useSelectAllSteps';

// cmdk and the sheet are not needed to open the studio: they load on the first Ctrl+K or `?`.
const CommandPalette = lazy(() => import('./CommandPalette'));
const ShortcutsSheet = lazy(() => import('./ShortcutsSheet'));

/** The theme lives elsewhere; whoever draws it listens for this. */
export const TOGGLE_THEME_EVENT = 'studio:toggle-theme';

interface CommandCenterProps {
  flow: FlowDefinition | undefined;
  projectId: string;
  projects: ProjectRecord[];
  onOpenProject: (projectId: string) => void;
  onNewProject: (template: ProjectTemplate) => void;
  run: () => Promise<unknown>;
  /** Stops the shown run; absent while no run is going. */
  stop?: (() => void) | undefined;
  undo: () => void;
  redo: () => void;
}

/** The command palette (Ctrl+K, Ctrl+Shift+P), the shortcut sheet (`?`) and Ctrl+A on the canvas. */
export const CommandCenter = memo(function CommandCenter({
  flow,
  projectId,
  projects,
  onOpenProject,
  onNewProject,
  run,
  stop,
  undo,
  redo,
}: CommandCenterProps) {
  const defs = useDefinitions();
  const role = useProjectView((v) => v.role);
  const [open, setOpen] = useState<'palette' | 'shortcuts' | null>(null);
  const selectAllSteps = useSelectAllSteps();
  const openPalette = useCallback(() => setOpen('palette'), []);
  const openShortcuts = useCallback(() => setOpen('shortcuts'), []);
  const close = useCallback(() => setOpen(null), []);
  useCommandKeys({ openPalette, openShortcuts, selectAllSteps });

  const actions = useMemo(() => {
    if (open === null) return [];
    // The selection and the shown run are read each time the palette opens.
    const explain = explainAction(flow);
    const on: ActionHandlers = {
      run: () => void run(),
      ...(stop ? { stop } : {}),
      ...(explain ? { explain } : {}),
      runWith: () => requestStudio('runWith', null),
      undo,
      redo,
      selectAllSteps,
      tidyUp: () => requestStudio('tidyUp', null),
      addStep: (modelId) => requestStudio('addStep', modelId),
      newModel: startNewModel,
      showPanel,
      projectMenu: (item) => requestStudio('projectMenu', item),
      openProject: onOpenProject,
      openFlow: (flowId) => openFlow(flowId),
      newFlow: () => requestStudio('newFlow', null),
      newProject: onNewProject,
      toggleTheme: () => window.dispatchEvent(new Event(TOGGLE_THEME_EVENT)),
      showShortcuts: openShortcuts,
    };
    return studioActions({ defs, flowId: flow?.flowId, projectId, projects, canEdit: role === 'leader' }, on);
  }, [
    open,
    defs,
    flow,
    projectId,
    projects,
    role,
    run,
    stop,
    undo,
    redo,
    selectAllSteps,
    onOpenProject,
    onNewProject,
    openShortcuts,
  ]);

  return (
    <Suspense fallback={null}>
      {open === 'palette' && <CommandPalette actions={actions} onClose={close} />}
      {open === 'shortcuts' && <ShortcutsSheet actions={actions} onClose={close} />}
    </Suspense>
  );
});

/** What "Explain" in the palette explains, read when it opens: the selected step, in the shown run. */
function explainAction(flow: FlowDefinition | undefined): ActionHandlers['explain'] {
  const { selection, runId } = uiStore.getState();
  if (runId === null || selection?.kind !== 'step') return undefined;
  const step = flow?.steps.get(selection.id as never);
  if (!step) return undefined;
  return { title: `Explain “${step.label}”`, run: () => openExplain({ kind: 'step', runId, stepId: step.stepId }) };
}
