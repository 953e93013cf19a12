import type { HandoffFolder } from './handoffFolder';
import { stateDir, taskFile, taskIdOfFile, type ForkPlace } from './handoffLayout';
import { handoffTaskSchema, type HandoffProvenance, type HandoffResult, type HandoffTask } from './handoffSchemas';
import { isoFromMs } from './isoTime';

/**
 * The executor's side of the contract, shared by the reference executor and the tests: find
 * pending tasks, claim one by rename, and hand the answer back with the task file moved last, so
 * a task in `completed/` or `failed/` always has its result beside it.
 */

/** Every fork under `.conductor/handoff/` (plan and fork folder names as on disk). */
export async function forksIn(folder: HandoffFolder): Promise<ForkPlace[]> {
  const places: ForkPlace[] = [];
  for (const plan of await folder.dirs('.conductor/handoff'))
    if (plan.startsWith('plan_'))
      for (const fork of await folder.dirs(`.conductor/handoff/${plan}`))
        if (fork.startsWith('fork_')) places.push({ plan: plan.slice(5), fork: fork.slice(5) });
  return places;
}

/** The task ids waiting in a fork's `pending/`, oldest number first. */
export async function pendingTaskIds(folder: HandoffFolder, place: ForkPlace): Promise<string[]> {
  return (await folder.list(stateDir(place, 'pending'))).flatMap((name) => taskIdOfFile(name) ?? []);
}

export type ClaimOutcome =
  | { claimed: true; task: HandoffTask; text: string }
  /** `lost`: another executor renamed it first; `not-mine`: it names another executor; `unreadable`: left for the conductor to judge. */
  | { claimed: false; why: 'lost' | 'not-mine' | 'unreadable' };

/**
 * Claims a pending task: reads it, checks it may take it, renames it into `in_progress/` (the
 * rename decides between racing executors) and writes its `.claim.json`.
 */
export async function claimTask(
  folder: HandoffFolder,
  place: ForkPlace,
  taskId: string,
  executor: string,
  now: number,
): Promise<ClaimOutcome> {
  const text = await folder.read(taskFile(place, 'pending', taskId));
  if (text === null) return { claimed: false, why: 'lost' };
  let task: HandoffTask;
  try {
    task = handoffTaskSchema.parse(JSON.parse(text));
  } catch {
    return { claimed: false, why: 'unreadable' };
  }
  if (task.executor !== undefined && task.executor !== executor) return { claimed: false, why: 'not-mine' };
  if (!(await folder.rename(taskFile(place, 'pending', taskId), taskFile(place, 'in_progress', taskId))))
    return { claimed: false, why: 'lost' };
  await folder.write(
    taskFile(place, 'in_progress', taskId, 'claim'),
    `${JSON.stringify({ task_id: taskId, executor, claimed_at: isoFromMs(now) }, null, 2)}\n`,
  );
  // What was claimed is what was read: the rename moved that file, and the conductor checks its checksum.
  return { claimed: true, task, text };
}

export interface ExecutorAnswer {
  result: HandoffResult;
  explanation: string;
  provenance: HandoffProvenance;
}

/**
 * Writes the answer into `completed/` or `failed/` (by the result's status), then moves the claim
 * and the task file there last. False when the task is no longer in `in_progress/` (the conductor
 * gave up on it): the answer is still written, and the conductor reports it as a stray.
 */
export async function deliverAnswer(folder: HandoffFolder, place: ForkPlace, answer: ExecutorAnswer): Promise<boolean> {
  const id = answer.result.task_id;
  const to = answer.result.status === 'completed' ? 'completed' : 'failed';
  await folder.write(taskFile(place, to, id, 'result'), `${JSON.stringify(answer.result, null, 2)}\n`);
  await folder.write(taskFile(place, to, id, 'explanation'), answer.explanation);
  await folder.write(taskFile(place, to, id, 'provenance'), `${JSON.stringify(answer.provenance, null, 2)}\n`);
  await folder.rename(taskFile(place, 'in_progress', id, 'claim'), taskFile(place, to, id, 'claim'));
  return folder.rename(taskFile(place, 'in_progress', id), taskFile(place, to, id));
}
