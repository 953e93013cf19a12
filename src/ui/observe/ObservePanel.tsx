import { lazy } from 'react';
import type { PanelName } from '../../app/panels';
import type { FlowDefinition } from '../../core/project/projectState';

// Each view loads on first use: none of them is in the initial bundle.
const MetricsPanel = lazy(() => import('../metrics/MetricsPanel'));
const AlertsPanel = lazy(() => import('../alerts/AlertsPanel'));
const EventsPanel = lazy(() => import('../events/EventsPanel'));
const FlowTestsPanel = lazy(() => import('../flowTests/FlowTestsPanel'));
const ExplainPanel = lazy(() => import('../explain/ExplainPanel'));
const RunnerPanel = lazy(() => import('../runner/RunnerPanel'));
const QuestPanel = lazy(() => import('../quest/QuestPanel'));
const ExplorePanel = lazy(() => import('../explore/ExplorePanel'));

/** The observe view for a panel name, or null when the panel is not one of them. */
export function observePanel(panel: PanelName, flow: FlowDefinition) {
  const view = (() => {
    switch (panel) {
      case 'metrics':
        return <MetricsPanel flow={flow} />;
      case 'alerts':
        return <AlertsPanel flow={flow} />;
      case 'events':
        return <EventsPanel flow={flow} />;
      case 'tests':
        return <FlowTestsPanel flow={flow} />;
      case 'explain':
        return <ExplainPanel />;
      case 'runner':
        return <RunnerPanel flow={flow} />;
      case 'quest':
        return <QuestPanel flow={flow} />;
      case 'explore':
        return <ExplorePanel flow={flow} />;
      default:
        return null;
    }
  })();
  // The workspace's Suspense shows "Loading…" in the panel's place while a view loads.
  return view;
}
