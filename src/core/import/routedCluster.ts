import type { Port } from '../events/primitives';
import { literal, type NodeMapping, type PlannedStep, type PortLanding } from './nodeMapping';
import { scriptSource } from './scriptSource';

/*
 * A node that sends its item down one of several outputs (n8n If, Switch, Filter) as the studio
 * says it: a script decides the route and emits `{ route, item }`, a branch routes on `route`
 * (the outputs not taken are skipped, and everything downstream of them), and a step per
 * connected output hands the item on unwrapped.
 */

export interface RoutedNode {
  name: string;
  origin: string;
  /** The node's input ports as the file names them, and the studio port each lands on in the test script. */
  inputs: Record<string, string>;
  /** The script body: ends by emitting `routed` as `{ route, item }` (route: one of `routes`, or null for none). */
  decide: string;
  /** The routes in order, each with the node's output port (as the file names it) it feeds. */
  routes: Array<{ route: string; output: string }>;
  connectedOutputs: ReadonlySet<string>;
  became: string;
}

const json = (name: string): Port => ({ name, type: 'json' });
const any = (name: string): Port => ({ name, type: 'any' });

export function routedCluster(node: RoutedNode): NodeMapping {
  const routePort = (i: number) => `route_${i}`;
  const steps: PlannedStep[] = [
    {
      key: 'test',
      label: `${node.name} · decide`,
      offset: { x: -180, y: 0 },
      model: {
        kind: 'script',
        name: `${node.name} · decide`,
        description: `Which output ${node.origin} sends its item to.`,
        inputs: Object.values(node.inputs).map(any),
        outputs: [json('routed')],
        source: scriptSource(node.origin, 'Decides the route; the branch after it sends the item there.', node.decide),
      },
    },
    {
      key: 'main',
      label: node.name,
      model: {
        kind: 'branch',
        name: node.name,
        description: `Imported from ${node.origin}.`,
        inputs: [json('routed')],
        outputs: node.routes.map((_, i) => json(routePort(i))),
        routes: node.routes.map((r, i) => ({ port: routePort(i), when: `value.route == ${literal(r.route)}` })),
      },
    },
  ];
  const edges: Array<readonly [string, string, string, string]> = [['test', 'routed', 'main', 'routed']];
  const outputs: Record<string, PortLanding> = {};
  node.routes.forEach((r, i) => {
    if (!node.connectedOutputs.has(r.output)) return;
    const key = `out_${i}`;
    steps.push({
      key,
      label: `${node.name} · ${r.route}`,
      offset: { x: 180, y: (i - (node.routes.length - 1) / 2) * 90 },
      model: {
        kind: 'script',
        name: `${node.name} · ${r.route}`,
        description: `The item ${node.origin} sends to “${r.route}”.`,
        inputs: [json('routed')],
        outputs: [any('item')],
        source: scriptSource(
          node.origin,
          `Hands on the item routed to “${r.route}”.`,
          `ctx.emit('item', (inputs.routed as { item: unknown }).item);`,
        ),
      },
    });
    edges.push(['main', routePort(i), key, 'routed']);
    outputs[r.output] = { step: key, port: 'item' };
  });
  const inputs = Object.fromEntries(
    Object.entries(node.inputs).map(([original, port]) => [original, { step: 'test', port }]),
  );
  return { became: node.became, steps, edges, inputs, outputs };
}
