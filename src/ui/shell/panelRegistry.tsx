import { lazy, memo, type ComponentType } from 'react';
import type { PanelName } from '../../app/panels';
import type { FlowDefinition } from '../../core/project/projectState';
import type { RunState } from '../../core/run/runState';
import { Inspector } from '../inspector/Inspector';

/** What the layout hands a right-hand panel: the flow on the canvas and, to a panel that follows it, the shown run. */
export interface PanelProps {
  flow: FlowDefinition;
  /** The shown run as of the timeline's cursor; given only to a panel registered with `followsRun`. */
  run?: RunState | undefined;
}

/** One right-hand panel, as the palette, the Observe ▾ menu and the layout know it. */
export interface PanelEntry {
  id: PanelName;
  /** Its name: the Observe ▾ item, and "Open <title>" in the command palette. */
  title: string;
  /**
   * Where a person finds it: `panels` in the palette's Panels group, `observe` in the top bar's
   * Observe ▾ menu and the palette's Observe group, `none` only where a button opens it.
   */
  listed: 'panels' | 'observe' | 'none';
  /** More words the palette's search matches. */
  keywords: readonly string[];
  /** Offered only while a flow is on the canvas. */
  needsFlow?: true;
  /** Draws the shown run, so it re-renders as the run goes; every other panel is left alone by a run's events. */
  followsRun?: true;
  /** The panel; all but the inspector (shown at start) load when first opened. Memoised: it re-renders only for its own props and subscriptions. */
  View: ComponentType<PanelProps>;
}

type Registration = Omit<PanelEntry, 'id'>;

const InspectorPanel = memo(({ flow, run }: PanelProps) => <Inspector flow={flow} run={run} />);
InspectorPanel.displayName = 'InspectorPanel';

/**
 * Every right-hand panel, registered once: keyed by name, so the compiler refuses a panel left out
 * or listed twice. The order is the palette's and the Observe ▾ menu's.
 */
const REGISTRATIONS: { readonly [id in PanelName]: Registration } = {
  intents: {
    title: 'Intents',
    listed: 'panels',
    keywords: ['document', 'expectations'],
    View: memo(lazy(() => import('../intents/IntentsPanel').then((m) => ({ default: m.IntentsPanel })))),
  },
  policies: {
    title: 'Policies',
    listed: 'panels',
    keywords: ['budgets', 'limits'],
    View: memo(lazy(() => import('../policies/PoliciesPanel').then((m) => ({ default: m.PoliciesPanel })))),
  },
  gaps: {
    title: 'Gaps',
    listed: 'panels',
    keywords: ['facts', 'breakers', 'clock'],
    View: memo(lazy(() => import('../gaps/GapsPanel').then((m) => ({ default: m.GapsPanel })))),
  },
  inbox: {
    title: 'Inbox',
    listed: 'panels',
    keywords: ['approvals', 'asks', 'answers'],
    View: memo(lazy(() => import('../inbox/InboxPanel').then((m) => ({ default: m.InboxPanel })))),
  },
  history: {
    title: 'History',
    listed: 'panels',
    keywords: ['versions', 'restore'],
    needsFlow: true,
    View: memo(lazy(() => import('../history/HistoryPanel').then((m) => ({ default: m.HistoryPanel })))),
  },
  inspector: {
    title: 'Inspector',
    listed: 'panels',
    keywords: ['selection', 'artifacts'],
    followsRun: true,
    View: InspectorPanel,
  },
  metrics: {
    title: 'Metrics',
    listed: 'observe',
    keywords: ['completion', 'latency', 'spend', 'efficiency', 'plots'],
    View: memo(lazy(() => import('../metrics/MetricsPanel'))),
  },
  alerts: {
    title: 'Alerts',
    listed: 'observe',
    keywords: ['rules', 'error rate', 'notify', 'throttle'],
    View: memo(lazy(() => import('../alerts/AlertsPanel'))),
  },
  events: {
    title: 'Events',
    listed: 'observe',
    keywords: ['log', 'chain', 'verify', 'seq'],
    View: memo(lazy(() => import('../events/EventsPanel'))),
  },
  tests: {
    title: 'Flow tests',
    listed: 'observe',
    keywords: ['expectations', 'pass', 'fail', 'explore'],
    View: memo(lazy(() => import('../flowTests/FlowTestsPanel'))),
  },
  explore: {
    title: 'Explore',
    listed: 'observe',
    keywords: ['variants', 'fork', 'strategies', 'rank', 'promote'],
    View: memo(lazy(() => import('../explore/ExplorePanel'))),
  },
  bus: {
    title: 'Message bus',
    listed: 'observe',
    keywords: ['messages', 'topics', 'agents', 'MESSAGE-BUS.md', 'claims', 'listen'],
    View: memo(lazy(() => import('../bus/MessageBusPanel'))),
  },
  runner: {
    title: 'Runner',
    listed: 'observe',
    keywords: ['run on runner', 'restate', 'remote', 'scale out'],
    View: memo(lazy(() => import('../runner/RunnerPanel'))),
  },
  quest: {
    title: 'Function Quest',
    listed: 'observe',
    keywords: ['levels', 'game', 'puzzle', 'efficiency', 'solve', 'planner'],
    View: memo(lazy(() => import('../quest/QuestPanel'))),
  },
  // Opened by Explain on a step, an agent, a gap or an event; it has nothing to show on its own.
  explain: {
    title: 'Explain',
    listed: 'none',
    keywords: ['why', 'cause'],
    View: memo(lazy(() => import('../explain/ExplainPanel'))),
  },
};

/** The registered panels, in the palette's order. */
export const PANELS: readonly PanelEntry[] = Object.entries(REGISTRATIONS).map(([id, entry]) => ({
  id: id as PanelName,
  ...entry,
}));

const BY_NAME = new Map(PANELS.map((p) => [p.id, p]));

/** The panel registered under a name (the inspector for a name no panel has, say from an older tab's state). */
export const panelEntry = (id: PanelName): PanelEntry => BY_NAME.get(id) ?? (BY_NAME.get('inspector') as PanelEntry);

/** The views of the Observe ▾ menu, in its order. */
export const OBSERVE_PANELS: readonly PanelEntry[] = PANELS.filter((p) => p.listed === 'observe');
