export declare const CYCLE_CHECKED_FILES: string[];
/** Every import cycle among `files` (globs relative to `cwd`), each as the files on it; empty when none. */
export declare function findImportCycles(cwd: string, files?: string[]): Promise<string[][]>;
