import type { Port } from '../events/primitives';
import type { StepSettings } from '../flow/stepSettings';
import type { SourceFlow, SourceNode } from './sourceGraph';

/*
 * What one node of another tool becomes: one or a few steps (a Rivet `if` is a branch on its
 * condition and a step that passes the value on), their edges inside the node, and where the
 * node's own ports landed. Or a placeholder, with the sentence why. Mappings are pure and never
 * throw for a node they do not know: they return `kept` and the builder makes the placeholder.
 */

/** A model as a mapping plans it: a script by its source (compiled by the builder), or any other kind by its fields. */
export type PlannedModel = {
  name: string;
  description: string;
  inputs: Port[];
  outputs: Port[];
  timeoutMs?: number;
} & (
  | { kind: 'script'; source: string }
  | { kind: 'llm' | 'branch' | 'human' | 'gate'; [field: string]: unknown }
  | { kind: 'subflow'; flowKey: string }
);

export interface PlannedStep {
  /** Unique within the node's steps; `main` is the one that carries the node's name and provenance. */
  key: string;
  label: string;
  model: PlannedModel;
  settings?: StepSettings;
  /** Where it sits relative to the node's position (the main step sits on it). */
  offset?: { x: number; y: number };
}

export interface PortLanding {
  step: string;
  port: string;
}

export interface NodeMapping {
  /** What it became, for the report: “llm model (gpt-4o-mini)”. */
  became: string;
  steps: PlannedStep[];
  /** Edges between the node's own steps: [from step, from port, to step, to port]. */
  edges: Array<readonly [string, string, string, string]>;
  /** Each of the node's input ports (as the file names them) and where it lands. */
  inputs: Record<string, PortLanding>;
  outputs: Record<string, PortLanding>;
  /** Things a person should know that did not stop the mapping (a tool not carried over). */
  notes?: string[];
}

export type NodeOutcome =
  | { ok: true; mapping: NodeMapping }
  /** `category` groups placeholders in the summary (“2 Slack nodes”, “1 loop controller”). */
  | { ok: false; reason: string; category: string };

/** What a mapping may look at beyond its node: the node's edges, its flow, the other flows. */
export interface MappingContext {
  flow: SourceFlow;
  /** Input ports of the node that something is connected to, with how many edges each. */
  connectedInputs: ReadonlyMap<string, number>;
  /** Output ports of the node that lead somewhere. */
  connectedOutputs: ReadonlySet<string>;
  /** Another flow of the same file, by its id in the file (a Rivet sub-graph, an n8n sub-workflow). */
  flowById(id: string): SourceFlow | undefined;
  /** Where the person wants LLM calls to go instead of the file's endpoint (the import dialog's field). */
  llmBaseUrl?: string;
}

export type NodeMapper = (node: SourceNode, context: MappingContext) => NodeOutcome;

export const kept = (reason: string, category: string): NodeOutcome => ({ ok: false, reason, category });

/** A node that became exactly one step whose ports are named as the node's. */
export function single(became: string, step: Omit<PlannedStep, 'key'>, notes?: string[]): NodeOutcome {
  const inputs: Record<string, PortLanding> = {};
  const outputs: Record<string, PortLanding> = {};
  for (const p of step.model.inputs) inputs[p.name] = { step: 'main', port: p.name };
  for (const p of step.model.outputs) outputs[p.name] = { step: 'main', port: p.name };
  return {
    ok: true,
    mapping: { became, steps: [{ key: 'main', ...step }], edges: [], inputs, outputs, ...(notes ? { notes } : {}) },
  };
}

/** A port name the studio accepts, made from another tool's (`main:0` → `main_0`, `1st` → `p_1st`). */
export function studioPortName(original: string): string {
  let name = original.replace(/[^A-Za-z0-9_]/g, '_');
  if (!/^[A-Za-z_]/.test(name)) name = `p_${name}`;
  if (['__proto__', 'constructor', 'prototype'].includes(name)) name = `p${name}`;
  return name.slice(0, 40);
}

/** A string as a TypeScript literal inside generated script source. */
export const literal = (value: unknown): string => JSON.stringify(value) ?? 'undefined';

/** A parameter as text: a string as itself, a number written out, anything else the fallback. */
export const textOf = (value: unknown, fallback = ''): string =>
  typeof value === 'string'
    ? value
    : typeof value === 'number' || typeof value === 'boolean'
      ? String(value)
      : fallback;
