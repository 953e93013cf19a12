import type { Port } from '../../events/primitives';
import { kept, literal, studioPortName, type MappingContext, type NodeOutcome, type PortLanding } from '../nodeMapping';
import { scriptSource } from '../scriptSource';
import type { SourceNode } from '../sourceGraph';

/*
 * Rivet's control nodes. Rivet does not branch: a node that is “not taken” passes a
 * control-flow-excluded value on, and everything downstream of it does not run. The studio says
 * the same thing explicitly: a branch routes to one output and skips the others, and a step whose
 * input was skipped is skipped too. So `if` and `match` become branches, and coalesce/race become
 * steps that start on any input.
 */

const any = (name: string): Port => ({ name, type: 'any' });
const json = (name: string): Port => ({ name, type: 'json' });
const origin = (node: SourceNode) => `Rivet ${node.type} node “${node.name}”`;

/**
 * `if`: a script tests the condition (Rivet's truthiness), a branch routes on it, and a step per
 * connected output passes the value on; the one not taken is skipped, and so is what follows it.
 */
export function mapIf(node: SourceNode, context: MappingContext): NodeOutcome {
  const hasValue = context.connectedInputs.has('value');
  const pass = (gate: string) =>
    scriptSource(
      origin(node),
      `Passes the value on when the branch went “${gate}” (otherwise this step is skipped).`,
      hasValue ? `ctx.emit('value', inputs.value);` : `ctx.emit('value', true);`,
    );
  const passInputs = hasValue ? [any('gate'), any('value')] : [any('gate')];
  const steps = [
    {
      key: 'test',
      label: `${node.name} · condition`,
      offset: { x: -40, y: -110 },
      model: {
        kind: 'script' as const,
        name: `${node.name} · condition`,
        description: `Whether the condition of Rivet's “${node.name}” holds.`,
        inputs: [any('if')],
        outputs: [json('holds')],
        source: scriptSource(
          origin(node),
          'Rivet treats false, null, an empty text, 0 and an empty list as “no”.',
          `const v = inputs.if;\nconst no = v === false || v === null || v === undefined || v === '' || v === 0 || v === 'false' || (Array.isArray(v) && v.length === 0);\nctx.emit('holds', !no);`,
        ),
      },
    },
    {
      key: 'route',
      label: `${node.name} · branch`,
      offset: { x: 120, y: -110 },
      model: {
        kind: 'branch' as const,
        name: `${node.name} · branch`,
        description: `Routes on the condition of Rivet's “${node.name}”.`,
        inputs: [json('holds')],
        outputs: [json('yes'), json('no')],
        routes: [
          { port: 'yes', when: 'value == true' },
          { port: 'no', when: 'true' },
        ],
      },
    },
    {
      key: 'main',
      label: node.name,
      model: {
        kind: 'script' as const,
        name: node.name,
        description: `Rivet “if”: the value when the condition holds.`,
        inputs: passInputs,
        outputs: [any('value')],
        source: pass('yes'),
      },
    },
  ];
  const edges: Array<readonly [string, string, string, string]> = [
    ['test', 'holds', 'route', 'holds'],
    ['route', 'yes', 'main', 'gate'],
  ];
  const inputs: Record<string, PortLanding> = { if: { step: 'test', port: 'if' } };
  const outputs: Record<string, PortLanding> = { output: { step: 'main', port: 'value' } };
  if (context.connectedOutputs.has('falseOutput')) {
    steps.push({
      key: 'else',
      label: `${node.name} · else`,
      offset: { x: 0, y: 110 },
      model: {
        kind: 'script' as const,
        name: `${node.name} · else`,
        description: `Rivet “if”: the value when the condition does not hold.`,
        inputs: passInputs,
        outputs: [any('value')],
        source: pass('no'),
      },
    });
    edges.push(['route', 'no', 'else', 'gate']);
    outputs.falseOutput = { step: 'else', port: 'value' };
  }
  // The value goes to every pass step: one input port of the node, so the builder draws one edge; the others are drawn here from a fan-out step.
  if (hasValue) {
    steps.push({
      key: 'value',
      label: `${node.name} · value`,
      offset: { x: -40, y: 110 },
      model: {
        kind: 'script' as const,
        name: `${node.name} · value`,
        description: `The value Rivet's “${node.name}” passes on.`,
        inputs: [any('value')],
        outputs: [any('value')],
        source: scriptSource(
          origin(node),
          'Hands the value to the branch’s outputs.',
          `ctx.emit('value', inputs.value);`,
        ),
      },
    });
    inputs.value = { step: 'value', port: 'value' };
    edges.push(['value', 'value', 'main', 'value']);
    if (outputs.falseOutput) edges.push(['value', 'value', 'else', 'value']);
  }
  return {
    ok: true,
    mapping: { became: 'branch (condition → yes / no) with explicit skip', steps, edges, inputs, outputs },
  };
}

/** `match`: a branch whose routes are the cases' regular expressions, in order, then “unmatched”. */
export function mapMatch(node: SourceNode, context: MappingContext): NodeOutcome {
  const cases = Array.isArray(node.params.cases) ? node.params.cases.map(String) : [];
  if (cases.length === 0 || cases.length > 15)
    return kept(`It has ${cases.length} cases; a branch takes 1 to 15.`, 'match');
  if (context.connectedInputs.has('value'))
    return kept(
      'Its separate “value” input (matched on one input, passing another) has no branch equivalent yet.',
      'match',
    );
  const outputs = [...cases.map((_, i) => json(`case${i + 1}`)), json('unmatched')];
  const routes = [
    ...cases.map((regex, i) => ({ port: `case${i + 1}`, when: `string(value).matches(${literal(regex)})` })),
    { port: 'unmatched', when: 'true' },
  ];
  const landings: Record<string, PortLanding> = Object.fromEntries(
    outputs.map((p) => [p.name, { step: 'main', port: p.name }]),
  );
  return {
    ok: true,
    mapping: {
      became: `branch (${cases.length} cases by regular expression, first match wins)`,
      steps: [
        {
          key: 'main',
          label: node.name,
          model: {
            kind: 'branch',
            name: node.name,
            description: `Rivet match “${node.name}”.`,
            inputs: [json('input')],
            outputs,
            routes,
          },
        },
      ],
      edges: [],
      inputs: { input: { step: 'main', port: 'input' } },
      outputs: landings,
      notes: ['Rivet may send a value to every case that matches; the branch takes the first.'],
    },
  };
}

/**
 * `coalesce` (the first input that ran) and `raceInputs` (the first to arrive): a step that starts
 * on any of its inputs and passes on the first it has, in the node's input order.
 */
export function mapFirstOf(node: SourceNode, context: MappingContext): NodeOutcome {
  const originals = [...context.connectedInputs.keys()].filter((p) => p !== 'conditional').sort(byNumberInName);
  if (originals.length === 0) return kept('None of its inputs is connected.', node.type);
  const ports = originals.map((p) => any(studioPortName(p)));
  const order = literal(ports.map((p) => p.name));
  return {
    ok: true,
    mapping: {
      became: `join (any: the first input ${node.type === 'raceInputs' ? 'to arrive' : 'that ran'})`,
      steps: [
        {
          key: 'main',
          label: node.name,
          settings: { join: { policy: 'any' } },
          model: {
            kind: 'script',
            name: node.name,
            description: `Rivet ${node.type} “${node.name}”: the first of its inputs.`,
            inputs: ports,
            outputs: [any('output')],
            source: scriptSource(
              origin(node),
              'Passes on the first input it has.',
              `const first = ${order}.find((p) => inputs[p] !== undefined);\nctx.emit('output', first === undefined ? null : inputs[first]);`,
            ),
          },
        },
      ],
      edges: [],
      inputs: Object.fromEntries(originals.map((p, i) => [p, { step: 'main', port: ports[i]!.name }])),
      outputs: { output: { step: 'main', port: 'output' } },
    },
  };
}

const byNumberInName = (a: string, b: string) =>
  (Number(/\d+/.exec(a)?.[0] ?? 0) || 0) - (Number(/\d+/.exec(b)?.[0] ?? 0) || 0);
