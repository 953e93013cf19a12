import { useStoreApi } from '@xyflow/react';
import { useCallback } from 'react';

/** Selects every step on the canvas, as a drag-box round all of them would (edges are left out). */
export function useSelectAllSteps(): () => void {
  const store = useStoreApi();
  return useCallback(() => {
    const { nodes, addSelectedNodes } = store.getState();
    addSelectedNodes(nodes.map((n) => n.id));
  }, [store]);
}
