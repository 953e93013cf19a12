import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { fixtureFiles, importFixture } from './importFixtures.test';

/*
 * The table in this folder's README: per fixture, nodes imported vs placeholders, and every
 * placeholder with its reason. Built here from the real import, so it cannot drift: the test fails
 * when the README differs (write it again with IMPORT_TABLE_UPDATE=1 npx vitest run src/core/import/importTable.test.ts).
 */

const README = join(import.meta.dirname, 'README.md');
const START = '<!-- import-table:start -->';
const END = '<!-- import-table:end -->';
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();
const percent = (a: number, b: number) => `${b === 0 ? 100 : Math.round((1000 * a) / b) / 10}%`;

function table(): string {
  const rows: string[] = [];
  const reasons: string[] = [];
  const totals = { rivet: [0, 0], n8n: [0, 0] } as Record<'rivet' | 'n8n', [number, number]>;
  for (const file of fixtureFiles) {
    const { report } = importFixture(file);
    const t = totals[report.format];
    t[0] += report.totals.imported;
    t[1] += report.totals.nodes;
    rows.push(
      `| ${file} | ${report.totals.nodes} | ${report.totals.imported} | ${report.totals.placeholders} | ${percent(report.totals.imported, report.totals.nodes)} |`,
    );
    for (const n of report.flows.flatMap((f) => f.nodes).filter((x) => x.outcome === 'placeholder'))
      reasons.push(`| ${file} | ${cell(n.name)} | \`${n.type}\` | ${cell(n.detail)} |`);
  }
  return [
    START,
    '| fixture | nodes | imported | placeholders | imported % |',
    '|---|---:|---:|---:|---:|',
    ...rows,
    `| **all Rivet fixtures** | ${totals.rivet[1]} | ${totals.rivet[0]} | ${totals.rivet[1] - totals.rivet[0]} | ${percent(...totals.rivet)} |`,
    `| **all n8n fixtures** | ${totals.n8n[1]} | ${totals.n8n[0]} | ${totals.n8n[1] - totals.n8n[0]} | ${percent(...totals.n8n)} |`,
    '',
    'Every placeholder, and why:',
    '',
    '| fixture | node | type | why it is a placeholder |',
    '|---|---|---|---|',
    ...reasons,
    END,
  ].join('\n');
}

it('the README table of fixtures says what the import does with each of them', () => {
  const readme = readFileSync(README, 'utf8');
  const built = table();
  const current = readme.slice(readme.indexOf(START), readme.indexOf(END) + END.length);
  if (process.env.IMPORT_TABLE_UPDATE === '1' && current !== built)
    writeFileSync(README, readme.replace(current, built));
  else expect(current).toBe(built);
});
