import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sha256 } from '../../runtime/sha256';
import { NodeHandoffFolder } from '../../headless/handoff/nodeHandoffFolder';
import { readAuditLog } from './auditLog';
import { claimTask } from './executorSide';
import { HandoffDesk, TIMEOUT_GRACE_MS, type WrittenTask } from './handoffDesk';
import { auditFile, METRICS_FILE, taskFile } from './handoffLayout';
import { handoffFailureSchema, handoffMetricsSchema } from './handoffSchemas';
import { answerTask, unsignedTask } from './handoffTestSupport';
import { signTask } from './taskChecksum';

let root: string;
let folder: NodeHandoffFolder;
let desk: HandoffDesk;
const place = { plan: 'run1', fork: 'run1' };
const T0 = 1_767_225_600_000;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'handoff-'));
  folder = new NodeHandoffFolder(root);
  desk = new HandoffDesk(folder, sha256);
  await writeFile(join(root, 'README.md'), 'workspace\n');
});
afterEach(async () => rm(root, { recursive: true, force: true }));

async function writeTask(overrides = {}): Promise<WrittenTask> {
  return desk.write(await signTask(unsignedTask(overrides), sha256), T0);
}
const auditLines = async () => (await readAuditLog((await folder.read(auditFile(place))) ?? '', sha256)).lines;

describe('the handoff desk over a real folder', () => {
  it('writes the task into pending/ with a checksum that holds, and audits it', async () => {
    const written = await writeTask();
    const text = await readFile(join(root, taskFile(place, 'pending', 'step_001')), 'utf8');
    expect(JSON.parse(text)).toEqual(written.task);
    expect(await desk.review(written, T0, false)).toEqual({ standing: 'pending' });
    expect((await auditLines()).map((l) => l.event)).toEqual(['task.written']);
  });

  it('lets exactly one of two racing executors claim a task, by rename', async () => {
    await writeTask();
    const outcomes = await Promise.all([
      claimTask(folder, place, 'step_001', 'alpha', T0),
      claimTask(folder, place, 'step_001', 'beta', T0),
    ]);
    expect(outcomes.filter((o) => o.claimed)).toHaveLength(1);
    expect(outcomes.filter((o) => !o.claimed)).toEqual([{ claimed: false, why: 'lost' }]);
    expect(await folder.list('.conductor/handoff/plan_run1/fork_run1/pending')).toEqual([]);
  });

  it('leaves a task that names another executor for that one', async () => {
    await writeTask({ executor: 'builder' });
    expect(await claimTask(folder, place, 'step_001', 'alpha', T0)).toEqual({ claimed: false, why: 'not-mine' });
    expect((await claimTask(folder, place, 'step_001', 'builder', T0)).claimed).toBe(true);
  });

  it('accepts a result inside allowed_files, shows who is working on it, and chains the audit log', async () => {
    const written = await writeTask();
    await claimTask(folder, place, 'step_001', 'alpha', T0 + 10);
    expect(await desk.review(written, T0 + 20, false)).toEqual({
      standing: 'in_progress',
      by: 'alpha',
      claimedAt: T0 + 10,
    });
    await answerTask(folder, place, written.task, { files: { 'hello.txt': 'hi\n', 'src/a.ts': 'x' } });
    const standing = await desk.review(written, T0 + 30, true);
    expect(standing).toMatchObject({ standing: 'done', by: 'tester', verdict: { verdict: 'accepted' } });
    if (standing.standing === 'done' && standing.verdict.verdict === 'accepted') {
      expect(standing.verdict.result.outputs).toEqual({ text: 'hi' });
      expect(standing.verdict.changed).toEqual(['hello.txt', 'src/a.ts']);
      expect(standing.verdict.explanation).toBe('I wrote the file.');
    }
    const audit = await readAuditLog((await folder.read(auditFile(place))) ?? '', sha256);
    expect(audit.ok).toBe(true);
    expect(audit.lines.map((l) => [l.event, l.actor])).toEqual([
      ['task.written', 'conductor'],
      ['task.claimed', 'alpha'],
      ['task.accepted', 'tester'],
    ]);
    const metrics = handoffMetricsSchema.parse(JSON.parse((await folder.read(METRICS_FILE))!));
    expect(metrics).toMatchObject({
      tasks: { pending: 0, in_progress: 0, completed: 1, failed: 0 },
      time_pending: { count: 1, total_ms: 10 },
      time_executing: { count: 1, total_ms: 20 },
      by_executor: { tester: { completed: 1, failed: 0, violations: 0 } },
    });
  });

  it('fails a task edited while pending: "Checksum mismatch", moved to failed/ with the reason', async () => {
    const written = await writeTask();
    const path = join(root, taskFile(place, 'pending', 'step_001'));
    const edited = JSON.parse(await readFile(path, 'utf8'));
    edited.allowed_files = ['**'];
    await writeFile(path, JSON.stringify(edited));
    const standing = await desk.review(written, T0 + 5, false);
    expect(standing).toEqual({
      standing: 'done',
      by: null,
      verdict: {
        verdict: 'rejected',
        rejection: {
          code: 'handoff-tampered',
          sentence: 'Checksum mismatch: the task was changed after it was written.',
        },
      },
    });
    const failure = handoffFailureSchema.parse(
      JSON.parse((await folder.read(taskFile(place, 'failed', 'step_001', 'failure')))!),
    );
    expect(failure.code).toBe('handoff-tampered');
    expect(await folder.read(taskFile(place, 'failed', 'step_001'))).not.toBeNull();
    expect((await auditLines()).at(-1)).toMatchObject({ event: 'task.rejected', code: 'handoff-tampered' });
  });

  it('fails a violation with the file names, even when the provenance does not list the file', async () => {
    const written = await writeTask();
    const claim = await claimTask(folder, place, 'step_001', 'alpha', T0);
    expect(claim.claimed).toBe(true);
    await writeFile(join(root, 'README.md'), 'rewritten\n');
    await answerTask(folder, place, written.task, { files: { 'hello.txt': 'hi', 'package.json': '{}' } });
    const standing = await desk.review(written, T0 + 5, true);
    expect(standing).toMatchObject({
      standing: 'done',
      verdict: {
        verdict: 'rejected',
        rejection: {
          code: 'handoff-violation',
          sentence: 'The executor changed files outside allowed_files: README.md, package.json.',
          files: ['README.md', 'package.json'],
        },
      },
    });
    const metrics = handoffMetricsSchema.parse(JSON.parse((await folder.read(METRICS_FILE))!));
    expect(metrics).toMatchObject({ violations: 1, rejections: { 'handoff-violation': 1 }, tasks: { failed: 1 } });
    expect(metrics.by_executor.alpha).toEqual({ completed: 0, failed: 1, violations: 1 });
    // The result is kept (in failed/), never deleted.
    expect(await folder.read(taskFile(place, 'failed', 'step_001', 'result'))).not.toBeNull();
    expect(await folder.read(taskFile(place, 'completed', 'step_001'))).toBeNull();
  });

  it('puts a silent executor’s task back in pending/ once after the timeout, then fails it', async () => {
    const written = await writeTask({ timeout_seconds: 2 });
    await claimTask(folder, place, 'step_001', 'alpha', T0);
    const late = T0 + 2_000 + TIMEOUT_GRACE_MS + 1;
    expect(await desk.review(written, T0 + 2_000, false)).toMatchObject({ standing: 'in_progress' });
    expect(await desk.review(written, late, true)).toEqual({ standing: 'requeued', by: 'alpha' });
    expect(await folder.list('.conductor/handoff/plan_run1/fork_run1/pending')).toEqual(['step_001.task.json']);
    const again = { ...written, requeues: 1 };
    await claimTask(folder, place, 'step_001', 'beta', late);
    const standing = await desk.review(again, late + 2_000 + TIMEOUT_GRACE_MS + 1, false);
    expect(standing).toMatchObject({
      standing: 'done',
      by: 'beta',
      verdict: { verdict: 'rejected', rejection: { code: 'handoff-timeout' } },
    });
    expect((await auditLines()).map((l) => l.event)).toEqual([
      'task.written',
      'task.claimed',
      'task.requeued',
      'task.claimed',
      'task.timed_out',
    ]);
  });

  it('fails a task handed off again that nobody takes within another timeout', async () => {
    const written = await writeTask({ timeout_seconds: 2 });
    await claimTask(folder, place, 'step_001', 'alpha', T0);
    const late = T0 + 2_000 + TIMEOUT_GRACE_MS + 1;
    expect(await desk.review(written, late, true)).toEqual({ standing: 'requeued', by: 'alpha' });
    const again = { ...written, requeues: 1, requeuedAt: late };
    expect(await desk.review(again, late + 2_000, false)).toEqual({ standing: 'pending' });
    expect(await desk.review(again, late + 2_000 + TIMEOUT_GRACE_MS + 1, false)).toMatchObject({
      standing: 'done',
      verdict: {
        verdict: 'rejected',
        rejection: {
          code: 'handoff-timeout',
          sentence: 'Timed out: no executor finished the task within 2 s, even after it was handed off again.',
        },
      },
    });
    expect(await folder.read(taskFile(place, 'failed', 'step_001'))).not.toBeNull();
  });

  it('refuses a result that is not JSON, or misses a port, and never accepts part of it', async () => {
    const written = await writeTask();
    await claimTask(folder, place, 'step_001', 'alpha', T0);
    await answerTask(folder, place, written.task, { outputs: {} });
    expect(await desk.review(written, T0 + 1, true)).toMatchObject({
      verdict: {
        verdict: 'rejected',
        rejection: { code: 'handoff-malformed', sentence: 'step_001.result.json has no value for text.' },
      },
    });
    const second = await desk.write(await signTask(unsignedTask({ task_id: 'step_002' }), sha256), T0);
    await claimTask(folder, place, 'step_002', 'alpha', T0);
    await answerTask(folder, place, second.task);
    await writeFile(join(root, taskFile(place, 'completed', 'step_002', 'result')), '{ not json');
    expect(await desk.review(second, T0 + 1, true)).toMatchObject({
      verdict: {
        verdict: 'rejected',
        rejection: { code: 'handoff-malformed', sentence: 'step_002.result.json is not valid: it is not JSON.' },
      },
    });
  });

  it('reports a result for a task nobody wrote once, and leaves its files where they are', async () => {
    await writeTask();
    await folder.write(taskFile(place, 'completed', 'step_009', 'result'), '{}');
    expect(await desk.reportStrays(place, T0)).toEqual(['step_009']);
    expect(await desk.reportStrays(place, T0 + 1)).toEqual([]);
    expect((await auditLines()).at(-1)).toMatchObject({ task_id: 'step_009', code: 'handoff-unknown-task' });
    expect(await folder.read(taskFile(place, 'completed', 'step_009', 'result'))).toBe('{}');
    expect(await desk.nextTaskOrdinal(place)).toBe(10);
  });

  it('refuses a result bound to another version of the task', async () => {
    const written = await writeTask();
    await claimTask(folder, place, 'step_001', 'alpha', T0);
    const other = await signTask(unsignedTask({ instruction: 'Something else.' }), sha256);
    await answerTask(folder, place, other);
    expect(await desk.review(written, T0 + 1, true)).toMatchObject({
      verdict: { verdict: 'rejected', rejection: { code: 'handoff-unknown-task' } },
    });
  });

  it('passes on an executor’s reported failure with its summary', async () => {
    const written = await writeTask();
    await claimTask(folder, place, 'step_001', 'alpha', T0);
    await answerTask(folder, place, written.task, { status: 'failed' });
    expect(await desk.review(written, T0 + 1, true)).toMatchObject({
      standing: 'done',
      verdict: { verdict: 'failed', reason: 'It broke.' },
    });
  });
});
