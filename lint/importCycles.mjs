#!/usr/bin/env node
// The import-cycle check over src/, workers/ and runner/, run by `npm run lint`. It counts type-only imports
// too: a type cycle is harmless at run time, but it still means neither module can be understood,
// tested or moved without the other, which is what the layering is there to prevent. ESLint's
// import plugins (eslint-plugin-import-x's no-cycle) skip type imports by design, so this check uses
// dpdm, which reads every import with the TypeScript parser and resolves it as tsconfig.json does.
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { parseCircular, parseDependencyTree } from 'dpdm';

export const CYCLE_CHECKED_FILES = ['src/**/*.{ts,tsx}', 'workers/**/*.ts', 'runner/**/*.ts'];

/**
 * Every import cycle among `files` (globs relative to `cwd`), each as the list of files on it
 * (relative to `cwd`); empty when there is none.
 */
export async function findImportCycles(cwd, files = CYCLE_CHECKED_FILES) {
  const tree = await parseDependencyTree(files, { cwd, context: cwd, transform: false, include: /\.(ts|tsx)$/, exclude: /node_modules/ });
  return parseCircular(tree);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const cwd = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const cycles = await findImportCycles(cwd);
  if (cycles.length > 0) {
    console.error(`${cycles.length} import cycle(s) in src/, workers/ and runner/; break each by moving what both sides need into a module of its own:`);
    for (const cycle of cycles) console.error(`  ${[...cycle, cycle[0]].join(' → ')}`);
    process.exit(1);
  }
  console.log('No import cycles in src/, workers/ and runner/ (type-only imports included).');
}
