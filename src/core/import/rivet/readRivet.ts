import { isRecord, refuse } from '../readSafely';
import type { SourceDocument, SourceEdge, SourceFlow, SourceNode } from '../sourceGraph';

/*
 * Rivet's files (`.rivet-project`, `.rivet-graph`), read into the neutral shape. What we read,
 * learnt from Rivet's public serializers (packages/core/src/utils/serialization/):
 *  - versions 3 and 4: `{version, data}`; a project's `data` has `metadata` and `graphs` by id, a
 *    graph has `metadata` and `nodes` as a map. Version 4 keys each node `[id]:type "title"`;
 *    version 3 keys it by id and keeps `id`, `type`, `title` inside. Each node lists its
 *    `outgoingConnections` as `outputPort->"Target title" targetId/inputPort`, and its place as
 *    `visualData: x/y/width/zIndex[/border/bg]`.
 *  - versions 1 and 2: the project as Rivet holds it in memory: graphs with `nodes` as a list and
 *    `connections` as a list of `{outputNodeId, outputId, inputNodeId, inputId}`.
 */

const NODE_KEY = /^\[(?<id>[^\]]+)\]:(?<type>\S+) "(?<title>.*)"$/s;
const CONNECTION = /^(?<out>.+?)->"(?<title>.*)" (?<node>[^/\s]+)\/(?<port>.+)$/s;

/** Whether a parsed YAML value is a Rivet project or graph (its `version` and `data`), before reading it. */
export function looksLikeRivet(value: unknown): boolean {
  return isRecord(value) && typeof value.version === 'number' && isRecord(value.data);
}

/** A Rivet project or graph, read: every graph a flow. Throws a sentence for a file it cannot read. */
export function readRivet(value: unknown, fileName: string): SourceDocument {
  if (!looksLikeRivet(value)) throw refuse('This is not a Rivet project: it has no “version” and “data”.');
  const { version, data } = value as { version: number; data: Record<string, unknown> };
  if (!Number.isInteger(version) || version < 1 || version > 4)
    throw refuse(
      `This Rivet file says it is format version ${version}; the studio reads versions 1 to 4.`,
      'Nothing was imported. Open it in Rivet and save it again, then import that file.',
    );
  const graphs = isRecord(data.graphs)
    ? Object.entries(data.graphs)
    : isRecord(data.nodes) || Array.isArray(data.nodes)
      ? ([['graph', data]] as const)
      : null;
  if (!graphs) throw refuse('This Rivet file has no graphs.');
  const metadata = isRecord(data.metadata) ? data.metadata : {};
  const title =
    typeof metadata.title === 'string'
      ? metadata.title
      : typeof metadata.name === 'string'
        ? metadata.name
        : fileName.replace(/\.rivet-(project|graph)$/i, '');
  const flows = graphs.map(([key, graph], i) => readGraph(key, graph, i));
  return { format: 'rivet', formatVersion: String(version), name: title || 'Imported Rivet project', flows };
}

function readGraph(key: string, graph: unknown, index: number): SourceFlow {
  if (!isRecord(graph)) throw refuse(`Graph ${index + 1} of this Rivet file is not a graph.`);
  const metadata = isRecord(graph.metadata) ? graph.metadata : {};
  const id = typeof metadata.id === 'string' ? metadata.id : key;
  const name = typeof metadata.name === 'string' && metadata.name.trim() !== '' ? metadata.name : `Graph ${index + 1}`;
  const nodes: SourceNode[] = [];
  const edges: SourceEdge[] = [];
  if (Array.isArray(graph.nodes)) {
    for (const raw of graph.nodes) nodes.push(chartNode(raw, name));
    for (const c of Array.isArray(graph.connections) ? graph.connections : []) {
      if (!isRecord(c)) continue;
      edges.push({
        from: { node: String(c.outputNodeId), port: String(c.outputId) },
        to: { node: String(c.inputNodeId), port: String(c.inputId) },
      });
    }
  } else if (isRecord(graph.nodes)) {
    for (const [nodeKey, raw] of Object.entries(graph.nodes)) {
      if (!isRecord(raw)) throw refuse(`Node ${nodeKey} of graph “${name}” is not a node.`);
      const keyed = NODE_KEY.exec(nodeKey)?.groups;
      const node = chartNode(keyed ? { ...raw, id: keyed.id, type: keyed.type, title: keyed.title } : raw, name);
      nodes.push(node);
      for (const c of Array.isArray(raw.outgoingConnections) ? raw.outgoingConnections : []) {
        const m = typeof c === 'string' ? CONNECTION.exec(c)?.groups : undefined;
        if (!m)
          throw refuse(
            `Node “${node.name}” of graph “${name}” has a connection the studio cannot read: ${String(c).slice(0, 80)}.`,
          );
        edges.push({ from: { node: node.id, port: m.out! }, to: { node: m.node!, port: m.port! } });
      }
    }
  } else throw refuse(`Graph “${name}” of this Rivet file has no nodes.`);
  const ids = new Set<string>();
  for (const n of nodes) {
    if (ids.has(n.id)) throw refuse(`Two nodes of graph “${name}” have the same id (${n.id}).`);
    ids.add(n.id);
  }
  // A connection to a node that is not in the graph is a damaged file, not a reason to refuse the rest.
  return {
    id,
    name,
    nodes,
    edges: edges.filter((e) => ids.has(e.from.node) && ids.has(e.to.node)),
    attachments: [],
    notes: 0,
  };
}

function chartNode(raw: unknown, graphName: string): SourceNode {
  if (!isRecord(raw) || typeof raw.id !== 'string' || typeof raw.type !== 'string')
    throw refuse(`Graph “${graphName}” has a node without an id or a type.`);
  const title = typeof raw.title === 'string' ? raw.title : raw.type;
  return {
    id: raw.id,
    name: title,
    type: raw.type,
    position: position(raw.visualData),
    params: isRecord(raw.data) ? raw.data : {},
    ...(raw.isSplitRun === true
      ? {
          split: {
            max: typeof raw.splitRunMax === 'number' ? raw.splitRunMax : 10,
            sequential: raw.isSplitSequential === true,
          },
        }
      : {}),
    ...(raw.disabled === true ? { disabled: true } : {}),
  };
}

function position(visual: unknown): { x: number; y: number } {
  if (typeof visual === 'string') {
    const [x, y] = visual.split('/').map(Number.parseFloat);
    return { x: Number.isFinite(x) ? x! : 0, y: Number.isFinite(y) ? y! : 0 };
  }
  if (isRecord(visual)) return { x: Number(visual.x) || 0, y: Number(visual.y) || 0 };
  return { x: 0, y: 0 };
}
