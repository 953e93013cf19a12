import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileModel } from '../../runtime/compileModel';
import { eventDataSchemas } from '../catalogue/studioCatalogue';
import { importForeignFile } from './importForeignFile';
import { flowProblems } from './importTestKit';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const provenance = JSON.parse(readFileSync(join(FIXTURES, 'PROVENANCE.json'), 'utf8')) as Array<{
  file: string;
  licence: string;
  repo: string;
  commit: string;
}>;
const files = ['rivet', 'n8n'].flatMap((dir) => readdirSync(join(FIXTURES, dir)).map((f) => `${dir}/${f}`));

function importFixture(file: string) {
  let n = 0;
  return importForeignFile(readFileSync(join(FIXTURES, file), 'utf8'), {
    fileName: file.split('/').pop()!,
    sha256: '0'.repeat(64),
    compile: compileModel,
    newId: (prefix) => `${prefix}_${++n}`,
  });
}

describe('every fixture (real files from public repositories)', () => {
  it('has its provenance recorded, under a licence that allows keeping it', () => {
    expect(files.length).toBeGreaterThanOrEqual(20);
    for (const file of files) {
      const entry = provenance.find((p) => p.file === file);
      expect(entry, file).toBeDefined();
      expect(['MIT', 'Apache-2.0', 'CC-BY-4.0']).toContain(entry!.licence);
      expect(entry!.commit).toMatch(/^[0-9a-f]{40}$/);
    }
  });

  it.each(files)('%s: every node is in the report, and the events are valid, well-formed flows', (file) => {
    const { report, drafts, sources, document } = importFixture(file);
    const nodes = document.flows.flatMap((f) => f.nodes);
    expect(report.totals.nodes).toBe(nodes.length);
    expect(report.flows.flatMap((f) => f.nodes.map((n) => n.id)).sort()).toEqual(nodes.map((n) => n.id).sort());
    for (const d of drafts) expect(() => eventDataSchemas[d.type].parse(d.data), `${d.type}`).not.toThrow();
    expect(flowProblems(drafts)).toEqual([]);
    // Every node that became a step (not configuration of another) has one main step remembering it.
    const stepNodes = report.flows.flatMap((f) => f.nodes).filter((n) => n.outcome !== 'configuration');
    expect(sources.map((s) => s.source.id).sort()).toEqual(stepNodes.map((n) => n.id).sort());
    for (const n of report.flows.flatMap((f) => f.nodes)) expect(n.detail.length, n.name).toBeGreaterThan(5);
    expect(report.summary).toMatch(/^\d+ of \d+ nodes? imported; /);
  });
});

export { importFixture, files as fixtureFiles };
