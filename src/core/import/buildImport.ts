import type { EventDraft } from '../events/eventMap';
import type { Port } from '../events/primitives';
import type { ModelCompiler } from '../ports/ports';
import type { EdgeId, FlowId, ModelId, StepId } from '../ids';
import { modelSchema } from '../models/modelDefinition';
import type { StepSettings } from '../flow/stepSettings';
import type { ImportedSource } from '../kinds/imported/importedSchema';
import { findCycles } from './flowCycles';
import { summarise, type ImportReport, type ReportNode } from './importReport';
import {
  studioPortName,
  type MappingContext,
  type NodeMapper,
  type NodeMapping,
  type PlannedModel,
  type PortLanding,
} from './nodeMapping';
import type { SourceDocument, SourceFlow, SourceNode } from './sourceGraph';

export interface BuildImportOptions {
  fileName: string;
  sha256: string;
  compile: ModelCompiler;
  newId: (prefix: string) => string;
  /** Sends every LLM call to this OpenAI-compatible server instead of the file's endpoint. */
  llmBaseUrl?: string;
}

/** Which step each node became (its main step), for the project's provenance. */
export interface StepSource {
  flowId: FlowId;
  stepId: StepId;
  source: ImportedSource;
}

export interface BuiltImport {
  drafts: EventDraft[];
  report: ImportReport;
  sources: StepSource[];
}

const MAX_PORTS = 16;
/** n8n sub-nodes that are configuration of the node they point into; tools and the like stay placeholders. */
const CONFIGURATION_KINDS = new Set(['ai_languageModel', 'ai_memory', 'ai_outputParser']);
const anyPort = (name: string): Port => ({ name, type: 'any' });

/**
 * Turns a file read into the neutral shape into the events of a new project, node by node: what
 * the format's mapper maps becomes steps of real kinds, everything else (and every node of a
 * cycle) a placeholder that keeps the node. Pure: ids come from `newId`, scripts are compiled
 * by `compile`. Never throws for a node; only a broken mapping (a bug) can throw.
 */
export function buildImport(doc: SourceDocument, mapNode: NodeMapper, given: BuildImportOptions): BuiltImport {
  const opts = { ...given, compile: compileOnce(given.compile) };
  const drafts: EventDraft[] = [];
  const sources: StepSource[] = [];
  const reportFlows: ImportReport['flows'] = [];
  const cutEdges: string[] = [];
  const flowIds = new Map<string, FlowId>();
  const flowNames = new Set<string>();
  for (const flow of doc.flows) {
    const flowId = opts.newId('flow') as FlowId;
    flowIds.set(flow.id, flowId);
    const name = uniqueLabel(flow.name || 'Imported flow', flowNames);
    drafts.push({ type: 'flow.created', data: { flowId, name } });
  }
  let notes = 0;
  for (const flow of doc.flows) {
    const built = buildFlow(doc, flow, flowIds, mapNode, opts);
    drafts.push(...built.drafts);
    sources.push(...built.sources);
    cutEdges.push(...built.cutEdges);
    reportFlows.push({ name: flow.name, nodes: built.nodes });
    notes += flow.notes;
  }
  const { totals, summary } = summarise(reportFlows.flatMap((f) => f.nodes));
  return {
    drafts,
    sources,
    report: {
      fileName: opts.fileName,
      format: doc.format,
      formatVersion: doc.formatVersion,
      sha256: opts.sha256,
      projectName: doc.name,
      flows: reportFlows,
      totals: { ...totals, notes },
      summary,
      cutEdges,
    },
  };
}

function buildFlow(
  doc: SourceDocument,
  flow: SourceFlow,
  flowIds: ReadonlyMap<string, FlowId>,
  mapNode: NodeMapper,
  opts: BuildImportOptions,
): { drafts: EventDraft[]; sources: StepSource[]; nodes: ReportNode[]; cutEdges: string[] } {
  const flowId = flowIds.get(flow.id)!;
  const drafts: EventDraft[] = [];
  const sources: StepSource[] = [];
  const nodes: ReportNode[] = [];
  const byId = new Map(flow.nodes.map((n) => [n.id, n]));
  const cycleOf = new Map<string, string>();
  const cycleIndex = new Map<string, number>();
  for (const [i, cycle] of findCycles(
    flow.nodes.map((n) => n.id),
    flow.edges,
  ).entries()) {
    const named = [...cycle, cycle[0]!].map((id) => `“${byId.get(id)?.name ?? id}”`).join(' → ');
    for (const id of cycle) {
      cycleOf.set(id, named);
      cycleIndex.set(id, i);
    }
  }
  const attachedTo = new Map(flow.attachments.map((a) => [a.node, a]));

  const mappings = new Map<
    string,
    { mapping: NodeMapping; stepIds: Map<string, StepId>; inputs: Map<string, PortLanding[]> }
  >();
  for (const node of flow.nodes) {
    const report = { flow: flow.name, id: node.id, name: node.name, type: node.type };
    const attachment = attachedTo.get(node.id);
    if (attachment && CONFIGURATION_KINDS.has(attachment.kind)) {
      const target = byId.get(attachment.target);
      nodes.push({
        ...report,
        outcome: 'configuration',
        detail: `configuration of “${target?.name ?? attachment.target}” (${attachment.kind})`,
      });
      continue;
    }
    const context = contextFor(node, flow, doc, opts);
    const cycle = cycleOf.get(node.id);
    const outcome = cycle
      ? {
          ok: false as const,
          reason: `It is part of the cycle ${cycle}, which a flow cannot express (a flow only goes forward); rebuild the loop as a map or a sub-flow.`,
          category: 'cycle',
        }
      : mapNode(node, context);
    const mapping = outcome.ok ? outcome.mapping : placeholderMapping(node, context, outcome.reason, doc);
    if (outcome.ok)
      nodes.push({
        ...report,
        outcome: 'step',
        detail: mapping.became,
        ...(mapping.notes ? { notes: mapping.notes } : {}),
      });
    else nodes.push({ ...report, outcome: 'placeholder', detail: outcome.reason, category: outcome.category });
    mappings.set(node.id, planSteps(node, mapping, context, flowId, flowIds, drafts, sources, doc, opts));
  }

  // Edges last: every step exists, and each input port takes exactly one edge.
  const cutEdges: string[] = [];
  const used = new Map<string, number>();
  for (const edge of flow.edges) {
    const from = mappings.get(edge.from.node);
    const to = mappings.get(edge.to.node);
    if (!from || !to) continue; // an AI sub-node's connection: configuration, already in the report
    const out = from.mapping.outputs[edge.from.port];
    const key = `${edge.to.node}\u0000${edge.to.port}`;
    const slot = used.get(key) ?? 0;
    used.set(key, slot + 1);
    const into = to.inputs.get(edge.to.port)?.[slot];
    const fromName = byId.get(edge.from.node)?.name ?? edge.from.node;
    const toName = byId.get(edge.to.node)?.name ?? edge.to.node;
    if (!out || !into) {
      cutEdges.push(
        `“${fromName}” → “${toName}” (${edge.from.port} → ${edge.to.port}): a port the import did not keep.`,
      );
      continue;
    }
    const source = from.stepIds.get(out.step)!;
    const target = to.stepIds.get(into.step)!;
    // Every cycle of steps is a cycle of nodes: an edge inside one is what a flow cannot draw.
    const cycle = cycleOf.get(edge.from.node);
    const within = cycleIndex.get(edge.from.node);
    if (within !== undefined && within === cycleIndex.get(edge.to.node)) {
      cutEdges.push(`“${fromName}” → “${toName}” is inside the cycle ${cycle}: kept on the placeholders, not drawn.`);
      continue;
    }
    drafts.push(edgeAdded(flowId, opts, source, out.port, target, into.port));
  }
  return { drafts, sources, nodes, cutEdges };
}

function contextFor(node: SourceNode, flow: SourceFlow, doc: SourceDocument, opts: BuildImportOptions): MappingContext {
  const connectedInputs = new Map<string, number>();
  const connectedOutputs = new Set<string>();
  for (const e of flow.edges) {
    if (e.to.node === node.id) connectedInputs.set(e.to.port, (connectedInputs.get(e.to.port) ?? 0) + 1);
    if (e.from.node === node.id) connectedOutputs.add(e.from.port);
  }
  return {
    flow,
    connectedInputs,
    connectedOutputs,
    flowById: (id) => doc.flows.find((f) => f.id === id),
    ...(opts.llmBaseUrl !== undefined ? { llmBaseUrl: opts.llmBaseUrl } : {}),
  };
}

/** A placeholder step: the node's connected ports (at most 16 each), its type and parameters, and the reason. */
function placeholderMapping(
  node: SourceNode,
  context: MappingContext,
  reason: string,
  doc: SourceDocument,
): NodeMapping {
  const inputs: Record<string, PortLanding> = {};
  const outputs: Record<string, PortLanding> = {};
  const inPorts = uniquePorts([...context.connectedInputs.keys()], inputs);
  const outPorts = uniquePorts([...context.connectedOutputs], outputs);
  if (outPorts.length === 0) outPorts.push(anyPort('output'));
  return {
    became: 'placeholder',
    steps: [
      {
        key: 'main',
        label: node.name,
        model: {
          kind: 'imported' as never,
          name: node.name,
          description: `Imported ${doc.format} node “${node.name}” (${node.type}).`,
          inputs: inPorts,
          outputs: outPorts,
          source: { format: doc.format, type: node.type, id: node.id, name: node.name },
          parameters: jsonSafe(node.params),
          reason,
        },
      },
    ],
    edges: [],
    inputs,
    outputs,
  };
}

function uniquePorts(originals: string[], landings: Record<string, PortLanding>): Port[] {
  const ports: Port[] = [];
  const taken = new Set<string>();
  for (const original of originals.slice(0, MAX_PORTS)) {
    let name = studioPortName(original);
    for (let i = 2; taken.has(name); i++) name = `${studioPortName(original).slice(0, 36)}_${i}`;
    taken.add(name);
    ports.push(anyPort(name));
    landings[original] = { step: 'main', port: name };
  }
  return ports;
}

/** Saves a model per step, adds the steps (where the file put the node) and the node's own edges. */
function planSteps(
  node: SourceNode,
  mapping: NodeMapping,
  context: MappingContext,
  flowId: FlowId,
  flowIds: ReadonlyMap<string, FlowId>,
  drafts: EventDraft[],
  sources: StepSource[],
  doc: SourceDocument,
  opts: BuildImportOptions,
): { mapping: NodeMapping; stepIds: Map<string, StepId>; inputs: Map<string, PortLanding[]> } {
  // An input several edges arrive at (n8n allows it) gets one port per edge, and the step starts on any of them.
  const inputs = new Map<string, PortLanding[]>();
  const extraPorts = new Map<string, Port[]>();
  for (const [original, landing] of Object.entries(mapping.inputs)) {
    const count = context.connectedInputs.get(original) ?? 1;
    const landings = [landing];
    for (let i = 2; i <= count; i++) {
      const port = `${landing.port.slice(0, 36)}_${i}`;
      landings.push({ step: landing.step, port });
      extraPorts.set(landing.step, [...(extraPorts.get(landing.step) ?? []), anyPort(port)]);
    }
    inputs.set(original, landings);
  }
  const stepIds = new Map<string, StepId>();
  for (const step of mapping.steps) {
    const stepId = opts.newId('step') as StepId;
    stepIds.set(step.key, stepId);
    const extra = extraPorts.get(step.key) ?? [];
    const model = saveModel(
      { ...step.model, inputs: [...step.model.inputs, ...extra].slice(0, MAX_PORTS) },
      flowIds,
      opts,
    );
    drafts.push({ type: 'model.saved', data: { model } });
    // n8n draws its nodes small and close together; the studio's steps are wider.
    const scale = doc.format === 'n8n' ? 1.8 : 1;
    const position = {
      x: node.position.x * scale + (step.offset?.x ?? 0),
      y: node.position.y * scale + (step.offset?.y ?? 0),
    };
    drafts.push({
      type: 'step.added',
      data: { flowId, stepId, modelId: model.modelId, label: clip(step.label), position },
    });
    const settings: StepSettings = {
      ...step.settings,
      ...(extra.length > 0 && !step.settings?.join ? { join: { policy: 'any' } } : {}),
    };
    if (Object.keys(settings).length > 0) drafts.push({ type: 'step.configured', data: { flowId, stepId, settings } });
    if (step.key === 'main')
      sources.push({ flowId, stepId, source: { format: doc.format, type: node.type, id: node.id, name: node.name } });
  }
  for (const [fromKey, fromPort, toKey, toPort] of mapping.edges)
    drafts.push(edgeAdded(flowId, opts, stepIds.get(fromKey)!, fromPort, stepIds.get(toKey)!, toPort));
  return { mapping, stepIds, inputs };
}

function saveModel(planned: PlannedModel, flowIds: ReadonlyMap<string, FlowId>, opts: BuildImportOptions) {
  const modelId = opts.newId('model') as ModelId;
  const { kind, ...fields } = planned as PlannedModel & Record<string, unknown>;
  const common = {
    ...fields,
    name: clip(planned.name),
    description: planned.description.slice(0, 2_000),
    modelId,
    version: 1,
  };
  if (kind === 'script') {
    const compiled = opts.compile(String(fields.source));
    if (!compiled.ok) throw new Error(`An import script for “${planned.name}” does not compile: ${compiled.message}`);
    return modelSchema.parse({ ...common, kind, compiled: compiled.code });
  }
  if (kind === 'subflow') {
    const { flowKey, ...rest } = common as typeof common & { flowKey: string };
    return modelSchema.parse({ ...rest, kind, flowId: flowIds.get(flowKey) });
  }
  return modelSchema.parse({ ...common, kind });
}

function edgeAdded(
  flowId: FlowId,
  opts: BuildImportOptions,
  source: StepId,
  sourcePort: string,
  target: StepId,
  targetPort: string,
): EventDraft {
  return {
    type: 'edge.added',
    data: {
      flowId,
      edgeId: opts.newId('edge') as EdgeId,
      source: { stepId: source, port: sourcePort },
      target: { stepId: target, port: targetPort },
    },
  };
}

/**
 * Compiles each script once per distinct body: the comment lines an import puts on top (which name
 * the node) are blanked for the compiler, keeping every line where it was, so a file of many nodes
 * of the same shape compiles each shape once (a 2,000-node file would otherwise spend seconds here).
 */
function compileOnce(compile: ModelCompiler): ModelCompiler {
  const done = new Map<string, ReturnType<ModelCompiler>>();
  return (source) => {
    const lines = source.split('\n');
    let i = 0;
    while (i < lines.length && lines[i]!.startsWith('//')) lines[i++] = '';
    const body = lines.join('\n');
    let result = done.get(body);
    if (!result) {
      result = compile(body);
      done.set(body, result);
    }
    return result;
  };
}

const clip = (label: string): string => (label.trim() || 'Unnamed node').slice(0, 120);

function uniqueLabel(name: string, taken: Set<string>): string {
  let label = clip(name);
  for (let i = 2; taken.has(label); i++) label = `${clip(name).slice(0, 110)} (${i})`;
  taken.add(label);
  return label;
}

/** Parameters as JSON: what JSON cannot hold (undefined, functions) is left out, so the model schema takes them. */
function jsonSafe(value: Record<string, unknown>): unknown {
  return JSON.parse(JSON.stringify(value ?? {})) as unknown;
}
