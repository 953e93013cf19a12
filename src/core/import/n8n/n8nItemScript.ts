import type { Port } from '../../events/primitives';
import { single, type NodeOutcome } from '../nodeMapping';
import { scriptSource } from '../scriptSource';
import type { SourceNode } from '../sourceGraph';
import { N8N_PRELUDE } from './n8nExpressions';

const any = (name: string): Port => ({ name, type: 'any' });
const origin = (node: SourceNode) => `n8n ${node.type.split('.').pop() ?? node.type} node “${node.name}”`;

/** A script of one step with the n8n item adapter in front of `body`, taking `main:0` and giving `main:0`. */
export function itemScript(
  node: SourceNode,
  became: string,
  purpose: string,
  body: string,
  settings?: { join: { policy: 'all' | 'any' } },
): NodeOutcome {
  const mapped = single(became, {
    label: node.name,
    ...(settings ? { settings } : {}),
    model: {
      kind: 'script',
      name: node.name,
      description: `Imported from ${origin(node)}.`,
      inputs: [any('item')],
      outputs: [any('item')],
      source: scriptSource(origin(node), purpose, `${N8N_PRELUDE}\n${body}`),
    },
  });
  if (mapped.ok) {
    mapped.mapping.inputs = { 'main:0': { step: 'main', port: 'item' } };
    mapped.mapping.outputs = { 'main:0': { step: 'main', port: 'item' } };
  }
  return mapped;
}
