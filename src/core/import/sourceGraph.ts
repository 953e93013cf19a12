import type { ImportedSource } from '../kinds/imported/importedSchema';

/*
 * Another tool's file, read into one neutral shape before anything is converted: flows of nodes
 * with named ports and edges between them. Each format's reader (rivet/, n8n/) makes this shape;
 * the node mappings and the plan builder read only it.
 */

export type SourceFormat = ImportedSource['format'];

export interface SourceNode {
  /** The node's id in the file (or its name, for old n8n files without ids). Unique in its flow. */
  id: string;
  name: string;
  type: string;
  position: { x: number; y: number };
  /** The node's own settings as the file has them (credentials are dropped by the reader). */
  params: Record<string, unknown>;
  /** Rivet's split run: the node runs once per item of its list inputs. */
  split?: { max: number; sequential: boolean };
  disabled?: boolean;
}

export interface SourceEndpoint {
  node: string;
  port: string;
}

/** A connection that carries data (or control) from one node's output to another's input. */
export interface SourceEdge {
  from: SourceEndpoint;
  to: SourceEndpoint;
}

/**
 * n8n's AI sub-node connections (`ai_languageModel`, `ai_tool`, `ai_memory`…): the sub-node is
 * configuration of the node it points into, not a step of the flow.
 */
export interface SourceAttachment {
  /** The node that is configured (an agent, a chain). */
  target: string;
  /** The sub-node (a chat model, a tool, a memory). */
  node: string;
  kind: string;
}

export interface SourceFlow {
  /** The flow's id in the file (Rivet graph id, n8n workflow id or name). */
  id: string;
  name: string;
  nodes: SourceNode[];
  edges: SourceEdge[];
  attachments: SourceAttachment[];
  /** Annotations that are not nodes (n8n sticky notes): counted in the report, never steps. */
  notes: number;
}

/** A file, read: what it is, and its flows. */
export interface SourceDocument {
  format: SourceFormat;
  /** The format's version as the file states it (Rivet `version`, n8n's node type versions summarised). */
  formatVersion: string;
  name: string;
  flows: SourceFlow[];
}
