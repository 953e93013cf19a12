import { canonicalJson } from '../events/canonicalJson';
import type { Sha256 } from '../events/hashChain';
import type { HandoffTask, UnsignedTask } from './handoffSchemas';

/** The task's checksum: SHA-256 of the canonical JSON of every field but `checksum` itself. */
export async function taskChecksum(task: UnsignedTask, sha256: Sha256): Promise<string> {
  const { checksum: _ignored, ...rest } = task as UnsignedTask & { checksum?: string };
  return sha256(canonicalJson(rest));
}

/** The task with its checksum filled in. */
export async function signTask(task: UnsignedTask, sha256: Sha256): Promise<HandoffTask> {
  return { ...task, checksum: await taskChecksum(task, sha256) };
}

/** Whether a task still is what its checksum says it was when written. */
export async function checksumHolds(task: HandoffTask, sha256: Sha256): Promise<boolean> {
  return (await taskChecksum(task, sha256)) === task.checksum;
}
