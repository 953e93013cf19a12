import { Panel, useReactFlow, useStoreApi } from '@xyflow/react';
import { useLayoutEffect, useRef, type PointerEvent } from 'react';
import type { CanvasEdge } from './canvasTypes';
import type { ProjectDefinitions, FlowDefinition } from '../../core/project/projectState';
import type { RunState } from '../../core/run/runState';
import { drawSteps, projectedBoxes, readPalette } from './drawSteps';

const SIZE = { width: 200, height: 150 };
const NO_EDGES: readonly CanvasEdge[] = [];

/**
 * The minimap of a big flow. React Flow's own minimap keeps one SVG element and one store
 * subscription per step, so it costs every frame of a pan; this one draws the steps once into an
 * offscreen canvas and, per viewport change, copies it and outlines the view. Click or drag to
 * move the view there. It draws the projections (redrawn when an event changes them), not React
 * Flow's nodes, which change each time a step scrolled into view is measured.
 */
export function StepsMiniMap({
  flow,
  defs,
  run,
}: {
  flow: FlowDefinition;
  defs: ProjectDefinitions;
  run: RunState | undefined;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  const mapping = useRef({ scale: 1, x: 0, y: 0 });
  const store = useStoreApi();
  const { setCenter } = useReactFlow();

  useLayoutEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const dpr = window.devicePixelRatio || 1;
    canvas.width = SIZE.width * dpr;
    canvas.height = SIZE.height * dpr;
    const palette = readPalette(canvas);
    const boxes = projectedBoxes(flow, defs, run, palette);
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (const b of boxes.values()) {
      minX = Math.min(minX, b.x);
      minY = Math.min(minY, b.y);
      maxX = Math.max(maxX, b.x + b.w);
      maxY = Math.max(maxY, b.y + b.h);
    }
    if (boxes.size === 0) return;
    const pad = 8;
    const scale = Math.min((SIZE.width - 2 * pad) / (maxX - minX || 1), (SIZE.height - 2 * pad) / (maxY - minY || 1));
    const x = pad - minX * scale + (SIZE.width - 2 * pad - (maxX - minX) * scale) / 2;
    const y = pad - minY * scale + (SIZE.height - 2 * pad - (maxY - minY) * scale) / 2;
    mapping.current = { scale, x, y };
    const still = document.createElement('canvas');
    still.width = canvas.width;
    still.height = canvas.height;
    const stillCtx = still.getContext('2d');
    if (!stillCtx) return;
    stillCtx.setTransform(dpr, 0, 0, dpr, 0, 0);
    drawSteps(
      stillCtx,
      boxes,
      NO_EDGES,
      { tx: x, ty: y, zoom: scale, width: SIZE.width, height: SIZE.height },
      palette,
      { labels: false, minSize: 1 },
    );
    let drawn: unknown;
    const draw = (): void => {
      const { transform, width, height } = store.getState();
      if (drawn === transform) return;
      drawn = transform;
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, canvas.width, canvas.height);
      ctx.drawImage(still, 0, 0);
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      const [tx, ty, zoom] = transform;
      ctx.strokeStyle = palette.selected;
      ctx.lineWidth = 1.5;
      ctx.strokeRect(
        (-tx / zoom) * scale + x,
        (-ty / zoom) * scale + y,
        (width / zoom) * scale,
        (height / zoom) * scale,
      );
    };
    draw();
    return store.subscribe(draw);
  }, [flow, defs, run, store]);

  const moveTo = (event: PointerEvent<HTMLCanvasElement>): void => {
    if (event.buttons !== 1) return;
    const rect = event.currentTarget.getBoundingClientRect();
    const { scale, x, y } = mapping.current;
    const zoom = store.getState().transform[2];
    void setCenter((event.clientX - rect.left - x) / scale, (event.clientY - rect.top - y) / scale, { zoom });
  };

  return (
    <Panel position="bottom-right" className="react-flow__minimap" aria-label="Minimap">
      <canvas
        ref={ref}
        style={{ width: SIZE.width, height: SIZE.height, display: 'block', cursor: 'pointer' }}
        onPointerDown={moveTo}
        onPointerMove={moveTo}
      />
    </Panel>
  );
}
