import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  applyEdgeChanges,
  applyNodeChanges,
  useReactFlow,
  type Connection,
  type EdgeChange,
  type EdgeSelectionChange,
  type NodeChange,
  type OnBeforeDelete,
  type OnSelectionChangeParams,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useState, type DragEvent } from 'react';
import type { FlowDefinition } from '../../core/project/projectState';
import type { RunState } from '../../core/run/runState';
import type { StoredEvent } from '../../core/events/storedEvent';
import { useDefinitions, useProjectView } from '../../app/useProjectSession';
import { select } from '../../app/uiStore';
import { useCommand } from '../useCommand';
import { ArtifactEdgeView } from './ArtifactEdgeView';
import { ReverseEdgeView } from './ReverseEdgeView';
import { StepNodeView } from './StepNodeView';
import { buildEdges, buildNodes, buildReverseEdges } from './buildCanvasElements';
import type { ArtifactEdge, CanvasEdge, StepNode } from './canvasTypes';
import { InboxButton } from '../inbox/InboxButton';
import { useArtifactPulses } from './useArtifactPulses';
import { NoticeSlot } from '../shell/NoticeSlot';
import { CanvasEmptyState } from './CanvasEmptyState';
import { OVERVIEW_MIN_STEPS, useOverviewMode } from './levelOfDetail';
import { StepsMiniMap } from './StepsMiniMap';
import { StepsOverviewLayer } from './StepsOverviewLayer';
import { usePlaceNewStep } from './usePlaceNewStep';
import { dropMeasuredEstimates } from './estimatedHandles';
import { useFitViewOptions } from './fitViewOptions';
import { useTheme } from '../../app/theme';

const nodeTypes = { step: StepNodeView };
const edgeTypes = { artifact: ArtifactEdgeView, reverse: ReverseEdgeView };
export const MODEL_DRAG_TYPE = 'application/x-conductor-model';
const NO_EDGES: CanvasEdge[] = [];
const isSelectionChange = (c: EdgeChange<CanvasEdge>): c is EdgeSelectionChange => c.type === 'select';
// Props handed to React Flow keep their identity across renders: a new array or object each render
// would re-render its whole graph view (and re-bind the key handler) every time a step is measured.
const DELETE_KEYS = ['Delete', 'Backspace'];
const PRO_OPTIONS = { hideAttribution: true };
const clearSelection = (): void => select(null);

interface FlowCanvasProps {
  flow: FlowDefinition;
  /** The run shown on the canvas, as of the timeline's cursor. */
  run: RunState | undefined;
  /** An earlier version being viewed: nothing can be moved, connected or deleted. */
  readOnly?: boolean;
  /** Events that start travelling markers; the live batch when omitted (playback passes its own). */
  pulseEvents?: readonly StoredEvent[];
}

/**
 * The flow on the canvas. React Flow is a view of the log's projection: a change the person makes
 * becomes a command, and the canvas changes when the resulting event comes back. Only ephemeral
 * state (a drag in progress, selection) lives here.
 */
export function FlowCanvas({ flow, run, readOnly = false, pulseEvents }: FlowCanvasProps) {
  const defs = useDefinitions();
  const liveEvents = useProjectView((v) => v.liveEvents);
  const theme = useTheme();
  const execute = useCommand();
  const { screenToFlowPosition } = useReactFlow();
  const [nodes, setNodes] = useState<StepNode[]>([]);
  const [edges, setEdges] = useState<ArtifactEdge[]>([]);
  const pulses = useArtifactPulses(pulseEvents ?? liveEvents, flow, run?.runId);
  const placeStep = usePlaceNewStep(flow, defs);
  const fitViewOptions = useFitViewOptions();

  useEffect(() => setNodes((prev) => buildNodes(flow, defs, run, prev)), [flow, defs, run]);
  useEffect(() => setEdges((prev) => buildEdges(flow, run, pulses, prev)), [flow, run, pulses]);
  // Reverse edges are drawn, never selected or edited: derived, not kept in state.
  const reverseEdges = useMemo(() => buildReverseEdges(flow, run), [flow, run]);
  const allEdges = useMemo<CanvasEdge[]>(
    () => (reverseEdges.length === 0 ? edges : [...edges, ...reverseEdges]),
    [edges, reverseEdges],
  );

  // A big flow zoomed out is drawn by StepsOverviewLayer; React Flow keeps the steps, hidden.
  const overview = useOverviewMode(flow.steps.size);
  const shownNodes = useMemo(() => (overview ? nodes.map((n) => ({ ...n, hidden: true })) : nodes), [overview, nodes]);

  const onNodesChange = useCallback((changes: NodeChange<StepNode>[]) => {
    // Removals go through onBeforeDelete as a command; everything else here is ephemeral.
    setNodes((ns) =>
      dropMeasuredEstimates(
        applyNodeChanges(
          changes.filter((c) => c.type !== 'remove'),
          ns,
        ),
      ),
    );
  }, []);
  const onEdgesChange = useCallback((changes: EdgeChange<CanvasEdge>[]) => {
    // Only selection is ephemeral; removals go through onBeforeDelete, reverse edges are derived.
    setEdges((es) => applyEdgeChanges(changes.filter(isSelectionChange), es));
  }, []);

  const onNodeDragStop = useCallback(
    (_: unknown, _node: StepNode, dragged: StepNode[]) => {
      const moves = dragged.map((n) => ({
        stepId: n.id,
        position: { x: Math.round(n.position.x), y: Math.round(n.position.y) },
      }));
      void execute({ type: 'moveSteps', flowId: flow.flowId, moves });
    },
    [execute, flow.flowId],
  );

  const onConnect = useCallback(
    (c: Connection) => {
      if (!c.sourceHandle || !c.targetHandle) return;
      void execute({
        type: 'connect',
        flowId: flow.flowId,
        source: { stepId: c.source, port: c.sourceHandle },
        target: { stepId: c.target, port: c.targetHandle },
      });
    },
    [execute, flow.flowId],
  );

  const onBeforeDelete: OnBeforeDelete<StepNode, CanvasEdge> = useCallback(
    async ({ nodes: doomedNodes, edges: doomedEdges }) => {
      const edgeIds = doomedEdges.filter((e) => e.type === 'artifact').map((e) => e.id);
      await execute({ type: 'removeElements', flowId: flow.flowId, stepIds: doomedNodes.map((n) => n.id), edgeIds });
      select(null);
      return false;
    },
    [execute, flow.flowId],
  );

  const onSelectionChange = useCallback(
    ({ nodes: ns, edges: es }: OnSelectionChangeParams<StepNode, CanvasEdge>) => {
      // React Flow's store outlives a flow switch: what was selected in the flow left (a sub-flow
      // step double-clicked) is reported once more, and is no step of this flow.
      const node = ns.find((n) => flow.steps.has(n.id as never));
      const edge = es.find((e) => e.type === 'artifact' && flow.edges.has(e.id as never));
      if (node) select({ kind: 'step', id: node.id });
      else if (edge) select({ kind: 'edge', id: edge.id });
    },
    [flow],
  );

  const onDrop = useCallback(
    (event: DragEvent) => {
      const modelId = event.dataTransfer.getData(MODEL_DRAG_TYPE);
      if (!modelId || readOnly) return;
      event.preventDefault();
      // Where it was dropped, or the nearest free spot: never on top of another step.
      void placeStep(modelId, screenToFlowPosition({ x: event.clientX, y: event.clientY }));
    },
    [placeStep, screenToFlowPosition, readOnly],
  );

  return (
    <div className="canvas" onDragOver={(e) => e.preventDefault()} onDrop={onDrop}>
      {/* Before the flow in the tab order: reachable without tabbing through every step. */}
      <div className="canvas-inbox">
        <InboxButton />
      </div>
      <ReactFlow<StepNode, CanvasEdge>
        nodes={shownNodes}
        edges={overview ? NO_EDGES : allEdges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onNodeDragStop={onNodeDragStop}
        onConnect={onConnect}
        onBeforeDelete={onBeforeDelete}
        onSelectionChange={onSelectionChange}
        onPaneClick={clearSelection}
        deleteKeyCode={readOnly ? null : DELETE_KEYS}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        colorMode={theme}
        fitView
        fitViewOptions={fitViewOptions}
        onlyRenderVisibleElements
        minZoom={0.1}
        proOptions={PRO_OPTIONS}
      >
        {/* Zoomed out, the dot grid is ~100k dots to paint per frame, for no information. */}
        {/* The dot grid repaints the whole pane on every frame of a pan (about 40% of a frame at
            100% zoom): a large flow goes without it, as it goes without per-step minimap nodes. */}
        {overview ? (
          <StepsOverviewLayer nodes={nodes} edges={allEdges} />
        ) : flow.steps.size > OVERVIEW_MIN_STEPS ? null : (
          <Background gap={24} />
        )}
        {flow.steps.size > OVERVIEW_MIN_STEPS ? (
          <StepsMiniMap flow={flow} defs={defs} run={run} />
        ) : (
          <MiniMap pannable zoomable ariaLabel="Minimap" />
        )}
        <Controls fitViewOptions={fitViewOptions} />
      </ReactFlow>
      {flow.steps.size === 0 && <CanvasEmptyState />}
      <NoticeSlot />
    </div>
  );
}
