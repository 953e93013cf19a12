import type { InternalNode } from '@xyflow/react';
import type { FlowDefinition } from '../../core/project/projectState';
import type { StepNode } from './canvasTypes';
import { buildReverseEdges } from './buildCanvasElements';
import type { Rect } from './freeSpot';
import type { LayoutInput, LayoutPort, LayoutStep } from './tidyLayout';
import { STEP_WIDTH, estimateStepHeight } from './levelOfDetail';

type InternalStep = InternalNode<StepNode>;

/** A step's box on the canvas: measured by React Flow once drawn, else the size it is estimated at. */
export function stepRect(node: StepNode | InternalStep): Rect {
  const rows = Math.max(node.data.inputs.length, node.data.outputs.length);
  return {
    x: node.position.x,
    y: node.position.y,
    width: node.measured?.width ?? node.initialWidth ?? STEP_WIDTH,
    height: node.measured?.height ?? node.initialHeight ?? estimateStepHeight(rows),
  };
}

/** Where an undrawn step's port rows sit: the port block is the last part of an estimated step. */
const estimatedPortY = (height: number, rows: number, i: number): number =>
  height - (12 + Math.max(1, rows) * 22) + 16 + i * 22;

function portsOf(node: InternalStep, side: 'inputs' | 'outputs', height: number): LayoutPort[] {
  const handles = node.internals.handleBounds?.[side === 'inputs' ? 'target' : 'source'] ?? [];
  const rows = Math.max(node.data.inputs.length, node.data.outputs.length);
  return node.data[side].map((p, i) => {
    const h = handles.find((b) => b.id === p.name);
    return { name: p.name, y: h ? h.y + h.height / 2 : estimatedPortY(height, rows, i) };
  });
}

/** What tidy-up lays out: the flow's steps at their drawn (or estimated) size and port places, its edges and rebuild edges. */
export function layoutInputOf(flow: FlowDefinition, nodeOf: (id: string) => InternalStep | undefined): LayoutInput {
  const steps: LayoutStep[] = [];
  for (const step of flow.steps.values()) {
    const node = nodeOf(step.stepId);
    if (!node) continue;
    const { width, height } = stepRect(node);
    steps.push({
      id: step.stepId,
      position: step.position,
      width,
      height,
      inputs: portsOf(node, 'inputs', height),
      outputs: portsOf(node, 'outputs', height),
    });
  }
  const edges = [...flow.edges.values()].map((e) => ({ id: e.edgeId, source: e.source, target: e.target }));
  const reverseEdges = buildReverseEdges(flow, undefined).map((r) => ({ id: r.id, from: r.source, to: r.target }));
  return { steps, edges, reverseEdges };
}
