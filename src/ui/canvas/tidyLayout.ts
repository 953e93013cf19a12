import type { ELK, ElkExtendedEdge, ElkNode, ElkPort } from 'elkjs/lib/elk-api';

/**
 * Tidy up: a flow laid out by ELK's layered algorithm, left to right, port by port. Pure apart
 * from the ELK instance it is given, so it runs the same in the studio and in a Node unit test.
 * It never changes the flow; it returns the moves, which the caller sends as one `moveSteps`
 * command (one event, so one Ctrl+Z undoes the whole tidy-up).
 */

export interface LayoutPort {
  name: string;
  /** The port's centre, from the top of its step. */
  y: number;
}

export interface LayoutStep {
  id: string;
  position: { x: number; y: number };
  width: number;
  height: number;
  inputs: readonly LayoutPort[];
  outputs: readonly LayoutPort[];
}

export interface LayoutEdge {
  id: string;
  source: { stepId: string; port: string };
  target: { stepId: string; port: string };
}

/** A rebuild edge: from the downstream step whose artifact rebuilds the upstream one, back to it. */
export interface LayoutReverseEdge {
  id: string;
  from: string;
  to: string;
}

export interface LayoutInput {
  steps: readonly LayoutStep[];
  edges: readonly LayoutEdge[];
  reverseEdges?: readonly LayoutReverseEdge[];
}

export interface StepMove {
  stepId: string;
  position: { x: number; y: number };
}

const GRAPH_OPTIONS: Record<string, string> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.layered.spacing.nodeNodeBetweenLayers': '90',
  'elk.spacing.nodeNode': '48',
  'elk.spacing.componentComponent': '72',
  'elk.separateConnectedComponents': 'true',
  // Keep the order a person already has (top to bottom) where the layering allows it.
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
  // Rebuild edges point backwards by nature: cycle breaking reverses them, never a forward edge.
  'elk.layered.cycleBreaking.strategy': 'GREEDY',
};

const inPort = (stepId: string, name: string) => `${stepId}\u0000in\u0000${name}`;
const outPort = (stepId: string, name: string) => `${stepId}\u0000out\u0000${name}`;

function portsOf(step: LayoutStep): ElkPort[] {
  const west = step.inputs.map((p, i) => ({
    id: inPort(step.id, p.name),
    x: 0,
    y: p.y,
    width: 0,
    height: 0,
    layoutOptions: { 'elk.port.side': 'WEST', 'elk.port.index': String(i) },
  }));
  const east = step.outputs.map((p, i) => ({
    id: outPort(step.id, p.name),
    x: step.width,
    y: p.y,
    width: 0,
    height: 0,
    layoutOptions: { 'elk.port.side': 'EAST', 'elk.port.index': String(i) },
  }));
  return [...west, ...east];
}

/**
 * The flow as an ELK graph: a node per step at its size (a sub-flow step stays one node, its
 * inner flow is not expanded into it), its ports fixed on the west (inputs) and east (outputs)
 * sides where the step draws them, an edge per flow edge, and the rebuild edges as backward
 * edges of the lowest priority. Steps are given top to bottom, left to right, as they are now.
 */
export function toElkGraph({ steps, edges, reverseEdges = [] }: LayoutInput): ElkNode {
  const ordered = [...steps].sort((a, b) => a.position.y - b.position.y || a.position.x - b.position.x);
  const known = new Set(steps.map((s) => s.id));
  const ports = new Map(
    steps.map((s) => [
      s.id,
      { inputs: new Set(s.inputs.map((p) => p.name)), outputs: new Set(s.outputs.map((p) => p.name)) },
    ]),
  );
  const elkEdges: ElkExtendedEdge[] = [];
  for (const e of edges) {
    const from = ports.get(e.source.stepId);
    const to = ports.get(e.target.stepId);
    if (!from || !to) continue;
    // An edge from a port the model no longer has still ties its steps together.
    const source = from.outputs.has(e.source.port) ? outPort(e.source.stepId, e.source.port) : e.source.stepId;
    const target = to.inputs.has(e.target.port) ? inPort(e.target.stepId, e.target.port) : e.target.stepId;
    elkEdges.push({
      id: e.id,
      sources: [source],
      targets: [target],
      layoutOptions: { 'elk.layered.priority.direction': '10' },
    });
  }
  for (const r of reverseEdges) {
    if (!known.has(r.from) || !known.has(r.to) || r.from === r.to) continue;
    elkEdges.push({
      id: r.id,
      sources: [r.from],
      targets: [r.to],
      layoutOptions: { 'elk.layered.priority.direction': '0' },
    });
  }
  return {
    id: 'flow',
    layoutOptions: GRAPH_OPTIONS,
    children: ordered.map((s) => ({
      id: s.id,
      width: s.width,
      height: s.height,
      ports: portsOf(s),
      layoutOptions: { 'elk.portConstraints': 'FIXED_POS' },
    })),
    edges: elkEdges,
  };
}

/**
 * ELK's result as moves: every step's new top-left corner, the whole layout placed where the
 * flow's top-left corner was (so tidying does not throw the flow across the canvas), rounded to
 * whole pixels as drags are. Steps that end where they were are left out.
 */
export function movesFromLayout(input: LayoutInput, laidOut: ElkNode): StepMove[] {
  if (input.steps.length === 0) return [];
  const originX = Math.min(...input.steps.map((s) => s.position.x));
  const originY = Math.min(...input.steps.map((s) => s.position.y));
  const before = new Map(input.steps.map((s) => [s.id, s.position]));
  const children = (laidOut.children ?? []).filter((c) => before.has(c.id));
  // ELK pads its graph; measured from its top-left step, tidying a tidy flow moves nothing.
  const leftmost = Math.min(...children.map((c) => c.x ?? 0));
  const topmost = Math.min(...children.map((c) => c.y ?? 0));
  const moves: StepMove[] = [];
  for (const child of children) {
    const was = before.get(child.id);
    if (!was) continue;
    const position = {
      x: Math.round(originX + (child.x ?? 0) - leftmost),
      y: Math.round(originY + (child.y ?? 0) - topmost),
    };
    if (position.x !== was.x || position.y !== was.y) moves.push({ stepId: child.id, position });
  }
  return moves;
}

/** A flow with more layers than this, far wider than the view, is wrapped into rows. */
export const WRAP_AFTER_LAYERS = 6;
/** Wrapped rows are at least this much wider than tall: two steps a row reads as a zigzag, not a flow. */
const MIN_ROW_ASPECT = 1.6;

const layerCount = (laidOut: ElkNode): number =>
  new Set((laidOut.children ?? []).map((c) => Math.round(c.x ?? 0))).size;

/**
 * Lays the flow out and returns the moves that tidy it; none when it is already tidy. A long
 * chain (more than WRAP_AFTER_LAYERS layers, and over twice as wide for its height as the view)
 * would be one thin row, unreadable when fitted, so it is wrapped into rows of the view's shape,
 * each read left to right, like lines of text.
 */
export async function tidyLayout(elk: Pick<ELK, 'layout'>, input: LayoutInput, viewAspect = 1.6): Promise<StepMove[]> {
  if (input.steps.length === 0) return [];
  const graph = toElkGraph(input);
  let laidOut = await elk.layout(graph);
  const aspect = (laidOut.width ?? 0) / Math.max(1, laidOut.height ?? 0);
  if (layerCount(laidOut) > WRAP_AFTER_LAYERS && aspect > 2 * viewAspect) {
    laidOut = await elk.layout({
      ...toElkGraph(input),
      layoutOptions: {
        ...GRAPH_OPTIONS,
        'elk.layered.wrapping.strategy': 'MULTI_EDGE',
        'elk.aspectRatio': String(Math.max(MIN_ROW_ASPECT, viewAspect)),
      },
    });
  }
  return movesFromLayout(input, laidOut);
}
