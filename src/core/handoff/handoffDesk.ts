import type { Sha256 } from '../events/hashChain';
import { hashWorkspace, allowedFilesMatcher, type WorkspaceHashes } from './allowedFiles';
import { EMPTY_AUDIT_HEAD, nextAuditLine, readAuditLog, type AuditEntry } from './auditLog';
import type { HandoffFolder } from './handoffFolder';
import { refreshMetricsFile } from './handoffMetrics';
import {
  auditFile,
  forkDir,
  stateDir,
  TASK_FILE_SUFFIXES,
  taskFile,
  taskIdOfFile,
  type ForkPlace,
  type TaskState,
} from './handoffLayout';
import { handoffClaimSchema, handoffTaskSchema, type AuditLine, type HandoffTask } from './handoffSchemas';
import { isoFromMs, msFromIso } from './isoTime';
import { taskIntact, TAMPERED_SENTENCE, verifyReturned, type Rejection, type Verdict } from './verifyResult';

/** What the conductor remembers of a task it wrote: enough to check whatever comes back. */
export interface WrittenTask {
  place: ForkPlace;
  task: HandoffTask;
  writtenAt: number;
  /** The workspace's hashes when the task was written. */
  before: WorkspaceHashes;
  /** How often it was put back into `pending/` after its executor went silent (at most once). */
  requeues: number;
  /** When it was put back; from then it has one more timeout to be finished, claimed or not. */
  requeuedAt?: number;
}

/** Where a task stands, as the step shows it. */
export type TaskStanding =
  | { standing: 'pending' }
  | { standing: 'in_progress'; by: string | null; claimedAt: number | null }
  | { standing: 'requeued'; by: string | null }
  | { standing: 'done'; verdict: Verdict; by: string | null };

/** Extra time past timeout_seconds before the conductor gives up on a claim, so a live executor reports first. */
export const TIMEOUT_GRACE_MS = 5_000;

const STATES_IN_ORDER: readonly TaskState[] = ['pending', 'in_progress', 'completed', 'failed'];
const ROLES = Object.keys(TASK_FILE_SUFFIXES) as Array<keyof typeof TASK_FILE_SUFFIXES>;

/**
 * The conductor's side of the handoff folder: writes tasks, watches where they are, checks what
 * comes back, and keeps `audit.log` (of which it is the only writer). Every decision is made from
 * what the folder holds now, so a conductor that restarted (a reloaded tab, another runner
 * process) carries on from the files.
 */
export class HandoffDesk {
  constructor(
    private readonly folder: HandoffFolder,
    private readonly sha256: Sha256,
  ) {}

  /** Appends one line to a fork's audit.log, chained to the last line there, and rewrites metrics.json. */
  async audit(place: ForkPlace, entry: AuditEntry): Promise<AuditLine> {
    const path = auditFile(place);
    const text = (await this.folder.read(path)) ?? '';
    const read = await readAuditLog(text, this.sha256);
    // A broken chain is not repaired or rewritten: new lines chain to the last good one, and the
    // break stays visible to anyone who verifies the file.
    const head = read.lines.length > 0 ? read.head : EMPTY_AUDIT_HEAD;
    const line = await nextAuditLine(head, entry, this.sha256);
    await this.folder.append(path, `${JSON.stringify(line)}\n`);
    await refreshMetricsFile(this.folder, this.sha256, msFromIso(entry.at));
    return line;
  }

  /** Hashes the workspace, writes the task into `pending/` (inputs first, the task last) and audits it. */
  async write(
    task: HandoffTask,
    now: number,
    inputs: ReadonlyMap<string, string> = new Map(),
    model?: string,
    warning?: string,
  ): Promise<WrittenTask> {
    const place = { plan: task.plan_id, fork: task.fork_id };
    const before = await hashWorkspace(this.folder);
    for (const [path, text] of inputs) await this.folder.write(path, text);
    await this.folder.write(taskFile(place, 'pending', task.task_id), `${JSON.stringify(task, null, 2)}\n`);
    await this.audit(place, {
      at: isoFromMs(now),
      event: 'task.written',
      task_id: task.task_id,
      actor: 'conductor',
      step: task.step,
      ...(model !== undefined ? { model } : {}),
      detail: `Written to pending/ with confidence ${task.confidence.level} (${task.confidence.score}).${warning ? ` ${warning}` : ''}`,
    });
    return { place, task, writtenAt: now, before, requeues: 0 };
  }

  /** The folder a task file is in now, and its text; null when it is in none. */
  private async locate(written: WrittenTask): Promise<{ state: TaskState; text: string } | null> {
    // Forward order: a task moving on while we look is found in a later folder, never missed.
    for (const state of STATES_IN_ORDER) {
      const text = await this.folder.read(taskFile(written.place, state, written.task.task_id));
      if (text !== null) return { state, text };
    }
    return null;
  }

  private async claimOf(written: WrittenTask, state: TaskState): Promise<{ by: string; at: number } | null> {
    const text = await this.folder.read(taskFile(written.place, state, written.task.task_id, 'claim'));
    if (text === null) return null;
    try {
      const claim = handoffClaimSchema.parse(JSON.parse(text));
      return { by: claim.executor, at: msFromIso(claim.claimed_at) };
    } catch {
      return null;
    }
  }

  /**
   * Looks at a task once and decides: still pending, in progress (by whom), requeued after its
   * executor went silent, or done with a verdict (accepted, failed, or rejected with a code). A
   * rejected or timed-out task is moved to `failed/` with a `.failure.json` and audited; nothing
   * is deleted.
   */
  async review(written: WrittenTask, now: number, claimSeen: boolean): Promise<TaskStanding> {
    const id = written.task.task_id;
    const found = (await this.locate(written)) ?? (await this.locate(written));
    if (found === null)
      return this.fail(written, null, null, now, {
        code: 'handoff-tampered',
        sentence: `The task file ${id}.task.json was removed from the handoff folder.`,
      });
    if (found.state === 'pending') {
      if (!(await taskIntact(found.text, written.task, this.sha256)))
        return this.fail(written, 'pending', null, now, { code: 'handoff-tampered', sentence: TAMPERED_SENTENCE });
      // Handed off again and still not taken a whole timeout later: it fails rather than wait forever.
      if (written.requeuedAt !== undefined && now - written.requeuedAt > this.allowedMs(written))
        return this.expire(written, null, now, 'pending');
      return { standing: 'pending' };
    }
    const claim = await this.claimOf(written, found.state);
    const by = claim?.by ?? null;
    if (found.state === 'in_progress') {
      if (!(await taskIntact(found.text, written.task, this.sha256)))
        return this.fail(written, 'in_progress', by, now, { code: 'handoff-tampered', sentence: TAMPERED_SENTENCE });
      if (claim && !claimSeen)
        await this.audit(written.place, {
          at: isoFromMs(claim.at),
          event: 'task.claimed',
          task_id: id,
          actor: claim.by,
          step: written.task.step,
          detail: `Claimed by ${claim.by}.`,
        });
      const since = Math.max(claim?.at ?? written.writtenAt, written.requeuedAt ?? 0);
      if (now - since > this.allowedMs(written)) return this.expire(written, by, now, 'in_progress');
      return { standing: 'in_progress', by, claimedAt: claim?.at ?? null };
    }
    return this.settle(written, found.state, by, now);
  }

  private allowedMs(written: WrittenTask): number {
    return written.task.timeout_seconds * 1000 + TIMEOUT_GRACE_MS;
  }

  /** An executor that went silent past the timeout: its task goes back to `pending/` once, then fails. */
  private async expire(written: WrittenTask, by: string | null, now: number, from: TaskState): Promise<TaskStanding> {
    const id = written.task.task_id;
    const seconds = written.task.timeout_seconds;
    if (written.requeues === 0 && from === 'in_progress') {
      const moved = await this.folder.rename(
        taskFile(written.place, 'in_progress', id),
        taskFile(written.place, 'pending', id),
      );
      if (moved) {
        await this.folder.remove(taskFile(written.place, 'in_progress', id, 'claim'));
        await this.audit(written.place, {
          at: isoFromMs(now),
          event: 'task.requeued',
          task_id: id,
          actor: 'conductor',
          step: written.task.step,
          detail: `${by ?? 'Its executor'} did not finish within ${seconds} s; the task is back in pending/ once.`,
        });
        return { standing: 'requeued', by };
      }
    }
    return this.fail(written, from, by, now, {
      code: 'handoff-timeout',
      sentence: `Timed out: ${by !== null ? `${by} did not finish` : 'no executor finished'} the task within ${seconds} s${written.requeues > 0 ? ', even after it was handed off again' : ''}.`,
    });
  }

  /** The workspace paths other open tasks of this fork may change: not a violation of this one. */
  private async othersAllowed(written: WrittenTask): Promise<(path: string) => boolean> {
    const globs: string[] = [];
    for (const state of ['pending', 'in_progress', 'completed'] as const) {
      for (const name of await this.folder.list(stateDir(written.place, state))) {
        const id = taskIdOfFile(name);
        if (id === null || id === written.task.task_id) continue;
        const text = await this.folder.read(`${stateDir(written.place, state)}/${name}`);
        const parsed = handoffTaskSchema.safeParse(text === null ? null : safeJson(text));
        if (parsed.success) globs.push(...parsed.data.allowed_files);
      }
    }
    return allowedFilesMatcher(globs);
  }

  private async settle(written: WrittenTask, state: TaskState, by: string | null, now: number): Promise<TaskStanding> {
    const id = written.task.task_id;
    const read = (role: keyof typeof TASK_FILE_SUFFIXES): Promise<string | null> =>
      this.folder.read(taskFile(written.place, state, id, role));
    const [task, result, provenance, explanation] = await Promise.all([
      read('task'),
      read('result'),
      read('provenance'),
      read('explanation'),
    ]);
    const verdict = await verifyReturned(
      written.task,
      { task, result, provenance, explanation },
      { before: written.before, after: await hashWorkspace(this.folder) },
      this.sha256,
      await this.othersAllowed(written),
    );
    const executor = verdict.verdict === 'rejected' ? by : (verdict.provenance?.executor.name ?? by);
    if (verdict.verdict === 'rejected') return this.fail(written, state, executor, now, verdict.rejection);
    await this.audit(written.place, {
      at: isoFromMs(now),
      event: verdict.verdict === 'accepted' ? 'task.accepted' : 'task.failed',
      task_id: id,
      actor: executor ?? 'conductor',
      step: written.task.step,
      detail:
        verdict.verdict === 'accepted'
          ? `Accepted: ${verdict.changed.length} file(s) changed, all inside allowed_files.`
          : `The executor reported a failure: ${verdict.reason}`,
    });
    return { standing: 'done', verdict, by: executor };
  }

  /**
   * Fails a task with a rejection: its files move to `failed/` (if not there already) beside a
   * `.failure.json` saying why, and the audit log says the same.
   */
  private async fail(
    written: WrittenTask,
    from: TaskState | null,
    by: string | null,
    now: number,
    rejection: Rejection,
  ): Promise<TaskStanding> {
    const id = written.task.task_id;
    if (from !== null && from !== 'failed')
      for (const role of ROLES)
        await this.folder.rename(taskFile(written.place, from, id, role), taskFile(written.place, 'failed', id, role));
    await this.folder.write(
      taskFile(written.place, 'failed', id, 'failure'),
      `${JSON.stringify({ task_id: id, code: rejection.code, reason: rejection.sentence, failed_at: isoFromMs(now) }, null, 2)}\n`,
    );
    await this.audit(written.place, {
      at: isoFromMs(now),
      event: rejection.code === 'handoff-timeout' ? 'task.timed_out' : 'task.rejected',
      task_id: id,
      actor: by ?? 'conductor',
      step: written.task.step,
      detail: rejection.sentence,
      code: rejection.code,
    });
    return { standing: 'done', verdict: { verdict: 'rejected', rejection }, by };
  }

  /**
   * Files in a fork for task ids the conductor never wrote (no `task.written` line): each gets one
   * `task.rejected` line (handoff-unknown-task) and is left where it is. Returns the new ones.
   */
  async reportStrays(place: ForkPlace, now: number): Promise<string[]> {
    const read = await readAuditLog((await this.folder.read(auditFile(place))) ?? '', this.sha256);
    const known = new Set(
      read.lines.filter((l) => l.event === 'task.written' || l.code === 'handoff-unknown-task').map((l) => l.task_id),
    );
    const found = new Set<string>();
    for (const state of STATES_IN_ORDER)
      for (const name of await this.folder.list(stateDir(place, state))) {
        const id = /^(step_\d{3,})\./.exec(name)?.[1];
        if (id !== undefined && !known.has(id)) found.add(id);
      }
    const strays = [...found].sort();
    for (const id of strays)
      await this.audit(place, {
        at: isoFromMs(now),
        event: 'task.rejected',
        task_id: id,
        actor: 'conductor',
        detail: `Files for ${id} answer a task the conductor never wrote; they were ignored and left in place.`,
        code: 'handoff-unknown-task',
      });
    return strays;
  }

  /** The next free task id in a fork: one past the highest any file or audit line uses. */
  async nextTaskOrdinal(place: ForkPlace): Promise<number> {
    let highest = 0;
    const note = (id: string): void => {
      highest = Math.max(highest, Number(id.slice('step_'.length)));
    };
    const read = await readAuditLog((await this.folder.read(auditFile(place))) ?? '', this.sha256);
    for (const line of read.lines) note(line.task_id);
    for (const state of STATES_IN_ORDER)
      for (const name of await this.folder.list(stateDir(place, state))) {
        const id = /^(step_\d{3,})\./.exec(name)?.[1];
        if (id !== undefined) note(id);
      }
    return highest + 1;
  }

  /** The fork folder of a place, for messages. */
  static dirOf(place: ForkPlace): string {
    return forkDir(place);
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
