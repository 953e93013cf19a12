import ELK from 'elkjs/lib/elk.bundled.js';
import { describe, expect, it } from 'vitest';
import { movesFromLayout, tidyLayout, toElkGraph, type LayoutInput, type LayoutStep } from './tidyLayout';

const elk = new ELK();

const step = (id: string, inputs: string[], outputs: string[], at = { x: 0, y: 0 }): LayoutStep => ({
  id,
  position: at,
  width: 200,
  height: 64 + Math.max(1, inputs.length, outputs.length) * 22,
  inputs: inputs.map((name, i) => ({ name, y: 68 + i * 22 })),
  outputs: outputs.map((name, i) => ({ name, y: 68 + i * 22 })),
});
const edge = (from: string, out: string, to: string, inp: string) => ({
  id: `${from}.${out}->${to}.${inp}`,
  source: { stepId: from, port: out },
  target: { stepId: to, port: inp },
});

/** The software pipeline, every step piled on the same spot. */
const pile: LayoutInput = {
  steps: [
    step('review', ['code', 'tests'], ['report']),
    step('enhance', ['prompt'], ['brief']),
    step('extract', ['brief'], ['backlog']),
    step('code', ['backlog'], ['code']),
    step('tests', ['backlog'], ['tests']),
  ],
  edges: [
    edge('enhance', 'brief', 'extract', 'brief'),
    edge('extract', 'backlog', 'code', 'backlog'),
    edge('extract', 'backlog', 'tests', 'backlog'),
    edge('code', 'code', 'review', 'code'),
    edge('tests', 'tests', 'review', 'tests'),
  ],
};

function placed(input: LayoutInput, moves: Awaited<ReturnType<typeof tidyLayout>>) {
  const at = new Map(moves.map((m) => [m.stepId, m.position]));
  return new Map(input.steps.map((s) => [s.id, { ...(at.get(s.id) ?? s.position), width: s.width, height: s.height }]));
}
const overlap = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('tidy up', () => {
  it('gives ELK a node per step with its ports fixed west (inputs) and east (outputs), in their order', () => {
    const graph = toElkGraph(pile);
    const review = graph.children?.find((c) => c.id === 'review');
    expect(review).toMatchObject({ width: 200, height: 108, layoutOptions: { 'elk.portConstraints': 'FIXED_POS' } });
    expect(review?.ports?.map((p) => [p.layoutOptions?.['elk.port.side'], p.x, p.y])).toEqual([
      ['WEST', 0, 68],
      ['WEST', 0, 90],
      ['EAST', 200, 68],
    ]);
    expect(graph.edges).toHaveLength(5);
    expect(graph.layoutOptions).toMatchObject({ 'elk.algorithm': 'layered', 'elk.direction': 'RIGHT' });
  });

  it('spreads a pile of steps so that none overlaps and every edge runs left to right', async () => {
    const moves = await tidyLayout(elk, pile);
    const boxes = placed(pile, moves);
    const all = [...boxes.values()];
    for (const [i, a] of all.entries()) for (const b of all.slice(i + 1)) expect(overlap(a, b)).toBe(false);
    for (const e of pile.edges) {
      const from = boxes.get(e.source.stepId);
      const to = boxes.get(e.target.stepId);
      expect((from?.x ?? 0) + (from?.width ?? 0)).toBeLessThan(to?.x ?? 0);
    }
    // Parallel steps share a layer: code and tests stand one above the other.
    expect(boxes.get('code')?.x).toBe(boxes.get('tests')?.x);
  });

  it('draws a rebuild edge back: it never turns the forward flow around', async () => {
    const input: LayoutInput = { ...pile, reverseEdges: [{ id: 'rebuild', from: 'review', to: 'extract' }] };
    const boxes = placed(input, await tidyLayout(elk, input));
    expect(boxes.get('enhance')?.x).toBeLessThan(boxes.get('extract')?.x ?? 0);
    expect(boxes.get('extract')?.x).toBeLessThan(boxes.get('code')?.x ?? 0);
    expect(boxes.get('code')?.x).toBeLessThan(boxes.get('review')?.x ?? 0);
  });

  it('wraps a long chain into rows, each read left to right; a short flow stays one row', async () => {
    const names = Array.from({ length: 12 }, (_, i) => `s${i}`);
    const chain: LayoutInput = {
      steps: names.map((id) => step(id, ['in'], ['out'])),
      edges: names.slice(1).map((id, i) => edge(names[i] as string, 'out', id, 'in')),
    };
    const boxes = placed(chain, await tidyLayout(elk, chain, 1));
    const rows = new Set([...boxes.values()].map((b) => b.y));
    expect(rows.size).toBeGreaterThan(1);
    const all = [...boxes.values()];
    for (const [i, a] of all.entries()) for (const b of all.slice(i + 1)) expect(overlap(a, b)).toBe(false);
    // Within a row, the chain goes left to right.
    for (const [i, id] of names.slice(1).entries()) {
      const from = boxes.get(names[i] as string);
      const to = boxes.get(id);
      if (from?.y === to?.y) expect(from?.x).toBeLessThan(to?.x ?? 0);
    }
    const short = placed(pile, await tidyLayout(elk, pile, 1));
    expect(new Set([...short.values()].map((b) => b.x)).size).toBe(4);
  });

  it('keeps the flow where it was: the layout starts at the old top-left corner, and unmoved steps are left out', () => {
    const input: LayoutInput = {
      steps: [step('a', [], ['out'], { x: 500, y: 300 }), step('b', ['in'], [], { x: 900, y: 420 })],
      edges: [],
    };
    const moves = movesFromLayout(input, {
      id: 'flow',
      children: [
        { id: 'a', x: 0, y: 0 },
        { id: 'b', x: 290.4, y: 12 },
      ],
    });
    expect(moves).toEqual([{ stepId: 'b', position: { x: 790, y: 312 } }]);
  });

  it('an empty flow needs no moves, and an already tidy flow none either', async () => {
    expect(await tidyLayout(elk, { steps: [], edges: [] })).toEqual([]);
    const once = placed(pile, await tidyLayout(elk, pile));
    const tidied: LayoutInput = {
      ...pile,
      steps: pile.steps.map((s) => ({ ...s, position: { x: once.get(s.id)?.x ?? 0, y: once.get(s.id)?.y ?? 0 } })),
    };
    expect(await tidyLayout(elk, tidied)).toEqual([]);
  });
});
