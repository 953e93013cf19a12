import { textOf } from '../nodeMapping';
import { isRecord, refuse } from '../readSafely';
import type { SourceAttachment, SourceDocument, SourceEdge, SourceFlow, SourceNode } from '../sourceGraph';

/*
 * n8n workflows, read into the neutral shape. What we read, learnt from n8n's public interfaces
 * (packages/workflow/src/interfaces.ts: INode, IConnections):
 *  - a workflow is `{ name?, nodes: INode[], connections }`; a node has `name` (unique: connections
 *    name nodes by it), `type`, `typeVersion`, `position: [x, y]`, `parameters`, and may have `id`
 *    (older files have none), `credentials` (never imported) and `disabled`;
 *  - `connections[sourceName][connectionType][outputIndex]` is a list (or null: an output slot
 *    with nothing attached) of `{ node: targetName, type, index: inputIndex }`. `main` carries
 *    items; the `ai_*` types attach a sub-node (a chat model, a tool, a memory) to the node it
 *    points into, as its configuration.
 * The file itself comes in several shapes: a full export, the clipboard/template JSON (nodes and
 * connections only), the templates site's wrapper `{ id, name, workflow }`, and the CLI's export
 * of several workflows as an array.
 */

const STICKY_NOTE = 'n8n-nodes-base.stickyNote';

type RawWorkflow = Record<string, unknown> & { nodes: unknown[]; connections: unknown };

function unwrap(value: unknown): RawWorkflow[] | null {
  const one = (v: unknown): RawWorkflow | null => {
    if (!isRecord(v)) return null;
    if (Array.isArray(v.nodes) && (isRecord(v.connections) || v.connections === undefined)) return v as RawWorkflow;
    if (isRecord(v.workflow)) return one({ ...v.workflow, name: v.workflow.name ?? v.name, id: v.workflow.id ?? v.id });
    return null;
  };
  if (Array.isArray(value)) {
    const all = value.map(one);
    return all.length > 0 && all.every((w) => w !== null) ? all : null;
  }
  const single = one(value);
  return single ? [single] : null;
}

/** Whether a parsed JSON value is an n8n workflow in one of its shapes. */
export function looksLikeN8n(value: unknown): boolean {
  return unwrap(value) !== null;
}

/** An n8n workflow (or several, from the CLI), read: every workflow a flow. Throws a sentence for a file it cannot read. */
export function readN8n(value: unknown, fileName: string): SourceDocument {
  const workflows = unwrap(value);
  if (!workflows) throw refuse('This JSON file is not an n8n workflow: it has no “nodes” and “connections”.');
  const versions = new Set<string>();
  const flows = workflows.map((w, i) => readWorkflow(w, i, fileName, versions));
  const base = fileName.replace(/\.json$/i, '');
  const name = workflows.length === 1 ? flows[0]!.name : base || 'Imported n8n workflows';
  return { format: 'n8n', formatVersion: [...versions].sort().join(', ') || 'unknown', name, flows };
}

function readWorkflow(raw: RawWorkflow, index: number, fileName: string, versions: Set<string>): SourceFlow {
  const name =
    typeof raw.name === 'string' && raw.name.trim() !== ''
      ? raw.name
      : fileName.replace(/\.json$/i, '') || `Workflow ${index + 1}`;
  const id = typeof raw.id === 'string' || typeof raw.id === 'number' ? String(raw.id) : name;
  const nodes: SourceNode[] = [];
  const byName = new Map<string, SourceNode>();
  let notes = 0;
  for (const [i, n] of raw.nodes.entries()) {
    if (!isRecord(n) || typeof n.type !== 'string' || typeof n.name !== 'string')
      throw refuse(`Node ${i + 1} of the workflow “${name}” has no name or type.`);
    if (n.type === STICKY_NOTE) {
      notes++;
      continue;
    }
    if (byName.has(n.name))
      throw refuse(
        `Two nodes of the workflow “${name}” are both called “${n.name}”; n8n connects nodes by name, so the file is ambiguous.`,
        'Nothing was imported. Rename one of them in n8n and export the workflow again.',
      );
    const node: SourceNode = {
      // Connections name nodes, so the name is the node's key here; the id (when the file has one) is kept as provenance.
      id: n.name,
      name: n.name,
      type: n.type,
      position: position(n.position),
      params: {
        ...(isRecord(n.parameters) ? n.parameters : {}),
        ...(typeof n.id === 'string' ? { __n8nId: n.id } : {}),
        __typeVersion: n.typeVersion ?? 1,
      },
      ...(n.disabled === true ? { disabled: true } : {}),
    };
    versions.add(`${n.type.split('.').pop()}@${textOf(n.typeVersion, '1')}`);
    nodes.push(node);
    byName.set(n.name, node);
  }
  // Only the node types' versions name what the file is; keep the list short for the report.
  if (versions.size > 6) {
    const few = [...versions].slice(0, 6);
    versions.clear();
    for (const v of few) versions.add(v);
    versions.add('…');
  }
  const { edges, attachments } = readConnections(raw.connections, byName, name);
  return { id, name, nodes, edges, attachments, notes };
}

function readConnections(
  raw: unknown,
  byName: ReadonlyMap<string, SourceNode>,
  workflow: string,
): { edges: SourceEdge[]; attachments: SourceAttachment[] } {
  const edges: SourceEdge[] = [];
  const attachments: SourceAttachment[] = [];
  if (raw === undefined) return { edges, attachments };
  if (!isRecord(raw)) throw refuse(`The connections of the workflow “${workflow}” are not a list of connections.`);
  for (const [sourceName, byType] of Object.entries(raw)) {
    if (!byName.has(sourceName) || !isRecord(byType)) continue; // a connection from a sticky note or a deleted node
    for (const [type, outputs] of Object.entries(byType)) {
      if (!Array.isArray(outputs)) continue;
      for (const [outputIndex, targets] of outputs.entries()) {
        if (!Array.isArray(targets)) continue; // null: an output slot with nothing attached (a switch's unused case)
        for (const t of targets) {
          if (!isRecord(t) || typeof t.node !== 'string' || !byName.has(t.node)) continue;
          const inputIndex = typeof t.index === 'number' ? t.index : 0;
          if (type.startsWith('ai_')) attachments.push({ target: t.node, node: sourceName, kind: type });
          else
            edges.push({
              from: { node: sourceName, port: `${type}:${outputIndex}` },
              to: { node: t.node, port: `${typeof t.type === 'string' ? t.type : type}:${inputIndex}` },
            });
        }
      }
    }
  }
  return { edges, attachments };
}

function position(raw: unknown): { x: number; y: number } {
  if (Array.isArray(raw)) return { x: Number(raw[0]) || 0, y: Number(raw[1]) || 0 };
  return { x: 0, y: 0 };
}
