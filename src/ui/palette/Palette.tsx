import { memo } from 'react';
import type { DragEvent } from 'react';
import type { FlowDefinition, ProjectDefinitions } from '../../core/project/projectState';
import { openModelEditor } from '../modelEditor/unsavedDraft';
import { usePlaceNewStep } from '../canvas/usePlaceNewStep';
import { MODEL_DRAG_TYPE } from '../canvas/FlowCanvas';
import { kindLabel } from '../modelEditor/definitionKinds';
import { kindsOf } from '../../app/kinds';
import { NewModelMenu } from './NewModelMenu';
import { useStudioRequest } from '../commands/studioRequests';

/** The project's models, each with its kind: add one to the flow as a step (click or drag), edit it, or make a new one. */
export const Palette = memo(function Palette({ defs, flow }: { defs: ProjectDefinitions; flow: FlowDefinition }) {
  // Near the view's centre, or right of the selected step; never on top of another step.
  const placeStep = usePlaceNewStep(flow, defs);
  const models = [...defs.models.values()].sort((a, b) => a.name.localeCompare(b.name));

  // The command palette's "Add step: <model>" is this same Add.
  useStudioRequest('addStep', (modelId: string) => void placeStep(modelId));

  return (
    <section className="palette" aria-label="Models">
      <div className="panel-title-row">
        <h2 className="panel-title">Models</h2>
        <NewModelMenu kinds={kindsOf(defs)} />
      </div>
      {models.length === 0 && <p className="muted">No models yet. Create one to add steps.</p>}
      <ul className="palette__list">
        {models.map((m) => (
          <li
            key={m.modelId}
            className="palette__item"
            draggable
            onDragStart={(e: DragEvent) => {
              e.dataTransfer.setData(MODEL_DRAG_TYPE, m.modelId);
              e.dataTransfer.effectAllowed = 'copy';
            }}
            title={m.description || m.name}
          >
            <span className="palette__name">{m.name}</span>
            <span className="palette__ports">
              <span className="palette__kind">{kindLabel(kindsOf(defs), m)}</span>{' '}
              {m.inputs.map((p) => p.name).join(', ') || '—'} → {m.outputs.map((p) => p.name).join(', ')}
            </span>
            <span className="palette__actions">
              <button
                type="button"
                className="button small"
                aria-label={`Add ${m.name} to the flow`}
                onClick={() => void placeStep(m.modelId)}
              >
                Add
              </button>
              <button
                type="button"
                className="button small ghost"
                aria-label={`Edit model ${m.name}`}
                onClick={() => openModelEditor(m.modelId)}
              >
                Edit
              </button>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
});
