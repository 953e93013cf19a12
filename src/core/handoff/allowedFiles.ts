import picomatch from 'picomatch/posix.js';
import type { ChangedFile } from './handoffSchemas';
import { UNWALKED_DIRS, type HandoffFolder } from './handoffFolder';

/** Every workspace file's SHA-256, by path: what the conductor compares before and after a task. */
export type WorkspaceHashes = ReadonlyMap<string, string>;

/** Hashes every file of the workspace (but `.conductor`, `.git`, `node_modules`). */
export async function hashWorkspace(folder: HandoffFolder): Promise<Map<string, string>> {
  const hashes = new Map<string, string>();
  for (const path of await folder.walk()) {
    const hash = await folder.hash(path);
    if (hash !== null) hashes.set(path, hash);
  }
  return hashes;
}

/** The files that differ between two snapshots (added, removed or changed), sorted by path. */
export function changedBetween(before: WorkspaceHashes, after: WorkspaceHashes): ChangedFile[] {
  const paths = new Set([...before.keys(), ...after.keys()]);
  const changed: ChangedFile[] = [];
  for (const path of paths) {
    const was = before.get(path) ?? null;
    const now = after.get(path) ?? null;
    if (was !== now) changed.push({ path, before: was, after: now });
  }
  return changed.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * A matcher for a task's `allowed_files` globs (picomatch, POSIX paths, dot files included). The
 * handoff's own folder is never allowed: an executor may not rewrite its task or the audit log.
 */
export function allowedFilesMatcher(globs: readonly string[]): (path: string) => boolean {
  const matches = globs.length > 0 ? picomatch([...globs], { dot: true }) : () => false;
  return (path) => !isUnwalked(path) && matches(path);
}

const isUnwalked = (path: string): boolean => UNWALKED_DIRS.has(path.split('/')[0] ?? '');

/** The paths outside `allowed_files`, sorted and without repeats. */
export function outsideAllowed(paths: Iterable<string>, globs: readonly string[]): string[] {
  const allowed = allowedFilesMatcher(globs);
  return [...new Set([...paths].filter((p) => !allowed(p)))].sort();
}
