export declare const CYCLE_CHECKED_FILES: string[];
/** Every import cycle among `files` (globs relative to `cwd`), each as the files on it; empty when none. */
export declare function findImportCycles(cwd: string, files?: string[]): Promise<string[][]>;
export declare const FOLDER_CHECKED_ROOT: string;
/** One step of a loop among folders: `from` imports `to`, through the import `via` ("file → file"). */
export interface FolderStep {
  from: string;
  to: string;
  via: string;
}
/** Every loop among the folders directly under `root` (default src/core), one per group of folders that import each other. */
export declare function findFolderCycles(cwd: string, root?: string): Promise<FolderStep[][]>;
/** A loop as a person reads it: `a → b (a/x.ts → b/y.ts) → a (b/y.ts → a/z.ts)`. */
export declare function describeFolderCycle(cycle: FolderStep[]): string;
