import { useStore, type ReactFlowState } from '@xyflow/react';

/**
 * Level of detail for big flows. React Flow keeps one DOM element (plus a minimap element and a
 * store subscription) per step; past a few hundred steps in view that is what makes panning
 * stutter. So a flow with more than OVERVIEW_MIN_STEPS steps, zoomed out below OVERVIEW_ZOOM,
 * is drawn as plain rectangles on one canvas (StepsOverviewLayer), and its minimap is a canvas
 * too (StepsMiniMap). Zoomed in, steps are full React Flow nodes again, only those in view.
 */
export const OVERVIEW_MIN_STEPS = 300;
export const OVERVIEW_ZOOM = 0.45;

/** StepNodeView's size before it is measured (its CSS width; height grows with port rows). */
export const STEP_WIDTH = 200;
export const estimateStepHeight = (portRows: number): number => 64 + Math.max(1, portRows) * 22;

/**
 * Until the first fitView has run, the zoom says nothing yet (it is 100%), so a big flow starts
 * as an overview: React Flow would otherwise mount and measure every step once (it renders all
 * unmeasured nodes), only to hide them when the fit zooms out.
 */
const zoomedOut = (s: ReactFlowState): boolean => s.fitViewQueued || !s.panZoom || s.transform[2] < OVERVIEW_ZOOM;

/** True while a big flow is zoomed out far enough to draw it as an overview. Re-renders only when that flips. */
export function useOverviewMode(stepCount: number): boolean {
  const far = useStore(zoomedOut);
  return stepCount > OVERVIEW_MIN_STEPS && far;
}
