import type { FlowDefinition } from '../../core/project/projectState';
import { PanelHeader } from '../shell/PanelHeader';

/** Placeholder until this view is built (replace wholesale). */
export default function MetricsPanel({ flow }: { flow: FlowDefinition }) {
  return (
    <section className="panel" aria-label="MetricsPanel">
      <PanelHeader title="MetricsPanel" />
      <p className="muted">{flow.name}</p>
    </section>
  );
}
