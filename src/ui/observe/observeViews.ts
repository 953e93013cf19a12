import type { PanelName } from '../../app/panels';

/**
 * The views that watch the conductor rather than edit the flow: one entry each, listed in the top
 * bar's Observe ▾ menu and in the command palette. Each view is a right-hand panel, loaded lazily.
 */
export const OBSERVE_VIEWS: ReadonlyArray<{ panel: PanelName; title: string; keywords: string[] }> = [
  { panel: 'metrics', title: 'Metrics', keywords: ['completion', 'latency', 'spend', 'efficiency', 'plots'] },
  { panel: 'alerts', title: 'Alerts', keywords: ['rules', 'error rate', 'notify', 'throttle'] },
  { panel: 'events', title: 'Events', keywords: ['log', 'chain', 'verify', 'seq'] },
  { panel: 'tests', title: 'Flow tests', keywords: ['expectations', 'pass', 'fail', 'explore'] },
  { panel: 'explore', title: 'Explore', keywords: ['variants', 'fork', 'strategies', 'rank', 'promote'] },
  { panel: 'runner', title: 'Runner', keywords: ['run on runner', 'restate', 'remote', 'scale out'] },
  { panel: 'quest', title: 'Function Quest', keywords: ['levels', 'game', 'puzzle', 'efficiency', 'solve', 'planner'] },
];
