import { PANELS } from '../shell/panelRegistry';
import type { ProjectDefinitions } from '../../core/project/projectState';
import type { PanelName } from '../../app/panels';
import { kindsOf } from '../../app/kinds';
import { kindLabel } from '../modelEditor/definitionKinds';
import { newModelChoices } from '../palette/newModelChoices';
import type { ProjectMenuItem } from './studioRequests';
import type { ProjectTemplate } from '../../protocol/conductorApi';
import { PROJECT_TEMPLATES } from '../shell/projectTemplates';

export type ActionGroup =
  | 'Run'
  | 'Edit'
  | 'Add a step'
  | 'New model'
  | 'Panels'
  | 'Observe'
  | 'Project'
  | 'Switch flow'
  | 'Switch project'
  | 'View';

/** One thing the studio can do, as the command palette lists it and the shortcut sheet shows its keys. */
export interface StudioAction {
  id: string;
  title: string;
  group: ActionGroup;
  /** Keys as a person reads them ("Ctrl+Enter"); each space-separated part is one alternative. */
  shortcut?: string;
  /** More words the search matches (a model's kind, a panel's other name). */
  keywords?: string[];
  run: () => void;
}

/** What the actions do: each is the code path of the button that does the same. */
export interface ActionHandlers {
  run: () => void;
  /** Present only while the shown run is going. */
  stop?: () => void;
  /** Present while there is something to explain: the selected step, in the shown run. */
  explain?: { title: string; run: () => void };
  runWith: () => void;
  undo: () => void;
  redo: () => void;
  selectAllSteps: () => void;
  tidyUp: () => void;
  addStep: (modelId: string) => void;
  newModel: (templateKey: string) => void;
  showPanel: (panel: PanelName) => void;
  projectMenu: (item: ProjectMenuItem) => void;
  openProject: (projectId: string) => void;
  openFlow: (flowId: string) => void;
  newFlow: () => void;
  newProject: (template: ProjectTemplate) => void;
  toggleTheme: () => void;
  showShortcuts: () => void;
}

/** What the list depends on: the open project's definitions, the flow on the canvas, the other projects. */
export interface ActionContext {
  defs: ProjectDefinitions;
  /** The flow on the canvas, if the project has one. */
  flowId: string | undefined;
  projectId: string;
  projects: ReadonlyArray<{ projectId: string; name: string }>;
  /** This tab may change the project (it leads it; a follower or a damaged log only looks). */
  canEdit: boolean;
}

const PROJECT_MENU: Array<{ item: ProjectMenuItem; title: string; keywords?: string[] }> = [
  { item: 'export', title: 'Export…', keywords: ['save', 'file', 'download'] },
  { item: 'import', title: 'Import…', keywords: ['open', 'file', 'upload'] },
  { item: 'share', title: 'Share link…', keywords: ['url'] },
  { item: 'extensions', title: 'Extensions…', keywords: ['install', 'kinds'] },
  { item: 'storage', title: 'Storage', keywords: ['quota', 'space'] },
  { item: 'keys', title: 'API keys…', keywords: ['openai', 'secret'] },
  { item: 'signing', title: 'Signing keys…', keywords: ['trust', 'fingerprint'] },
  { item: 'settings', title: 'Settings…', keywords: ['preferences', 'continue'] },
];

/**
 * Every action the studio offers for the project as it is, in the order the palette lists them
 * before a search: running, editing, adding steps (one per model, by name), new models (one per
 * kind template, extensions included), panels, the project menu, other flows and projects, the view.
 * Actions that change the project are left out where this tab cannot change it.
 */
export function studioActions(ctx: ActionContext, on: ActionHandlers): StudioAction[] {
  const { defs, flowId, canEdit } = ctx;
  const actions: StudioAction[] = [];
  const hasFlow = flowId !== undefined && defs.flows.has(flowId as never);
  const kinds = kindsOf(defs);

  if (hasFlow && canEdit) {
    actions.push(
      { id: 'run', title: 'Run', group: 'Run', shortcut: 'Ctrl+Enter', keywords: ['start', 'go'], run: on.run },
      { id: 'run-with', title: 'Run with…', group: 'Run', keywords: ['input', 'outputs you have'], run: on.runWith },
      ...(on.stop
        ? [
            {
              id: 'stop',
              title: 'Stop the run',
              group: 'Run' as const,
              keywords: ['cancel', 'halt', 'interrupt'],
              run: on.stop,
            },
          ]
        : []),
      { id: 'undo', title: 'Undo', group: 'Edit', shortcut: 'Ctrl+Z', run: on.undo },
      { id: 'redo', title: 'Redo', group: 'Edit', shortcut: 'Ctrl+Shift+Z Ctrl+Y', run: on.redo },
    );
  }
  if (on.explain)
    actions.push({
      id: 'explain',
      title: on.explain.title,
      group: 'Observe',
      keywords: ['why', 'cause', 'explain'],
      run: on.explain.run,
    });
  if (hasFlow)
    actions.push({
      id: 'select-all',
      title: 'Select all steps',
      group: 'Edit',
      shortcut: 'Ctrl+A',
      run: on.selectAllSteps,
    });
  if (hasFlow && canEdit)
    actions.push({
      id: 'tidy-up',
      title: 'Tidy up',
      group: 'Edit',
      shortcut: 'Shift+Alt+L',
      keywords: ['layout', 'arrange', 'auto-layout'],
      run: on.tidyUp,
    });

  if (hasFlow && canEdit) {
    const models = [...defs.models.values()].sort((a, b) => a.name.localeCompare(b.name));
    for (const m of models)
      actions.push({
        id: `add-step:${m.modelId}`,
        title: `Add step: ${m.name}`,
        group: 'Add a step',
        keywords: [kindLabel(kinds, m), 'model'],
        run: () => on.addStep(m.modelId),
      });
  }
  if (canEdit) {
    for (const choice of newModelChoices(kinds)) {
      actions.push({
        id: `new-model:${choice.key}`,
        title: `New model: ${choice.label}`,
        group: 'New model',
        keywords: [choice.hint, ...(choice.extension ? ['extension'] : [])],
        run: () => on.newModel(choice.key),
      });
    }
  }

  // The registry lists each panel once; Panels come before Observe, as the registry orders them.
  for (const p of PANELS) {
    if (p.listed === 'none' || (p.needsFlow && !hasFlow)) continue;
    actions.push({
      id: `panel:${p.id}`,
      title: `Open ${p.title}`,
      group: p.listed === 'panels' ? 'Panels' : 'Observe',
      keywords: [...p.keywords],
      run: () => on.showPanel(p.id),
    });
  }
  for (const m of PROJECT_MENU)
    actions.push({
      id: `project:${m.item}`,
      title: m.title,
      group: 'Project',
      ...(m.keywords ? { keywords: m.keywords } : {}),
      run: () => on.projectMenu(m.item),
    });
  for (const t of PROJECT_TEMPLATES)
    actions.push({
      id: `new-project:${t.template}`,
      title: `New project: ${t.label}`,
      group: 'Project',
      keywords: ['create', 'template'],
      run: () => on.newProject(t.template),
    });
  if (canEdit)
    actions.push({
      id: 'new-flow',
      title: 'New flow…',
      group: 'Project',
      keywords: ['create', 'canvas'],
      run: on.newFlow,
    });

  for (const f of defs.flows.values()) {
    if (f.flowId === flowId) continue;
    actions.push({
      id: `flow:${f.flowId}`,
      title: `Switch to flow: ${f.name}`,
      group: 'Switch flow',
      keywords: ['open'],
      run: () => on.openFlow(f.flowId),
    });
  }
  for (const p of ctx.projects) {
    if (p.projectId === ctx.projectId) continue;
    actions.push({
      id: `project-open:${p.projectId}`,
      title: `Switch to project: ${p.name}`,
      group: 'Switch project',
      keywords: ['open'],
      run: () => on.openProject(p.projectId),
    });
  }

  actions.push(
    {
      id: 'toggle-theme',
      title: 'Toggle light / dark theme',
      group: 'View',
      keywords: ['colour', 'color', 'mode'],
      run: on.toggleTheme,
    },
    {
      id: 'shortcuts',
      title: 'Keyboard shortcuts',
      group: 'View',
      shortcut: '?',
      keywords: ['keys', 'help'],
      run: on.showShortcuts,
    },
  );
  return actions;
}
