/**
 * Where every handoff file lives, as seed 002 lays it out. Paths are relative to the workspace the
 * person chose (the folder that holds `.conductor/`), always with `/`, never absolute: the same
 * names work in Node, in the browser's File System Access API and on the runner.
 *
 * ```
 * .conductor/handoff/
 * ├── plan_<root run>/fork_<run>/
 * │   ├── pending/      step_001.task.json            written by the conductor
 * │   ├── in_progress/  step_001.task.json + .claim.json   an executor's rename claimed it
 * │   ├── completed/    task, result, explanation, provenance
 * │   ├── failed/       the same, or the task with a .failure.json the conductor wrote
 * │   ├── inputs/       step_001.<port>.json          large input artifacts, hashed in the task
 * │   └── audit.log     one hash-chained JSON line per event
 * └── metrics.json
 * ```
 */

export const HANDOFF_ROOT = '.conductor/handoff';
export const METRICS_FILE = `${HANDOFF_ROOT}/metrics.json`;

/** The four states a task file can be in, which are also the folders it moves between. */
export const TASK_STATES = ['pending', 'in_progress', 'completed', 'failed'] as const;
export type TaskState = (typeof TASK_STATES)[number];

/** A task's place: which plan (the root run of its run tree) and fork (its own run). */
export interface ForkPlace {
  plan: string;
  fork: string;
}

/** Ids become folder names: anything but letters, digits, `-` and `_` is replaced, so no id escapes its folder. */
export const safeName = (id: string): string => id.replace(/[^A-Za-z0-9_-]/g, '_');

export const forkDir = (place: ForkPlace): string =>
  `${HANDOFF_ROOT}/plan_${safeName(place.plan)}/fork_${safeName(place.fork)}`;

export const stateDir = (place: ForkPlace, state: TaskState): string => `${forkDir(place)}/${state}`;
export const auditFile = (place: ForkPlace): string => `${forkDir(place)}/audit.log`;
export const inputFile = (place: ForkPlace, taskId: string, port: string): string =>
  `${forkDir(place)}/inputs/${taskId}.${safeName(port)}.json`;

/** The files of one task, by what they hold. */
export const TASK_FILE_SUFFIXES = {
  task: '.task.json',
  claim: '.claim.json',
  result: '.result.json',
  explanation: '.explanation.md',
  provenance: '.provenance.json',
  failure: '.failure.json',
} as const;
export type TaskFileRole = keyof typeof TASK_FILE_SUFFIXES;

export const taskFile = (place: ForkPlace, state: TaskState, taskId: string, role: TaskFileRole = 'task'): string =>
  `${stateDir(place, state)}/${taskId}${TASK_FILE_SUFFIXES[role]}`;

/** `step_001`, `step_002`…: the n-th task written in a fork (1-based), as the seed numbers them. */
export const taskIdFor = (ordinal: number): string => `step_${String(ordinal).padStart(3, '0')}`;

const TASK_NAME = /^(step_\d{3,})\.task\.json$/;
/** The task id a task file's name carries, or null for any other file. */
export const taskIdOfFile = (name: string): string | null => TASK_NAME.exec(name)?.[1] ?? null;

const FORK_PATH = /^\.conductor\/handoff\/plan_([A-Za-z0-9_-]+)\/fork_([A-Za-z0-9_-]+)\//;
/** The plan and fork folder names a path lies in (as written on disk), or null outside any fork. */
export function placeOfPath(path: string): ForkPlace | null {
  const match = FORK_PATH.exec(path);
  return match?.[1] !== undefined && match[2] !== undefined ? { plan: match[1], fork: match[2] } : null;
}
