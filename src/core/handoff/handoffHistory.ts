import type { Sha256 } from '../events/hashChain';
import { readAuditLog } from './auditLog';
import { forksIn } from './executorSide';
import type { HandoffOutcome } from './handoffConfidence';
import type { HandoffFolder } from './handoffFolder';
import { auditFile } from './handoffLayout';

/**
 * This project's history of handoffs of one model, from the folder's audit logs: one outcome per
 * task written for it that has ended (accepted, failed, rejected or timed out). A task is a retry
 * when an earlier task of the same step and model was written in the same fork.
 */
export async function handoffHistory(folder: HandoffFolder, sha256: Sha256, model: string): Promise<HandoffOutcome[]> {
  const outcomes: HandoffOutcome[] = [];
  for (const place of await forksIn(folder)) {
    const { lines } = await readAuditLog((await folder.read(auditFile(place))) ?? '', sha256);
    const retries = new Map<string, number>();
    const stepSeen = new Map<string, number>();
    for (const line of lines) {
      if (line.event === 'task.written' && line.model === model) {
        const key = line.step ?? '';
        retries.set(line.task_id, stepSeen.get(key) ?? 0);
        stepSeen.set(key, (stepSeen.get(key) ?? 0) + 1);
        continue;
      }
      const tries = retries.get(line.task_id);
      if (tries === undefined) continue;
      const ended =
        line.event === 'task.accepted' ||
        line.event === 'task.failed' ||
        line.event === 'task.rejected' ||
        line.event === 'task.timed_out';
      if (!ended) continue;
      outcomes.push({
        accepted: line.event === 'task.accepted',
        retries: tries,
        violation: line.code === 'handoff-violation',
      });
      retries.delete(line.task_id);
    }
  }
  return outcomes;
}
