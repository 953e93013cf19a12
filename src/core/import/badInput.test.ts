import { describe, expect, it } from 'vitest';
import { compileModel } from '../../runtime/compileModel';
import { StudioError } from '../errors/studioError';
import { importForeignFile, readForeignDocument } from './importForeignFile';

const options = () => {
  let n = 0;
  return { fileName: 'file.json', sha256: 'f'.repeat(64), compile: compileModel, newId: (p: string) => `${p}_${++n}` };
};

/** The sentence a refused file gets (a StudioError, never a crash). */
function refusal(text: string, fileName = 'file.json'): string {
  try {
    readForeignDocument(text, fileName);
  } catch (error) {
    expect(error).toBeInstanceOf(StudioError);
    return (error as StudioError).message;
  }
  throw new Error('the file was not refused');
}

const n8n = (nodes: unknown[], connections: unknown = {}) => JSON.stringify({ name: 'W', nodes, connections });
const node = (name: string, type = 'n8n-nodes-base.noOp', extra: object = {}) => ({
  name,
  type,
  typeVersion: 1,
  position: [0, 0],
  parameters: {},
  ...extra,
});

describe('bad input gets a sentence each and nothing is built', () => {
  it('refuses what is neither YAML nor JSON, and trailing garbage after JSON', () => {
    expect(refusal('{"nodes": [], "connections": {}} trailing')).toMatch(/^This file is not valid JSON/);
    expect(refusal(': : :\n\t- [', 'x.rivet-project')).toMatch(/^This file is not valid YAML/);
    expect(refusal('')).toBe('This file is empty.');
  });

  it('refuses a YAML anchor bomb before it expands, and nesting past the limit', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x]',
      ...'bcdefg'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefg'[i]}`).join(', ')}]`),
    ].join('\n');
    expect(refusal(`version: 4\ndata:\n${bomb.replace(/^/gm, '  ')}\n`, 'bomb.rivet-project')).toMatch(
      /expands its aliases/,
    );
    expect(refusal(`${'['.repeat(500)}${']'.repeat(500)}`)).toMatch(/nests deeper than 100 levels/);
    expect(refusal(`version: 4\ndata: ${'['.repeat(300)}${']'.repeat(300)}\n`, 'deep.rivet-project')).toMatch(
      /nests deeper/,
    );
  });

  it('says when a file is another tool’s, or the studio’s own export', () => {
    expect(refusal('{"type": "excalidraw", "elements": []}')).toMatch(/not an n8n workflow/);
    expect(refusal('name: my-pipeline\nnodes: {}\n', 'graph.yaml')).toMatch(/not a Rivet project/);
    expect(refusal('{"project": {}, "events": []}')).toMatch(/Conductor Studio export/);
    expect(refusal('version: 9\ndata: {graphs: {}}\n', 'new.rivet-project')).toMatch(
      /format version 9; the studio reads versions 1 to 4/,
    );
  });

  it('refuses duplicate n8n node names (connections name nodes), but takes quotes and emoji in names', () => {
    expect(refusal(n8n([node('A'), node('A')]))).toMatch(/both called “A”/);
    const name = 'Say "hi" 👋 to \'them\'';
    const { report, drafts } = importForeignFile(
      n8n([node(name), node('Next')], { [name]: { main: [[{ node: 'Next', type: 'main', index: 0 }]] } }),
      options(),
    );
    expect(report.flows[0]!.nodes.map((n) => n.name)).toEqual([name, 'Next']);
    expect(drafts.filter((d) => d.type === 'edge.added')).toHaveLength(1);
  });
});

describe('n8n shapes', () => {
  const workflow = {
    nodes: [node('Start', 'n8n-nodes-base.manualTrigger'), node('Pass')],
    connections: { Start: { main: [[{ node: 'Pass', type: 'main', index: 0 }]] } },
  };
  it.each([
    ['a full export', { name: 'Mine', id: 'w1', active: false, ...workflow }],
    ['clipboard JSON (nodes and connections only)', workflow],
    ['the templates wrapper', { id: 7, name: 'Template', workflow }],
    [
      'a CLI export (an array of workflows)',
      [
        { name: 'One', ...workflow },
        { name: 'Two', ...workflow },
      ],
    ],
    ['an old file without node ids', { ...workflow, nodes: workflow.nodes.map(({ ...n }) => n) }],
  ])('reads %s', (_, value) => {
    const { report, drafts } = importForeignFile(JSON.stringify(value), options());
    expect(report.totals.placeholders).toBe(0);
    expect(report.flows.length).toBeGreaterThanOrEqual(1);
    for (const flow of report.flows) expect(flow.nodes.map((n) => n.name)).toEqual(['Start', 'Pass']);
    expect(drafts.filter((d) => d.type === 'edge.added')).toHaveLength(report.flows.length);
  });
});
