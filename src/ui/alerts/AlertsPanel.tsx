import type { FlowDefinition } from '../../core/project/projectState';
import { PanelHeader } from '../shell/PanelHeader';

/** Placeholder until this view is built (replace wholesale). */
export default function AlertsPanel({ flow }: { flow: FlowDefinition }) {
  return (
    <section className="panel" aria-label="AlertsPanel">
      <PanelHeader title="AlertsPanel" />
      <p className="muted">{flow.name}</p>
    </section>
  );
}
