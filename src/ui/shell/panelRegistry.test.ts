import { describe, expect, it } from 'vitest';
import { emptyDefinitions } from '../../core/project/projectState';
import { studioActions } from '../commands/studioActions';
import { mockActionHandlers } from '../commands/mockActionHandlers';
import { OBSERVE_PANELS, PANELS, panelEntry } from './panelRegistry';

const handlers = mockActionHandlers;

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
      'Message bus',
      'Runner',
      'Function Quest',
    ]);
    offered.find((a) => a.title === 'Open Metrics')?.run();
    expect(on.showPanel).toHaveBeenCalledWith('metrics');
  });
});
