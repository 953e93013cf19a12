import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileModel } from '../../runtime/compileModel';
import { importForeignFile } from './importForeignFile';
import { flowProblems } from './importTestKit';

/*
 * Whatever graph a file holds (any types, any wiring, cycles and all), the import keeps every node
 * (as a step or a placeholder) and every connection (as an edge, or named in the report because it
 * closes a cycle), and what it builds obeys the rules a person's edits are held to.
 */

const TYPES = [
  'n8n-nodes-base.noOp',
  'n8n-nodes-base.slack',
  'n8n-nodes-base.httpRequest',
  'acme.unknownThing',
  'n8n-nodes-base.merge',
];

const graph = fc
  .integer({ min: 1, max: 25 })
  .chain((size) =>
    fc.record({
      types: fc.array(fc.constantFrom(...TYPES), { minLength: size, maxLength: size }),
      names: fc.uniqueArray(
        fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim() !== ''),
        { minLength: size, maxLength: size },
      ),
      edges: fc.uniqueArray(fc.tuple(fc.nat(size - 1), fc.nat(size - 1), fc.nat(1)), {
        maxLength: size * 2,
        selector: ([a, b, o]) => `${a}-${b}-${o}`,
      }),
    }),
  )
  .filter((g) => g.names.length === g.types.length);

function n8nFile(g: { types: string[]; names: string[]; edges: Array<[number, number, number]> }): string {
  // No prototype: a node may be called “toString” or “__proto__”.
  const connections = Object.create(null) as Record<
    string,
    { main: Array<Array<{ node: string; type: string; index: number }>> }
  >;
  for (const [from, to, output] of g.edges) {
    const slots = (connections[g.names[from]!] ??= { main: [[], []] }).main;
    slots[output]!.push({ node: g.names[to]!, type: 'main', index: 0 });
  }
  return JSON.stringify({
    name: 'Generated',
    nodes: g.names.map((name, i) => ({
      name,
      type: g.types[i],
      typeVersion: 1,
      position: [i * 100, 0],
      parameters: {},
    })),
    connections,
  });
}

function rivetFile(g: { types: string[]; names: string[]; edges: Array<[number, number, number]> }): string {
  const nodes = g.names.map((name, i) => {
    const out = g.edges
      .filter(([from]) => from === i)
      .map(([, to, o]) => `output${o}->${JSON.stringify(g.names[to])} n${to}/input${i}`);
    return `        ${JSON.stringify(`[n${i}]:${g.types[i]!.split('.').pop()} ${JSON.stringify(name)}`)}:\n          visualData: ${i * 300}/0/300/1\n${out.length > 0 ? `          outgoingConnections:\n${out.map((c) => `            - ${JSON.stringify(c)}`).join('\n')}\n` : ''}`;
  });
  return `version: 4\ndata:\n  metadata: {id: p, title: Generated, description: ""}\n  graphs:\n    g:\n      metadata: {id: g, name: G, description: ""}\n      nodes:\n${nodes.join('')}`;
}

function check(text: string, fileName: string, nodes: number, edges: number): void {
  let n = 0;
  const { report, drafts, sources } = importForeignFile(text, {
    fileName,
    sha256: '0'.repeat(64),
    compile: compileModel,
    newId: (p) => `${p}_${++n}`,
  });
  expect(report.totals.nodes).toBe(nodes);
  expect(sources).toHaveLength(nodes);
  expect(drafts.filter((d) => d.type === 'edge.added').length + report.cutEdges.length).toBe(edges);
  for (const cut of report.cutEdges) expect(cut).toMatch(/inside the cycle|a port the import did not keep/);
  expect(flowProblems(drafts)).toEqual([]);
}

describe('an import of any generated graph keeps every node and every connection', () => {
  it('n8n', () => {
    fc.assert(
      fc.property(graph, (g) => check(n8nFile(g), 'generated.json', g.names.length, g.edges.length)),
      { numRuns: 150 },
    );
  });

  it('Rivet', () => {
    fc.assert(
      fc.property(graph, (g) => {
        // Rivet ports are per connection here (input<i>), so each connection is its own input.
        check(rivetFile(g), 'generated.rivet-project', g.names.length, g.edges.length);
      }),
      { numRuns: 150 },
    );
  });
});
