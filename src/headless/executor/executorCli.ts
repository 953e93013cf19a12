import { existsSync, statSync } from 'node:fs';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { watch } from 'chokidar';
import { HANDOFF_ROOT } from '../../core/handoff/handoffLayout';
import { ReferenceExecutor } from './referenceExecutor';

/**
 * `npm run executor -- <workspace> [--run "<command template>"] [--name NAME]`: the reference
 * executor of docs/handoff.md. It watches the workspace's `.conductor/handoff/` with chokidar and
 * also looks every few seconds (a network folder may not report changes), until it is stopped.
 */

const USAGE = 'Usage: npm run executor -- <workspace folder> [--run "<command template>"] [--name NAME]';
/** How often it looks even when the watcher says nothing. */
const RESCAN_MS = 3_000;

function main(): void {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: { run: { type: 'string' }, name: { type: 'string' }, help: { type: 'boolean' } },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  const [folder, ...extra] = parsed.positionals;
  if (parsed.values.help) {
    console.log(USAGE);
    return;
  }
  if (folder === undefined || extra.length > 0) {
    console.error(USAGE);
    process.exit(2);
  }
  const root = resolve(folder);
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    console.error(`${root} is not a folder. ${USAGE}`);
    process.exit(2);
  }
  const name = parsed.values.name ?? `executor@${hostname()}:${process.pid}`;
  const say = (line: string): void => void process.stdout.write(`${line}\n`);
  const executor = new ReferenceExecutor({
    root,
    name,
    say,
    ...(parsed.values.run !== undefined ? { run: parsed.values.run } : {}),
  });
  const look = (): void => {
    executor.scan().catch((error: unknown) => say(`could not look for tasks: ${String(error)}`));
  };
  // The workspace is watched (its handoff folder may not exist yet), but nothing outside the
  // handoff folder is looked at: a workspace's node_modules would cost thousands of watches.
  const handoff = resolve(root, HANDOFF_ROOT);
  const watched = (path: string): boolean =>
    path === root || handoff.startsWith(`${path}/`) || path === handoff || path.startsWith(`${handoff}/`);
  const watcher = watch(root, { ignoreInitial: true, ignored: (path) => !watched(path) });
  watcher.on('add', look);
  watcher.on('error', (error) => say(`watcher: ${String(error)}`));
  watcher.on('ready', () => {
    say(`${name} is watching ${handoff} (${parsed.values.run ? `running: ${parsed.values.run}` : 'script tasks'})`);
    look();
  });
  const timer = setInterval(look, RESCAN_MS);
  const stop = (): void => {
    clearInterval(timer);
    void watcher.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main();
