import type { FlowDefinition } from '../../core/project/projectState';
import type { RunState } from '../../core/run/runState';
import { useUi } from '../../app/uiStore';
import { useDefinitions } from '../../app/useProjectSession';
import { EdgeInspector } from './EdgeInspector';
import { StepInspector } from './StepInspector';

/** The right-hand panel: details of whatever is selected on the canvas. */
export function Inspector({ flow, run }: { flow: FlowDefinition; run: RunState | undefined }) {
  const selection = useUi((s) => s.selection);
  const defs = useDefinitions();
  return (
    <aside className="inspector" aria-label="Inspector">
      <h2 className="panel-title">Inspector</h2>
      {selection?.kind === 'step' && <StepInspector flow={flow} stepId={selection.id} defs={defs} run={run} />}
      {selection?.kind === 'edge' && <EdgeInspector flow={flow} edgeId={selection.id} run={run} />}
      {!selection && (
        <div className="inspector__body muted">
          <p>Select a step or an edge to see its details and artifacts.</p>
          <p>
            <kbd>Ctrl</kbd>+<kbd>Enter</kbd> runs the flow · <kbd>Delete</kbd> removes the selection
          </p>
        </div>
      )}
    </aside>
  );
}
