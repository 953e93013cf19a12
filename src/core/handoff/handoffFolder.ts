/**
 * The one door the handoff code has to the files: a folder the person chose (the workspace that
 * holds `.conductor/`). Node (fs), the browser (File System Access API) and tests provide it; the
 * core decides from what it reads. Paths are relative to the workspace, with `/`.
 */
export interface HandoffFolder {
  /** The file's text, or null when there is no such file. */
  read(path: string): Promise<string | null>;
  /** Writes the whole file (creating its folders); readers see the old or the new text, never half. */
  write(path: string, text: string): Promise<void>;
  /** Adds text at the end of the file (creating it). */
  append(path: string, text: string): Promise<void>;
  /**
   * Moves a file. Resolves false when `from` is gone, which is how a claim lost to another
   * executor shows: of several renames of one file, exactly one succeeds.
   */
  rename(from: string, to: string): Promise<boolean>;
  /** The names of the files directly in a folder (no folders), sorted; [] when it does not exist. */
  list(dir: string): Promise<string[]>;
  /** The names of the folders directly in a folder, sorted; [] when it does not exist. */
  dirs(dir: string): Promise<string[]>;
  /**
   * Every file under `dir` (relative to the workspace), skipping `.conductor`, `.git` and
   * `node_modules`, which no task may be asked to change.
   */
  walk(dir?: string): Promise<string[]>;
  /** SHA-256 of the file's bytes as hex, or null when there is no such file. */
  hash(path: string): Promise<string | null>;
  remove(path: string): Promise<void>;
}

/** Folders `walk` never enters: the handoff's own files, version control and installed packages. */
export const UNWALKED_DIRS: ReadonlySet<string> = new Set(['.conductor', '.git', 'node_modules']);
