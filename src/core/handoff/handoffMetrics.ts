import type { Sha256 } from '../events/hashChain';
import { readAuditLog } from './auditLog';
import { forksIn } from './executorSide';
import type { HandoffFolder } from './handoffFolder';
import { auditFile, METRICS_FILE, type TaskState } from './handoffLayout';
import { METRICS_SCHEMA_ID, type AuditLine, type HandoffMetrics } from './handoffSchemas';
import { isoFromMs, msFromIso } from './isoTime';

type Duration = HandoffMetrics['time_pending'];
const addDuration = (d: Duration, ms: number): Duration => ({
  count: d.count + 1,
  total_ms: d.total_ms + ms,
  max_ms: Math.max(d.max_ms, ms),
});

/** The state a task is in after an audit event (held tasks are not written, so they count nowhere). */
const STATE_AFTER: Partial<Record<AuditLine['event'], TaskState>> = {
  'task.written': 'pending',
  'task.requeued': 'pending',
  'task.claimed': 'in_progress',
  'task.accepted': 'completed',
  'task.failed': 'failed',
  'task.rejected': 'failed',
  'task.timed_out': 'failed',
};

/**
 * The handoff statistics, folded from audit lines (each fork's in order): tasks by state, time
 * from written to claimed (pending) and from claimed to answered (executing), violations,
 * rejections by code, and each executor's tally. The same fold serves `metrics.json` and the
 * studio's Metrics section, so the two never disagree.
 */
export function foldHandoffMetrics(forks: ReadonlyArray<readonly AuditLine[]>, now: number): HandoffMetrics {
  const metrics: HandoffMetrics = {
    schema: METRICS_SCHEMA_ID,
    updated_at: isoFromMs(now),
    tasks: { pending: 0, in_progress: 0, completed: 0, failed: 0 },
    time_pending: { count: 0, total_ms: 0, max_ms: 0 },
    time_executing: { count: 0, total_ms: 0, max_ms: 0 },
    violations: 0,
    rejections: {},
    by_executor: {},
  };
  for (const lines of forks) {
    const state = new Map<string, TaskState>();
    const since = new Map<string, number>();
    const executorOf = new Map<string, string>();
    for (const line of lines) {
      const at = msFromIso(line.at);
      const next = STATE_AFTER[line.event];
      const was = state.get(line.task_id);
      if (line.event === 'task.claimed') {
        executorOf.set(line.task_id, line.actor);
        if (was === 'pending')
          metrics.time_pending = addDuration(metrics.time_pending, Math.max(0, at - (since.get(line.task_id) ?? at)));
      }
      if ((next === 'completed' || next === 'failed') && was === 'in_progress')
        metrics.time_executing = addDuration(metrics.time_executing, Math.max(0, at - (since.get(line.task_id) ?? at)));
      if (next === 'completed' || next === 'failed') {
        const name = line.actor !== 'conductor' ? line.actor : executorOf.get(line.task_id);
        if (name !== undefined && was !== undefined) {
          const tally = (metrics.by_executor[name] ??= { completed: 0, failed: 0, violations: 0 });
          tally[next] += 1;
          if (line.code === 'handoff-violation') tally.violations += 1;
        }
      }
      if (line.code === 'handoff-violation') metrics.violations += 1;
      if (line.event === 'task.rejected' && line.code !== undefined)
        metrics.rejections[line.code] = (metrics.rejections[line.code] ?? 0) + 1;
      // A stray's rejection is about files nobody wrote: it changes no task's state.
      if (next !== undefined && (was !== undefined || line.event === 'task.written')) {
        state.set(line.task_id, next);
        since.set(line.task_id, at);
      }
    }
    for (const s of state.values()) metrics.tasks[s] += 1;
  }
  return metrics;
}

/** Reads every fork's audit.log in the folder and rewrites `.conductor/handoff/metrics.json`. */
export async function refreshMetricsFile(folder: HandoffFolder, sha256: Sha256, now: number): Promise<HandoffMetrics> {
  const forks: AuditLine[][] = [];
  for (const place of await forksIn(folder))
    forks.push((await readAuditLog((await folder.read(auditFile(place))) ?? '', sha256)).lines);
  const metrics = foldHandoffMetrics(forks, now);
  await folder.write(METRICS_FILE, `${JSON.stringify(metrics, null, 2)}\n`);
  return metrics;
}
