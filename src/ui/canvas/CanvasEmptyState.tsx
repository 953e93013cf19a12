/** Shown over an empty flow: what to do first. */
export function CanvasEmptyState() {
  return (
    <div className="canvas-empty" role="note">
      <h2>This flow is empty</h2>
      <p>
        Add a step from the models on the left (click “Add” or drag one here), then connect an output port to an input
        port.
      </p>
      <p>No model fits? Create one with “New model”.</p>
    </div>
  );
}
