import { useStoreApi } from '@xyflow/react';
import { useLayoutEffect, useRef } from 'react';
import type { CanvasEdge, StepNode } from './canvasTypes';
import { drawSteps, readPalette, stepBoxes } from './drawSteps';

const layerStyle = { position: 'absolute', inset: 0, pointerEvents: 'none', zIndex: 1 } as const;

/**
 * A big flow zoomed out: every step a rectangle coloured by its run status, every edge a line, on
 * one canvas under React Flow's pane (which still pans, zooms and box-selects). Redrawn straight
 * from the store on each viewport change, without a React render.
 */
export function StepsOverviewLayer({ nodes, edges }: { nodes: readonly StepNode[]; edges: readonly CanvasEdge[] }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const store = useStoreApi();
  useLayoutEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const palette = readPalette(canvas);
    const boxes = stepBoxes(nodes, palette);
    let drawn: readonly unknown[] = [];
    const draw = (): void => {
      const { transform, width, height } = store.getState();
      if (drawn[0] === transform && drawn[1] === width && drawn[2] === height) return;
      drawn = [transform, width, height];
      const dpr = window.devicePixelRatio || 1;
      if (canvas.width !== Math.round(width * dpr) || canvas.height !== Math.round(height * dpr)) {
        canvas.width = Math.round(width * dpr);
        canvas.height = Math.round(height * dpr);
        canvas.style.width = `${width}px`;
        canvas.style.height = `${height}px`;
      }
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      drawSteps(ctx, boxes, edges, { tx: transform[0], ty: transform[1], zoom: transform[2], width, height }, palette, {
        labels: true,
      });
      canvas.dataset['lodDrawn'] = 'true';
    };
    draw();
    return store.subscribe(draw);
  }, [nodes, edges, store]);
  return (
    <canvas
      ref={ref}
      style={layerStyle}
      role="img"
      aria-label={`Overview of ${nodes.length} steps; zoom in to work on them`}
    />
  );
}
