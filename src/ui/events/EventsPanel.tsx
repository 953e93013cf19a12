import type { FlowDefinition } from '../../core/project/projectState';
import { PanelHeader } from '../shell/PanelHeader';

/** Placeholder until this view is built (replace wholesale). */
export default function EventsPanel({ flow }: { flow: FlowDefinition }) {
  return (
    <section className="panel" aria-label="EventsPanel">
      <PanelHeader title="EventsPanel" />
      <p className="muted">{flow.name}</p>
    </section>
  );
}
