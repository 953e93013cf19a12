import type { FlowDefinition, ProjectDefinitions } from '../../core/project/projectState';
import type { RunState, StepStatus } from '../../core/run/runState';
import type { CanvasEdge, StepNode } from './canvasTypes';
import { STEP_WIDTH, estimateStepHeight } from './levelOfDetail';

export interface StepBox {
  x: number;
  y: number;
  w: number;
  h: number;
  /** Fill colour: by run status. */
  fill: string;
  selected: boolean;
  label: string;
}

export interface Palette {
  step: string;
  border: string;
  edge: string;
  carrying: string;
  running: string;
  done: string;
  failed: string;
  asking: string;
  retrying: string;
  skipped: string;
  reverse: string;
  selected: string;
  text: string;
}

let cached: Palette | undefined;
let cachedTheme: string | undefined;

/**
 * The studio's colours, from its CSS variables so the canvas matches the DOM nodes. Read once:
 * getComputedStyle forces a style recalculation, which costs a frame on a big canvas.
 */
export function readPalette(element: Element): Palette {
  // Read again when the theme changes (data-theme on <html>).
  const theme = document.documentElement.dataset.theme;
  if (cached && cachedTheme === theme) return cached;
  cachedTheme = theme;
  const css = getComputedStyle(element);
  const v = (name: string, fallback: string): string => css.getPropertyValue(name).trim() || fallback;
  cached = {
    step: v('--panel-2', '#202533'),
    border: v('--border', '#2c3242'),
    edge: v('--muted', '#8d95a8'),
    carrying: v('--ok', '#53d18b'),
    running: v('--running', '#7aa2ff'),
    done: v('--ok', '#53d18b'),
    failed: v('--danger', '#ff6b6b'),
    asking: v('--warn', '#f0b35a'),
    retrying: '#f59e5b',
    skipped: '#3a4152',
    reverse: '#c792ea',
    selected: v('--accent', '#7aa2ff'),
    text: v('--text', '#e3e7f0'),
  };
  return cached;
}

/** A step's fill by its run status: the same colours as the DOM nodes' borders and badges. */
export function statusFill(status: StepStatus | undefined, palette: Palette): string {
  switch (status) {
    case 'done':
    case 'running':
    case 'failed':
    case 'asking':
    case 'retrying':
    case 'skipped':
      return palette[status];
    default:
      return palette.step;
  }
}

/** Boxes of the steps, from the nodes React Flow is given (live positions, measured sizes when known). */
export function stepBoxes(nodes: readonly StepNode[], palette: Palette): Map<string, StepBox> {
  const boxes = new Map<string, StepBox>();
  for (const n of nodes) {
    const fill = statusFill(n.data.status, palette);
    boxes.set(n.id, {
      x: n.position.x,
      y: n.position.y,
      w: n.measured?.width ?? STEP_WIDTH,
      h: n.measured?.height ?? estimateStepHeight(Math.max(n.data.inputs.length, n.data.outputs.length)),
      fill,
      selected: n.selected ?? false,
      label: n.data.label,
    });
  }
  return boxes;
}

/**
 * Boxes straight from the projections (positions from the log, status from the shown run), at
 * their estimated size: for the minimap, which must not redo its work each time React Flow
 * measures a step or the selection changes.
 */
export function projectedBoxes(
  flow: FlowDefinition,
  defs: ProjectDefinitions,
  run: RunState | undefined,
  palette: Palette,
): Map<string, StepBox> {
  const boxes = new Map<string, StepBox>();
  for (const step of flow.steps.values()) {
    const model = defs.models.get(step.modelId);
    const fill = statusFill(run?.steps.get(step.stepId)?.status, palette);
    const h = estimateStepHeight(Math.max(model?.inputs.length ?? 0, model?.outputs.length ?? 0));
    boxes.set(step.stepId, {
      x: step.position.x,
      y: step.position.y,
      w: STEP_WIDTH,
      h,
      fill,
      selected: false,
      label: step.label,
    });
  }
  return boxes;
}

export interface View {
  /** Flow → canvas pixels: x' = x * zoom + tx. */
  tx: number;
  ty: number;
  zoom: number;
  width: number;
  height: number;
}

/**
 * Draws steps as rectangles and edges as straight lines, culled to the view. One path per colour,
 * so the cost is a loop over the steps, not one draw call per step.
 */
export function drawSteps(
  ctx: CanvasRenderingContext2D,
  boxes: ReadonlyMap<string, StepBox>,
  edges: readonly CanvasEdge[],
  view: View,
  palette: Palette,
  options: { labels: boolean; minSize?: number },
): void {
  const { tx, ty, zoom, width, height } = view;
  ctx.clearRect(0, 0, width, height);
  const left = -tx / zoom;
  const top = -ty / zoom;
  const right = left + width / zoom;
  const bottom = top + height / zoom;
  const minSize = options.minSize ?? 1;

  // Forward edges from output side to input side; reverse (rebuild) edges top to top, dashed.
  const forward = new Path2D();
  const reverse = new Path2D();
  let reverseCount = 0;
  for (const e of edges) {
    const a = boxes.get(e.source);
    const b = boxes.get(e.target);
    if (!a || !b) continue;
    const isReverse = e.type === 'reverse';
    const x1 = isReverse ? a.x + a.w / 2 : a.x + a.w;
    const y1 = isReverse ? a.y : a.y + a.h / 2;
    const x2 = isReverse ? b.x + b.w / 2 : b.x;
    const y2 = isReverse ? b.y : b.y + b.h / 2;
    if (Math.max(x1, x2) < left || Math.min(x1, x2) > right || Math.max(y1, y2) < top || Math.min(y1, y2) > bottom)
      continue;
    const path = isReverse ? reverse : forward;
    if (isReverse) reverseCount += 1;
    path.moveTo(x1 * zoom + tx, y1 * zoom + ty);
    path.lineTo(x2 * zoom + tx, y2 * zoom + ty);
  }
  ctx.strokeStyle = palette.edge;
  ctx.globalAlpha = 0.45;
  ctx.lineWidth = 1;
  ctx.stroke(forward);
  if (reverseCount > 0) {
    ctx.strokeStyle = palette.reverse;
    ctx.globalAlpha = 0.8;
    ctx.setLineDash([4, 3]);
    ctx.stroke(reverse);
    ctx.setLineDash([]);
  }
  ctx.globalAlpha = 1;

  const byFill = new Map<string, StepBox[]>();
  const selected: StepBox[] = [];
  for (const box of boxes.values()) {
    if (box.x > right || box.x + box.w < left || box.y > bottom || box.y + box.h < top) continue;
    let list = byFill.get(box.fill);
    if (!list) byFill.set(box.fill, (list = []));
    list.push(box);
    if (box.selected) selected.push(box);
  }
  for (const [fill, list] of byFill) {
    ctx.beginPath();
    for (const b of list)
      ctx.rect(b.x * zoom + tx, b.y * zoom + ty, Math.max(minSize, b.w * zoom), Math.max(minSize, b.h * zoom));
    ctx.fillStyle = fill;
    ctx.fill();
  }
  if (zoom * STEP_WIDTH >= 12) {
    ctx.beginPath();
    for (const list of byFill.values())
      for (const b of list) ctx.rect(b.x * zoom + tx, b.y * zoom + ty, b.w * zoom, b.h * zoom);
    ctx.strokeStyle = palette.border;
    ctx.stroke();
  }
  if (selected.length > 0) {
    ctx.beginPath();
    for (const b of selected) ctx.rect(b.x * zoom + tx - 1, b.y * zoom + ty - 1, b.w * zoom + 2, b.h * zoom + 2);
    ctx.strokeStyle = palette.selected;
    ctx.lineWidth = 2;
    ctx.stroke();
  }
  // Names only once a step is wide enough to hold a few characters.
  if (options.labels && zoom * STEP_WIDTH >= 60) {
    ctx.font = `${Math.round(Math.max(9, 13 * zoom))}px system-ui, sans-serif`;
    ctx.textBaseline = 'middle';
    for (const [fill, list] of byFill) {
      // Light text on the plain step colour, dark text on a status colour.
      ctx.fillStyle = fill === palette.step || fill === palette.skipped ? palette.text : '#12151c';
      for (const b of list)
        ctx.fillText(b.label, b.x * zoom + tx + 6, b.y * zoom + ty + Math.min(14, (b.h * zoom) / 2), b.w * zoom - 12);
    }
  }
}
