import { getViewportForBounds, useReactFlow, useStoreApi } from '@xyflow/react';
import type { ELK } from 'elkjs/lib/elk-api';
import { useCallback, useRef, useState } from 'react';
import type { FlowDefinition } from '../../core/project/projectState';
import { notify } from '../../app/uiStore';
import { useCommand } from '../useCommand';
import type { CanvasEdge, StepNode } from './canvasTypes';
import { layoutInputOf } from './canvasGeometry';
import { tidyLayout } from './tidyLayout';
import { fitPadding } from './fitViewOptions';

let elkLoading: Promise<ELK> | undefined;
/** ELK is ~1.5 MB of JavaScript: loaded the first time someone tidies, never in the initial bundle. */
function loadElk(): Promise<ELK> {
  elkLoading ??= import('elkjs/lib/elk.bundled.js').then((m) => new m.default());
  elkLoading.catch(() => (elkLoading = undefined));
  return elkLoading;
}

/**
 * Tidy up the shown flow: lay it out with ELK and send every move as ONE moveSteps command, so
 * it is one event and one Ctrl+Z puts every step back. Then the view fits the new layout.
 */
export function useTidyUp(flow: FlowDefinition): { tidy: () => Promise<void>; busy: boolean } {
  const { getInternalNode, setViewport } = useReactFlow<StepNode, CanvasEdge>();
  const store = useStoreApi<StepNode, CanvasEdge>();
  const execute = useCommand();
  const [busy, setBusy] = useState(false);
  const running = useRef(false);
  const tidy = useCallback(async () => {
    if (running.current || flow.steps.size === 0) return;
    running.current = true;
    setBusy(true);
    try {
      const input = layoutInputOf(flow, getInternalNode);
      const { width: paneWidth, height: paneHeight } = store.getState();
      const moves = await tidyLayout(await loadElk(), input, paneWidth / Math.max(1, paneHeight));
      if (moves.length === 0) return;
      const result = await execute({ type: 'moveSteps', flowId: flow.flowId, moves });
      if (!result.ok) return;
      const moved = new Map(moves.map((m) => [m.stepId, m.position]));
      const boxes = input.steps.map((s) => ({ ...s, ...(moved.get(s.id) ?? s.position) }));
      const x = Math.min(...boxes.map((b) => b.x));
      const y = Math.min(...boxes.map((b) => b.y));
      const width = Math.max(...boxes.map((b) => b.x + b.width)) - x;
      const height = Math.max(...boxes.map((b) => b.y + b.height)) - y;
      // Fit the tidied flow, as the canvas fits on opening: never zoomed in past 100%, clear of the minimap.
      void setViewport(
        getViewportForBounds({ x, y, width, height }, paneWidth, paneHeight, 0.1, 1, fitPadding(paneHeight)),
      );
    } catch (error) {
      notify(
        'error',
        `The flow could not be tidied: ${error instanceof Error ? error.message : String(error)}. Nothing was moved; try again.`,
      );
    } finally {
      running.current = false;
      setBusy(false);
    }
  }, [execute, flow, getInternalNode, setViewport, store]);
  return { tidy, busy };
}
