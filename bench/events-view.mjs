// The Events view and Explain over a large log: `node bench/events-view.mjs [events]`.
// Bundles the TypeScript with rolldown (Vite 8's bundler) into a temp file, then runs it in Node.
import { build } from 'rolldown';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const dir = mkdtempSync(join(tmpdir(), 'events-view-bench-'));
await build({
  input: new URL('./eventsView/eventsViewBench.ts', import.meta.url).pathname,
  platform: 'node',
  resolve: { mainFields: ['module', 'main'] },
  output: { dir, format: 'esm', entryFileNames: 'bench.mjs' },
  logLevel: 'silent',
});
const { runEventsViewBench } = await import(pathToFileURL(join(dir, 'bench.mjs')).href);
const total = Number(process.argv[2] ?? 100_000);
const r = runEventsViewBench(total);
console.log(JSON.stringify(r));
console.log(
  `${r.events.toLocaleString('en')} events: taken in ${r.buildRowsMs} ms (bare loop ${r.bareLoopMs} ms); a scroll frame's 30 rows ${r.scrollMsPerFrame} ms; filter (fresh) by type ${r.filterMs.type} ms, run ${r.filterMs.run} ms, step ${r.filterMs.step} ms, text ${r.filterMs.text} ms (describes every row once; the view does it in ${r.textSlices} slices, the longest ${r.longestSliceMs} ms), another text after that ${r.filterMs.textAgain} ms; a live event costs ${r.appendMsPerEvent} ms under a text filter; Explain over the whole log ${r.explainMs} ms (${r.explainLines} sentences)`,
);
