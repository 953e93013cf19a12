import type { ProjectDefinitions } from '../../core/project/projectState';
import type { StepRunState } from '../../core/run/runState';
import './learning.css';

const sentence = (reason: string) => reason.charAt(0).toUpperCase() + reason.slice(1);

/**
 * For a step whose model order learning chose in the shown run: which model it tried first and
 * why (“Chose Backup: 6 of 6 succeeded, $0.0002 a call”), and the whole order it tried them in.
 */
export function LearnedChoice({ choice, defs }: { choice: StepRunState['modelChoice']; defs: ProjectDefinitions }) {
  if (!choice) return null;
  const order = choice.order.map((id) => defs.models.get(id)?.name ?? id);
  return (
    <section className="inspector-section learned-choice" aria-label="Model choice">
      <h3>Model chosen by learning</h3>
      <p className="learned-choice__reason" data-testid="model-choice">
        {sentence(choice.reason)}.
      </p>
      {order.length > 1 && <p className="learned-choice__order">Tried in this order: {order.join(' → ')}</p>}
    </section>
  );
}
