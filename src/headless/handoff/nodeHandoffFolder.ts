import { createHash } from 'node:crypto';
import { appendFile, mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { UNWALKED_DIRS, type HandoffFolder } from '../../core/handoff/handoffFolder';

const isMissing = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'ENOENT';

/**
 * The handoff folder on a Node file system (the reference executor, the runner, tests). Writes go
 * through write-file-atomic (a temporary file renamed over the target), so a reader never sees
 * half a file; `rename` is the file system's, which is atomic within one volume: of several
 * executors renaming the same pending task, one succeeds and the others find it gone.
 */
export class NodeHandoffFolder implements HandoffFolder {
  constructor(readonly root: string) {}

  private abs(path: string): string {
    const full = join(this.root, path);
    const rel = relative(this.root, full);
    if (rel.startsWith('..') || rel.split(sep).includes('..')) throw new Error(`${path} is outside the folder`);
    return full;
  }

  async read(path: string): Promise<string | null> {
    try {
      return await readFile(this.abs(path), 'utf8');
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async write(path: string, text: string): Promise<void> {
    await mkdir(dirname(this.abs(path)), { recursive: true });
    await writeFileAtomic(this.abs(path), text, { encoding: 'utf8', fsync: false });
  }

  async append(path: string, text: string): Promise<void> {
    await mkdir(dirname(this.abs(path)), { recursive: true });
    await appendFile(this.abs(path), text, 'utf8');
  }

  async rename(from: string, to: string): Promise<boolean> {
    await mkdir(dirname(this.abs(to)), { recursive: true });
    try {
      await rename(this.abs(from), this.abs(to));
      return true;
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  }

  private async entries(dir: string): Promise<Array<{ name: string; isFile: boolean; isDir: boolean }>> {
    try {
      const found = await readdir(this.abs(dir), { withFileTypes: true });
      return found.map((d) => ({ name: d.name, isFile: d.isFile(), isDir: d.isDirectory() }));
    } catch (error) {
      if (isMissing(error)) return [];
      throw error;
    }
  }

  async list(dir: string): Promise<string[]> {
    return (await this.entries(dir))
      .filter((e) => e.isFile && !e.name.startsWith('.'))
      .map((e) => e.name)
      .sort();
  }

  async dirs(dir: string): Promise<string[]> {
    return (await this.entries(dir))
      .filter((e) => e.isDir)
      .map((e) => e.name)
      .sort();
  }

  async walk(dir = ''): Promise<string[]> {
    const out: string[] = [];
    for (const entry of await this.entries(dir)) {
      const path = dir === '' ? entry.name : `${dir}/${entry.name}`;
      if (entry.isDir && !UNWALKED_DIRS.has(entry.name)) out.push(...(await this.walk(path)));
      else if (entry.isFile) out.push(path);
    }
    return out.sort();
  }

  async hash(path: string): Promise<string | null> {
    try {
      return createHash('sha256')
        .update(await readFile(this.abs(path)))
        .digest('hex');
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async remove(path: string): Promise<void> {
    await rm(this.abs(path), { force: true });
  }
}
