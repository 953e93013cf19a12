import type { Port } from '../../events/primitives';
import { kept, literal, single, textOf, type MappingContext, type NodeMapper, type NodeOutcome } from '../nodeMapping';
import { routedCluster } from '../routedCluster';
import { scriptSource } from '../scriptSource';
import type { SourceNode } from '../sourceGraph';
import { CONDITION_RUNTIME, conditionsJs } from './n8nConditions';
import { N8N_PRELUDE, translate, untranslatable } from './n8nExpressions';
import { mapN8nLlm } from './n8nLlm';
import { mapN8nCode } from './n8nCode';
import { itemScript } from './n8nItemScript';

/*
 * n8n's node types (their parameters as n8n's nodes-base and nodes-langchain packages define them)
 * and what each becomes. Items travel as one JSON value per artifact (one item: its `json`; several:
 * the list of them). A type not listed here becomes a placeholder.
 */

const any = (name: string): Port => ({ name, type: 'any' });
const short = (type: string) => type.split('.').pop() ?? type;
const origin = (node: SourceNode) => `n8n ${short(node.type)} node “${node.name}”`;
const record = (v: unknown): Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/** A trigger: the run's input stands for what the trigger receives (a chat message, a form, a webhook's body). */
function mapTrigger(node: SourceNode): NodeOutcome {
  const t = short(node.type);
  const shape =
    t === 'chatTrigger'
      ? `{ chatInput: text, sessionId: 'studio' }`
      : t === 'webhook'
        ? `{ body: parsed ?? text, headers: {}, query: {} }`
        : `parsed !== undefined && typeof parsed === 'object' ? parsed : { input: text }`;
  const mapped = single('flow input (the run’s input stands for the trigger’s event)', {
    label: node.name,
    model: {
      kind: 'script',
      name: node.name,
      description: `Imported from ${origin(node)}: the run's input is what it would have received.`,
      inputs: [any('input')],
      outputs: [any('item')],
      source: scriptSource(
        origin(node),
        'The run’s input (text, or JSON) as the item this trigger would give.',
        `const raw = ctx.inputs.input;\nconst text = typeof raw === 'string' ? raw : JSON.stringify(raw ?? '');\nlet parsed: any;\ntry { parsed = typeof raw === 'string' ? JSON.parse(raw) : raw; } catch { parsed = undefined; }\nctx.emit('item', ${shape});`,
      ),
    },
  });
  if (mapped.ok) {
    mapped.mapping.inputs = {};
    mapped.mapping.outputs = { 'main:0': { step: 'main', port: 'item' } };
    if (!['manualTrigger', 'chatTrigger', 'formTrigger', 'webhook', 'executeWorkflowTrigger', 'start'].includes(t))
      mapped.mapping.notes = [`What ${t} listens to is not connected: the run's input stands in for its event.`];
  }
  return mapped;
}

/** Edit Fields (`set`): each assignment an expression over the item, kept or added to its other fields. */
function mapSet(node: SourceNode): NodeOutcome {
  const p = node.params;
  if (p.mode === 'raw') {
    const t = translate(p.jsonOutput);
    if (!t.ok)
      return kept(`Its JSON uses the expression ${t.expression}, which reaches outside the item.`, 'Edit Fields');
    return itemScript(
      node,
      'script (sets fields)',
      'Builds the item from its JSON.',
      `const out = ${t.js};\nctx.emit('item', typeof out === 'string' ? JSON.parse(out) : out);`,
    );
  }
  const assignments: Array<{ name: string; value: unknown }> = [];
  for (const a of (record(p.assignments).assignments as unknown[] | undefined) ?? [])
    assignments.push({ name: String(record(a).name), value: record(a).value });
  for (const list of Object.values(record(p.values)))
    if (Array.isArray(list))
      for (const a of list) assignments.push({ name: String(record(a).name), value: record(a).value });
  const lines: string[] = [];
  for (const a of assignments) {
    const t = translate(a.value);
    if (!t.ok)
      return kept(
        `Its field “${a.name}” uses the expression ${t.expression}, which reaches outside the item; the adapter reads only $json and $input.`,
        'Edit Fields',
      );
    lines.push(`set(out, ${literal(a.name)}, ${t.js});`);
  }
  const keep =
    p.includeOtherFields === true ||
    p.keepOnlySet === false ||
    (p.keepOnlySet === undefined &&
      p.includeOtherFields === undefined &&
      node.params.__typeVersion !== undefined &&
      Number(node.params.__typeVersion) < 3);
  return itemScript(
    node,
    'script (sets fields)',
    'Sets its fields over the item, as n8n’s Edit Fields does.',
    `const out: Record<string, any> = ${keep ? '{ ...$json }' : '{}'};\nconst set = (o: Record<string, any>, path: string, v: unknown) => { const keys = path.split('.'); let at = o; for (const k of keys.slice(0, -1)) at = at[k] = typeof at[k] === 'object' && at[k] !== null ? at[k] : {}; at[keys[keys.length - 1]!] = v; };\n${lines.join('\n')}\nctx.emit('item', out);`,
  );
}

function mapIf(node: SourceNode, context: MappingContext): NodeOutcome {
  const condition = conditionsJs(
    node.params.conditions,
    node.params.combineOperation ?? record(node.params.conditions).combinator,
  );
  if (!condition.ok) return kept(condition.reason, 'If');
  return {
    ok: true,
    mapping: routedCluster({
      name: node.name,
      origin: origin(node),
      inputs: { 'main:0': 'item' },
      decide: `${N8N_PRELUDE}\n${CONDITION_RUNTIME}\nctx.emit('routed', { route: (${condition.js}) ? 'true' : 'false', item: first });`,
      routes: [
        { route: 'true', output: 'main:0' },
        { route: 'false', output: 'main:1' },
      ],
      connectedOutputs: context.connectedOutputs,
      became: 'branch (true / false) with explicit skip',
    }),
  };
}

function mapFilter(node: SourceNode, context: MappingContext): NodeOutcome {
  const condition = conditionsJs(node.params.conditions, record(node.params.conditions).combinator);
  if (!condition.ok) return kept(condition.reason, 'Filter');
  return {
    ok: true,
    mapping: routedCluster({
      name: node.name,
      origin: origin(node),
      inputs: { 'main:0': 'item' },
      decide: `${N8N_PRELUDE}\n${CONDITION_RUNTIME}\nctx.emit('routed', { route: (${condition.js}) ? 'kept' : 'discarded', item: first });`,
      routes: [
        { route: 'kept', output: 'main:0' },
        { route: 'discarded', output: 'main:1' },
      ],
      connectedOutputs: context.connectedOutputs,
      became: 'branch (kept / discarded)',
    }),
  };
}

/** Switch: rules (each a filter) or an expression giving the output's number; the fallback output when set. */
function mapSwitch(node: SourceNode, context: MappingContext): NodeOutcome {
  const p = node.params;
  const options = record(p.options);
  const routes: Array<{ route: string; output: string }> = [];
  let decide: string;
  if (p.mode === 'expression') {
    const n = Number(p.numberOutputs ?? 4);
    const t = translate(p.output);
    if (!t.ok) return kept(`Its output expression ${t.expression} reaches outside the item.`, 'Switch');
    for (let i = 0; i < Math.min(n, 15); i++) routes.push({ route: `output ${i}`, output: `main:${i}` });
    decide = `const i = Number(${t.js});\nctx.emit('routed', { route: 'output ' + i, item: first });`;
  } else {
    const rules = (record(p.rules).values ?? record(p.rules).rules ?? []) as unknown[];
    if (!Array.isArray(rules) || rules.length === 0 || rules.length > 14)
      return kept(`It has ${Array.isArray(rules) ? rules.length : 0} rules; the import maps 1 to 14.`, 'Switch');
    const tests: string[] = [];
    for (const [i, raw] of rules.entries()) {
      const rule = record(raw);
      let js: string;
      if (rule.conditions !== undefined) {
        const c = conditionsJs(rule.conditions, record(rule.conditions).combinator);
        if (!c.ok) return kept(c.reason, 'Switch');
        js = c.js;
      } else {
        const left = translate(p.value1);
        const right = translate(rule.value2);
        if (!left.ok || !right.ok)
          return kept(
            `Its rule uses the expression ${!left.ok ? left.expression : !right.ok ? right.expression : ''}, which reaches outside the item.`,
            'Switch',
          );
        js = `test(${left.js}, ${literal(textOf(rule.operation, 'equal'))}, ${right.js})`;
      }
      const output = typeof rule.output === 'number' ? rule.output : i;
      const label = typeof rule.outputKey === 'string' && rule.outputKey ? rule.outputKey : `output ${output}`;
      routes.push({ route: label, output: `main:${output}` });
      tests.push(`if (${js}) route = ${literal(label)};`);
    }
    const fallback = options.fallbackOutput ?? p.fallbackOutput;
    let fallbackLine = '';
    if (fallback === 'extra') {
      routes.push({ route: 'fallback', output: `main:${rules.length}` });
      fallbackLine = `if (route === null) route = 'fallback';`;
    } else if (typeof fallback === 'number' && fallback >= 0)
      fallbackLine = `if (route === null) route = ${literal(routes[fallback]?.route ?? null)};`;
    decide = `${CONDITION_RUNTIME}\nlet route: string | null = null;\n${[...tests].reverse().join('\n')}\n${fallbackLine}\nctx.emit('routed', { route, item: first });`;
  }
  return {
    ok: true,
    mapping: routedCluster({
      name: node.name,
      origin: origin(node),
      inputs: { 'main:0': 'item' },
      decide: `${N8N_PRELUDE}\n${decide}`,
      routes,
      connectedOutputs: context.connectedOutputs,
      became: `branch (${routes.length} outputs${routes.some((r) => r.route === 'fallback') ? ', with its fallback' : ''})`,
    }),
  };
}

/** Merge: waits for all its inputs, then appends, combines or chooses, by its mode. */
function mapMerge(node: SourceNode, context: MappingContext): NodeOutcome {
  const p = node.params;
  const mode = textOf(p.mode, 'append');
  if (mode === 'combineBySql') return kept('It merges by SQL, which the import does not translate.', 'Merge');
  const count = Math.max(
    2,
    Number(p.numberInputs ?? 2),
    ...[...context.connectedInputs.keys()].map((k) => Number(k.split(':')[1] ?? 0) + 1),
  );
  const ports = Array.from({ length: Math.min(count, 16) }, (_, i) => `input${i + 1}`);
  const chosen = textOf(p.output ?? p.chooseBranchMode, 'input1').replace(/\D/g, '') || '1';
  const body =
    mode === 'chooseBranch'
      ? `ctx.emit('item', inputs[${literal(`input${chosen}`)}] ?? null);`
      : mode.startsWith('combine') || mode === 'mergeByIndex' || mode === 'mergeByKey' || mode === 'multiplex'
        ? `ctx.emit('item', Object.assign({}, ...${literal(ports)}.map((p) => inputs[p]).filter((v) => v && typeof v === 'object' && !Array.isArray(v))));`
        : `ctx.emit('item', ${literal(ports)}.flatMap((p) => (inputs[p] === undefined ? [] : Array.isArray(inputs[p]) ? (inputs[p] as unknown[]) : [inputs[p]])));`;
  return {
    ok: true,
    mapping: {
      became: `join (all inputs, then ${mode})`,
      steps: [
        {
          key: 'main',
          label: node.name,
          settings: { join: { policy: 'all' } },
          model: {
            kind: 'script',
            name: node.name,
            description: `Imported from ${origin(node)} (mode ${mode}).`,
            inputs: ports.map(any),
            outputs: [any('item')],
            source: scriptSource(origin(node), `Merges its inputs (${mode}).`, body),
          },
        },
      ],
      edges: [],
      inputs: Object.fromEntries(ports.map((port, i) => [`main:${i}`, { step: 'main', port }])),
      outputs: { 'main:0': { step: 'main', port: 'item' } },
    },
  };
}

/** Send-and-wait (Gmail, Slack, Telegram…) and Wait with a form: a person approves, or answers. */
function mapPersonGate(node: SourceNode): NodeOutcome {
  const p = node.params;
  const question =
    typeof p.message === 'string' && !untranslatable(p.message)
      ? p.message.replace(/^=/, '')
      : `Approve “${node.name}”?`;
  const free = p.responseType === 'freeText' || p.responseType === 'customForm' || p.resume === 'form';
  const mapped = free
    ? single('human (a person answers in the inbox)', {
        label: node.name,
        model: {
          kind: 'human',
          name: node.name,
          description: `Imported from ${origin(node)}.`,
          inputs: [any('item')],
          outputs: [{ name: 'answer', type: 'text' }],
          instructions: question.slice(0, 5_000),
          timeoutMs: 86_400_000,
        },
      })
    : single('approval gate (a person approves in the inbox)', {
        label: node.name,
        model: {
          kind: 'gate',
          name: node.name,
          description: `Imported from ${origin(node)}.`,
          inputs: [any('item')],
          outputs: [any('approved')],
          check: { type: 'approval', question: question.slice(0, 2_000) },
        },
      });
  if (mapped.ok) {
    mapped.mapping.inputs = { 'main:0': { step: 'main', port: 'item' } };
    mapped.mapping.outputs = { 'main:0': { step: 'main', port: free ? 'answer' : 'approved' } };
    mapped.mapping.notes = ['It no longer sends a message: the question waits in the studio’s inbox.'];
  }
  return mapped;
}

function mapExecuteWorkflow(node: SourceNode, context: MappingContext): NodeOutcome {
  const id = record(node.params.workflowId).value ?? node.params.workflowId;
  const target = typeof id === 'string' || typeof id === 'number' ? context.flowById(String(id)) : undefined;
  if (!target)
    return kept(
      'It runs a workflow that is not in this file; import that workflow too (an n8n CLI export of both), or replace this step with a sub-flow.',
      'Execute Workflow',
    );
  const mapped = single(`sub-flow (runs “${target.name}”)`, {
    label: node.name,
    model: {
      kind: 'subflow',
      name: node.name,
      description: `Imported from ${origin(node)}.`,
      inputs: [any('item')],
      outputs: [any('item')],
      flowKey: target.id,
      timeoutMs: 600_000,
    },
  });
  if (mapped.ok) {
    mapped.mapping.inputs = { 'main:0': { step: 'main', port: 'item' } };
    mapped.mapping.outputs = { 'main:0': { step: 'main', port: 'item' } };
  }
  return mapped;
}

const N8N_MAPPERS: Record<string, NodeMapper> = {
  chainLlm: mapN8nLlm,
  agent: mapN8nLlm,
  code: mapN8nCode,
  function: mapN8nCode,
  functionItem: mapN8nCode,
  set: mapSet,
  if: mapIf,
  filter: mapFilter,
  switch: mapSwitch,
  merge: mapMerge,
  executeWorkflow: mapExecuteWorkflow,
  noOp: (node) =>
    itemScript(
      node,
      'script (passes the item on)',
      'Does nothing: passes the item on.',
      `ctx.emit('item', first ?? null);`,
    ),
  respondToWebhook: (node) =>
    itemScript(
      node,
      'flow output (the reply)',
      'The item the workflow replied with.',
      `ctx.emit('item', first ?? null);`,
    ),
  splitOut: (node) => {
    const field = textOf(node.params.fieldToSplitOut);
    return itemScript(
      node,
      'script (splits a list field into a list)',
      `Splits “${field}” into a list (the next step gets the whole list).`,
      `const v = ${literal(field)}.split('.').reduce((o: any, k) => (o == null ? o : o[k]), $json);\nctx.emit('item', Array.isArray(v) ? v : v === undefined ? [] : [v]);`,
    );
  },
  wait: (node) =>
    node.params.resume === 'form'
      ? mapPersonGate(node)
      : kept(
          'It waits for time or a webhook call; the studio has no timer step yet: replace it with a human gate or remove it.',
          'Wait',
        ),
};

/** What an n8n node becomes: send-and-wait gates, triggers, its type's mapping, or a placeholder that says why. */
export const mapN8nNode: NodeMapper = (node, context) => {
  const type = short(node.type);
  if (node.params.operation === 'sendAndWait') return mapPersonGate(node);
  if (/trigger$/i.test(type) || type === 'webhook' || type === 'start') return mapTrigger(node);
  const mapper = Object.hasOwn(N8N_MAPPERS, type) ? N8N_MAPPERS[type] : undefined;
  if (!mapper)
    return kept(
      `The studio has no step that does what n8n's ${type} node does (it calls a service or a feature the studio does not have); it is kept as it was.`,
      category(type),
    );
  return mapper(node, context);
};

/** `n8n-nodes-base.googleSheets` → “Google Sheets”, for the summary. */
function category(type: string): string {
  const spaced = type.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase());
  return spaced.replace(/^Http /, 'HTTP ');
}
