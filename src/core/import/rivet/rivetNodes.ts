import type { Port } from '../../events/primitives';
import type { StepSettings } from '../../flow/stepSettings';
import {
  kept,
  literal,
  single,
  studioPortName,
  type MappingContext,
  type NodeMapper,
  type NodeOutcome,
} from '../nodeMapping';
import { interpolateBody, scriptSource, templateNames } from '../scriptSource';
import type { SourceNode } from '../sourceGraph';
import { mapFirstOf, mapIf, mapMatch } from './rivetControlNodes';

/*
 * Rivet's node types (their data as Rivet's node definitions in packages/core/src/model/nodes/
 * keep it) and what each becomes. A type not listed here becomes a placeholder.
 */

const any = (name: string): Port => ({ name, type: 'any' });
const text = (name: string): Port => ({ name, type: 'text' });
const origin = (node: SourceNode) => `Rivet ${node.type} node “${node.name}”`;
const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback);
const OPENAI = 'https://api.openai.com/v1';

/** Rivet's split run, as the studio's map: one run per item of the first connected input's list. */
function splitSettings(
  node: SourceNode,
  firstInput: string | undefined,
): { settings?: StepSettings; notes?: string[] } {
  if (!node.split || firstInput === undefined) return {};
  const concurrency = node.split.sequential ? 1 : Math.max(1, Math.min(32, node.split.max));
  return {
    settings: { map: { port: firstInput, concurrency } },
    notes: [
      `Split run: one run per item of “${firstInput}”${node.split.sequential ? ', one at a time' : `, ${concurrency} at once`}.`,
    ],
  };
}

/** A script step whose ports are the node's own (named for the studio), with Rivet's split run if set. */
function scriptStep(
  node: SourceNode,
  became: string,
  inputs: Port[],
  outputs: Port[],
  purpose: string,
  body: string,
): NodeOutcome {
  const split = splitSettings(node, inputs[0]?.name);
  return single(
    split.settings ? `${became}, mapped over a list` : became,
    {
      label: node.name,
      ...(split.settings ? { settings: split.settings } : {}),
      model: {
        kind: 'script',
        name: node.name,
        description: `Imported from ${origin(node)}.`,
        inputs,
        outputs,
        source: scriptSource(origin(node), purpose, body),
      },
    },
    split.notes,
  );
}

/** Where each Rivet chat node type calls when its data names no endpoint: the provider's OpenAI-compatible API. */
const CHAT_SERVERS: Record<string, string> = {
  chat: OPENAI,
  chatGoogle: 'https://generativelanguage.googleapis.com/v1beta/openai',
  chatAnthropic: 'https://api.anthropic.com/v1',
};

function mapChat(node: SourceNode, context: MappingContext): NodeOutcome {
  const p = node.params;
  const inputs: Port[] = [text('prompt')];
  const notes: string[] = ['Credentials are never imported: pick an API key for it (inspector → Model).'];
  if (context.connectedInputs.has('systemPrompt')) inputs.push(text('systemPrompt'));
  for (const port of context.connectedInputs.keys())
    if (port !== 'prompt' && port !== 'systemPrompt') {
      inputs.push(any(studioPortName(port)));
      notes.push(`Its “${port}” input is kept as a port but not sent to the model.`);
    }
  const endpoint = str(p.endpoint).trim();
  const baseUrl =
    context.llmBaseUrl ??
    (/^https?:\/\//.test(endpoint)
      ? endpoint.replace(/\/chat\/completions\/?$/, '')
      : (CHAT_SERVERS[node.type] ?? OPENAI));
  const model = str(p.model, 'gpt-4o-mini').trim() || 'gpt-4o-mini';
  if (p.responseFormat === 'json' || p.responseFormat === 'json_object')
    notes.push('Rivet asked for a JSON reply; the prompt is kept as it was.');
  const temperature =
    typeof p.temperature === 'number' && p.useTopP !== true ? Math.min(2, Math.max(0, p.temperature)) : undefined;
  const maxTokens = typeof p.maxTokens === 'number' && p.maxTokens > 0 ? Math.floor(p.maxTokens) : undefined;
  const split = splitSettings(node, 'prompt');
  return single(
    `llm model (${model})`,
    {
      label: node.name,
      ...(split.settings ? { settings: split.settings } : {}),
      model: {
        kind: 'llm',
        name: node.name,
        description: `Imported from ${origin(node)}.`,
        inputs,
        outputs: [text('response')],
        baseUrl,
        model,
        system: inputs.some((i) => i.name === 'systemPrompt') ? '{{systemPrompt}}' : '',
        prompt: '{{prompt}}',
        ...(temperature !== undefined ? { temperature } : {}),
        ...(maxTokens !== undefined ? { maxTokens } : {}),
        timeoutMs: 120_000,
      },
    },
    [...notes, ...(split.notes ?? [])],
  );
}

/** Rivet's `{{name}}` interpolation (text and prompt nodes): the names are the node's inputs. */
function mapTemplate(node: SourceNode, template: string, output: string, became: string): NodeOutcome {
  const names = templateNames(template).slice(0, 16);
  const ports = new Map(names.map((n) => [n, studioPortName(n)]));
  return scriptStep(
    node,
    became,
    [...ports.values()].map(any),
    [text(output)],
    'Fills {{name}} with the input of that name.',
    interpolateBody(template, ports, output),
  );
}

function mapGraphInput(node: SourceNode, context: MappingContext): NodeOutcome {
  const fallback = node.params.defaultValue;
  const withDefault = context.connectedInputs.has('default');
  const body = `const given = inputs.input;\nconst empty = given === undefined || given === '';\nctx.emit('data', empty ? ${withDefault ? 'inputs.default' : literal(fallback ?? '')} : given);`;
  const mapped = scriptStep(
    node,
    'flow input (the run’s input)',
    withDefault ? [any('input'), any('default')] : [any('input')],
    [any('data')],
    'The run’s input (this step’s unconnected “input”), or its default.',
    body,
  );
  if (mapped.ok) delete mapped.mapping.inputs.input; // fed by the run, not by an edge
  return mapped;
}

/** `code`: Rivet passes `inputs.name.value` and expects `{ name: { type, value } }` back; the adapter does both over ctx. */
function mapCode(node: SourceNode): NodeOutcome {
  const code = str(node.params.code);
  const inNames = (Array.isArray(node.params.inputNames) ? node.params.inputNames : []).map(String).slice(0, 16);
  const outNames = (Array.isArray(node.params.outputNames) ? node.params.outputNames : ['output'])
    .map(String)
    .slice(0, 16);
  const inPorts = new Map(inNames.map((n) => [n, studioPortName(n)]));
  const outPorts = new Map(outNames.map((n) => [n, studioPortName(n)]));
  const body = `const wrapped: Record<string, { type: string; value: unknown }> = {};
for (const [name, port] of Object.entries(${literal(Object.fromEntries(inPorts))})) wrapped[name] = { type: 'any', value: inputs[port as string] };
const result = (await (async function (inputs: any) {
${code}
})(wrapped)) as Record<string, { value?: unknown } | undefined>;
for (const [name, port] of Object.entries(${literal(Object.fromEntries(outPorts))})) {
  const out = result?.[name];
  ctx.emit(port as string, out && typeof out === 'object' && 'value' in out ? out.value : out);
}`;
  const mapped = scriptStep(
    node,
    'script (Rivet code, run over ctx)',
    [...inPorts.values()].map(any),
    [...outPorts.values()].map(any),
    'Rivet’s code, with `inputs.name.value` and `{ name: { value } }` adapted to ctx.',
    body,
  );
  if (mapped.ok) {
    mapped.mapping.inputs = Object.fromEntries(inNames.map((n) => [n, { step: 'main', port: inPorts.get(n)! }]));
    mapped.mapping.outputs = Object.fromEntries(outNames.map((n) => [n, { step: 'main', port: outPorts.get(n)! }]));
  }
  return mapped;
}

function mapSubGraph(node: SourceNode, context: MappingContext): NodeOutcome {
  const target = context.flowById(str(node.params.graphId));
  if (!target) return kept('It runs a graph that is not in this file.', 'sub-graph');
  const ids = (type: string, fallback: string) =>
    target.nodes.filter((n) => n.type === type).map((n) => str(n.params.id, fallback));
  const ins = ids('graphInput', 'input').slice(0, 16);
  const outs = ids('graphOutput', 'output').slice(0, 16);
  if (outs.length === 0) return kept(`The graph it runs (“${target.name}”) has no Graph Output node.`, 'sub-graph');
  return remapped(node, ins, outs, target.id, target.name);
}

function remapped(node: SourceNode, ins: string[], outs: string[], flowKey: string, flowName: string): NodeOutcome {
  return {
    ok: true,
    mapping: {
      became: `sub-flow (runs “${flowName}”)`,
      steps: [
        {
          key: 'main',
          label: node.name,
          model: {
            kind: 'subflow',
            name: node.name,
            description: `Imported from ${origin(node)}.`,
            inputs: ins.map((n) => any(studioPortName(n))),
            outputs: outs.map((n) => any(studioPortName(n))),
            flowKey,
            timeoutMs: 600_000,
          },
        },
      ],
      edges: [],
      inputs: Object.fromEntries(ins.map((n) => [n, { step: 'main', port: studioPortName(n) }])),
      outputs: Object.fromEntries(outs.map((n) => [n, { step: 'main', port: studioPortName(n) }])),
    },
  };
}

const connectedNumbered = (context: MappingContext, prefix: string) =>
  [...context.connectedInputs.keys()]
    .filter((p) => p.startsWith(prefix))
    .sort((a, b) => Number(a.slice(prefix.length)) - Number(b.slice(prefix.length)));

/** Every Rivet node type the import maps, by its type name. */
const RIVET_MAPPERS: Record<string, NodeMapper> = {
  chat: mapChat,
  chatGoogle: mapChat,
  chatAnthropic: mapChat,
  text: (node) => mapTemplate(node, str(node.params.text), 'output', 'script (text template)'),
  prompt: (node) =>
    mapTemplate(node, str(node.params.promptText), 'output', `script (${str(node.params.type, 'user')} prompt text)`),
  graphInput: mapGraphInput,
  context: mapGraphInput,
  graphOutput: (node) =>
    scriptStep(
      node,
      'flow output',
      [any('value')],
      [any(studioPortName(str(node.params.id, 'output')))],
      'Hands the value on as the flow’s output.',
      `ctx.emit(${literal(studioPortName(str(node.params.id, 'output')))}, inputs.value);`,
    ),
  passthrough: (node, context) => {
    const ins = connectedNumbered(context, 'input');
    return scriptStep(
      node,
      'script (passes its inputs on)',
      ins.map(any),
      ins.map((p) => any(p.replace('input', 'output'))),
      'Passes each input on.',
      ins.map((p) => `ctx.emit(${literal(p.replace('input', 'output'))}, inputs[${literal(p)}]);`).join('\n'),
    );
  },
  assemblePrompt: (node, context) => {
    const ins = connectedNumbered(context, 'message');
    return scriptStep(
      node,
      'script (joins the messages into one prompt)',
      ins.map(any),
      [text('prompt')],
      'Joins its messages, in order, into one prompt.',
      `const parts = ${literal(ins)}.flatMap((p) => { const v = inputs[p]; return Array.isArray(v) ? v : v === undefined ? [] : [v]; });\nctx.emit('prompt', parts.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join('\\n\\n'));`,
    );
  },
  extractRegex: (node, context) => {
    const outs = [...context.connectedOutputs].filter((p) => /^output\d+$|^matches$|^succeeded$|^failed$/.test(p));
    const body = `const m = new RegExp(${literal(str(node.params.regex, '(.*)'))}).exec(String(inputs.input ?? ''));\nconst all = ${literal(outs)};\nfor (const port of all) {\n  if (port === 'succeeded') ctx.emit(port, m !== null);\n  else if (port === 'failed') ctx.emit(port, m === null);\n  else if (port === 'matches') ctx.emit(port, m ? [...m].slice(1) : []);\n  else ctx.emit(port, m ? (m[Number(port.slice(6))] ?? '') : '');\n}`;
    return scriptStep(
      node,
      'script (regular expression)',
      [any('input')],
      (outs.length > 0 ? outs : ['output1']).map(any),
      'Extracts the groups of a regular expression.',
      outs.length > 0 ? body : `ctx.emit('output1', '');`,
    );
  },
  code: mapCode,
  if: mapIf,
  match: mapMatch,
  coalesce: mapFirstOf,
  raceInputs: mapFirstOf,
  subGraph: mapSubGraph,
  userInput: (node) =>
    single('human (a person answers in the inbox)', {
      label: node.name,
      model: {
        kind: 'human',
        name: node.name,
        description: `Imported from ${origin(node)}.`,
        inputs: [],
        outputs: [text('output')],
        instructions: str(node.params.prompt, 'Your answer').slice(0, 5_000),
        timeoutMs: 86_400_000,
      },
    }),
  toJson: (node) =>
    scriptStep(
      node,
      'script (to JSON)',
      [any('data')],
      [text('json')],
      'Turns its input into JSON text.',
      `ctx.emit('json', JSON.stringify(inputs.data));`,
    ),
  extractJson: (node) =>
    scriptStep(
      node,
      'script (JSON from text)',
      [any('input')],
      [any('output')],
      'Finds the JSON in a text.',
      `const s = String(inputs.input ?? '');\nconst start = s.search(/[[{]/);\nctx.emit('output', start < 0 ? null : JSON.parse(s.slice(start, Math.max(s.lastIndexOf('}'), s.lastIndexOf(']')) + 1)));`,
    ),
};

/** What a Rivet node becomes: its type's mapping, or a placeholder that says why. */
export const mapRivetNode: NodeMapper = (node, context) => {
  const mapper = Object.hasOwn(RIVET_MAPPERS, node.type) ? RIVET_MAPPERS[node.type] : undefined;
  if (!mapper)
    return kept(`The studio has no step that does what Rivet's “${node.type}” node does yet.`, words(node.type));
  return mapper(node, context);
};

/** `loopController` → “loop controller”, for the summary. */
const words = (type: string) => type.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
