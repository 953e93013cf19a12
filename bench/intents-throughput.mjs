// Gap detection throughput on a synthetic log: `node bench/intents-throughput.mjs [events] [intents] [subjects]`.
// Bundles the TypeScript core with rolldown (Vite 8's bundler) into a temp file, then runs it in Node.
import { build } from 'rolldown';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const dir = mkdtempSync(join(tmpdir(), 'intents-bench-'));
await build({
  input: new URL('./intents/intentsThroughput.ts', import.meta.url).pathname,
  platform: 'node',
  resolve: { mainFields: ['module', 'main'] },
  output: { dir, format: 'esm', entryFileNames: 'bench.mjs' },
  logLevel: 'silent',
});
const { runIntentsThroughput } = await import(pathToFileURL(join(dir, 'bench.mjs')).href);
const events = Number(process.argv[2] ?? 1_000_000);
const intents = Number(process.argv[3] ?? 1_000);
const subjects = Number(process.argv[4] ?? 5_000);
const result = runIntentsThroughput(events, intents, 200, subjects);
console.log(JSON.stringify(result));
console.log(
  `${result.events.toLocaleString('en')} events × ${result.intents.toLocaleString('en')} intents, ${subjects} subjects: ${result.eventsPerSecond.toLocaleString('en')} events/s (${result.seconds} s); per tenth of the log: ${result.perTenth.map((n) => n.toLocaleString('en')).join(', ')}`,
);
