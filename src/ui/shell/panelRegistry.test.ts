import { describe, expect, it, vi } from 'vitest';
import { emptyDefinitions } from '../../core/project/projectState';
import { studioActions, type ActionHandlers } from '../commands/studioActions';
import { OBSERVE_PANELS, PANELS, panelEntry } from './panelRegistry';

const handlers = (): ActionHandlers => ({
  run: vi.fn(),
  runWith: vi.fn(),
  undo: vi.fn(),
  redo: vi.fn(),
  selectAllSteps: vi.fn(),
  tidyUp: vi.fn(),
  addStep: vi.fn(),
  newModel: vi.fn(),
  showPanel: vi.fn(),
  projectMenu: vi.fn(),
  openProject: vi.fn(),
  openFlow: vi.fn(),
  newFlow: vi.fn(),
  newProject: vi.fn(),
  toggleTheme: vi.fn(),
  showShortcuts: vi.fn(),
});

describe('the panel registry', () => {
  it('gives every panel one name, and the inspector for a name no panel has', () => {
    const ids = PANELS.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(panelEntry('policies').title).toBe('Policies');
    expect(panelEntry('nonsense' as never).id).toBe('inspector');
  });

  it('is what the palette offers: each listed panel once, in its group and order, and the Observe ▾ views in the menu’s order', () => {
    const on = handlers();
    const actions = studioActions(
      { defs: emptyDefinitions, flowId: undefined, projectId: 'p', projects: [], canEdit: true },
      on,
    );
    const offered = actions.filter((a) => a.id.startsWith('panel:'));
    // With no flow on the canvas, a panel about the flow is not offered.
    const expected = PANELS.filter((p) => p.listed !== 'none' && !p.needsFlow);
    expect(offered.map((a) => [a.title, a.group])).toEqual(
      expected.map((p) => [`Open ${p.title}`, p.listed === 'panels' ? 'Panels' : 'Observe']),
    );
    expect(OBSERVE_PANELS.map((p) => p.title)).toEqual([
      'Metrics',
      'Alerts',
      'Events',
      'Flow tests',
      'Explore',
      'Runner',
      'Function Quest',
    ]);
    offered.find((a) => a.title === 'Open Metrics')?.run();
    expect(on.showPanel).toHaveBeenCalledWith('metrics');
  });
});
