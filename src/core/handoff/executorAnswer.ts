import type { ExecutorAnswer } from './executorSide';
import type { ChangedFile, HandoffResult, HandoffTask } from './handoffSchemas';
import { isoFromMs } from './isoTime';

/** What an executor did, before it is written as the contract's three files. */
export interface ExecutorReport {
  status: 'completed' | 'failed';
  outputs: HandoffResult['outputs'];
  summary: string;
  explanation: string;
  executor: { name: string; version: string };
  startedAt: number;
  endedAt: number;
  changed: ChangedFile[];
}

/** The result, explanation and provenance of a task, bound to it by its id and checksum. */
export function executorAnswerFor(task: HandoffTask, report: ExecutorReport): ExecutorAnswer {
  return {
    result: {
      task_id: task.task_id,
      task_checksum: task.checksum,
      status: report.status,
      outputs: report.outputs,
      summary: report.summary.slice(0, 4000),
    },
    explanation: report.explanation,
    provenance: {
      task_id: task.task_id,
      executor: report.executor,
      started_at: isoFromMs(report.startedAt),
      ended_at: isoFromMs(report.endedAt),
      changed_files: report.changed,
    },
  };
}
