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
  const tree = await parseDependencyTree(files, {
    cwd,
    context: cwd,
    transform: false,
    include: /\.(ts|tsx)$/,
    exclude: /node_modules/,
  });
  return parseCircular(tree);
}

/** The folder-level check's root: each of its folders is one node, and they must form a DAG. */
export const FOLDER_CHECKED_ROOT = 'src/core';

/**
 * Tests (and their fixtures) sit beside the code they test but drive the assembled studio (a
 * feature's tests open a TestStudio, which is the conductor with every feature): they are the top
 * of the graph, whatever folder they are in, so they do not count as their folder's imports.
 */
const isTestSupport = (file) => /\.test\.tsx?$/.test(file) || file.includes('/fixtures/');

/**
 * Every loop among the folders directly under `root` (a folder imports another when any of its
 * files does, type-only imports included), one per strongly connected group of folders, each as
 * the list of its steps `{ from, to, via }` where `via` names one import that makes the step.
 */
export async function findFolderCycles(cwd, root = FOLDER_CHECKED_ROOT) {
  const tree = await parseDependencyTree([`${root}/**/*.{ts,tsx}`], {
    cwd,
    context: cwd,
    transform: false,
    include: /\.(ts|tsx)$/,
    exclude: /node_modules/,
  });
  const folderOf = (file) => {
    if (!file.startsWith(`${root}/`)) return undefined;
    const rest = file.slice(root.length + 1);
    return rest.includes('/') ? rest.slice(0, rest.indexOf('/')) : undefined;
  };
  /** folder → folder it imports → one import that does it, as "file → file". */
  const edges = new Map();
  for (const [file, deps] of Object.entries(tree)) {
    const from = folderOf(file);
    if (from === undefined || isTestSupport(file)) continue;
    for (const dep of deps ?? []) {
      const to = dep.id ? folderOf(dep.id) : undefined;
      if (to === undefined || to === from) continue;
      if (!edges.has(from)) edges.set(from, new Map());
      if (!edges.get(from).has(to))
        edges.get(from).set(to, `${file.slice(root.length + 1)} → ${dep.id.slice(root.length + 1)}`);
    }
  }
  // Tarjan's strongly connected components: a group of two or more folders is a loop.
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const groups = [];
  const visit = (node) => {
    index.set(node, index.size);
    low.set(node, index.get(node));
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node)?.keys() ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node), low.get(next)));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node), index.get(next)));
    }
    if (low.get(node) !== index.get(node)) return;
    const group = [];
    for (let member = stack.pop(); ; member = stack.pop()) {
      onStack.delete(member);
      group.push(member);
      if (member === node) break;
    }
    if (group.length > 1) groups.push(group);
  };
  for (const node of [...edges.keys()].sort()) if (!index.has(node)) visit(node);
  // Each group spelled out as one loop through its first folder: the shortest way back to it.
  return groups.map((group) => {
    const members = new Set(group);
    const start = [...group].sort()[0];
    const cameFrom = new Map([[start, null]]);
    const queue = [start];
    let last;
    while (queue.length > 0 && last === undefined) {
      const node = queue.shift();
      for (const next of [...(edges.get(node)?.keys() ?? [])].sort()) {
        if (!members.has(next)) continue;
        if (next === start) {
          last = node;
          break;
        }
        if (!cameFrom.has(next)) {
          cameFrom.set(next, node);
          queue.push(next);
        }
      }
    }
    const path = [];
    for (let node = last; node !== null; node = cameFrom.get(node)) path.unshift(node);
    return path.map((from, i) => {
      const to = path[i + 1] ?? start;
      return { from, to, via: edges.get(from).get(to) };
    });
  });
}

/** A loop of folders as a person reads it: `a → b (a/x.ts → b/y.ts) → a (b/y.ts → a/z.ts)`. */
export const describeFolderCycle = (cycle) =>
  [cycle[0].from, ...cycle.map((step) => `${step.to} (${step.via})`)].join(' → ');

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const cwd = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const cycles = await findImportCycles(cwd);
  if (cycles.length > 0) {
    console.error(
      `${cycles.length} import cycle(s) in src/, workers/ and runner/; break each by moving what both sides need into a module of its own:`,
    );
    for (const cycle of cycles) console.error(`  ${[...cycle, cycle[0]].join(' → ')}`);
    process.exit(1);
  }
  console.log('No import cycles in src/, workers/ and runner/ (type-only imports included).');
  const loops = await findFolderCycles(cwd);
  if (loops.length > 0) {
    console.error(
      `${loops.length} loop(s) among the folders of ${FOLDER_CHECKED_ROOT}; they must form a DAG. Break each by moving what the lower folder needs out of the higher one (or into a folder of its own):`,
    );
    for (const loop of loops) console.error(`  ${describeFolderCycle(loop)}`);
    process.exit(1);
  }
  console.log(`The folders of ${FOLDER_CHECKED_ROOT} form a DAG (type-only imports included; tests aside).`);
}
