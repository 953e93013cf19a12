import { describe, expect, it } from 'vitest';
import { sha256 } from '../../runtime/sha256';
import { allowedFilesMatcher, changedBetween, outsideAllowed } from './allowedFiles';
import { EMPTY_AUDIT_HEAD, nextAuditLine, readAuditLog } from './auditLog';
import { confidenceScore, scoreConfidence, type HandoffOutcome } from './handoffConfidence';
import { placeOfPath, taskFile, taskIdFor, taskIdOfFile } from './handoffLayout';
import { handoffResultSchema, handoffTaskSchema } from './handoffSchemas';
import { unsignedTask } from './handoffTestSupport';
import { isoFromMs, msFromIso } from './isoTime';
import { checksumHolds, signTask } from './taskChecksum';

describe('the handoff contract', () => {
  it('lays files out as seed 002 does, and never lets an id escape its folder', () => {
    expect(taskFile({ plan: 'r1', fork: 'r2' }, 'pending', taskIdFor(1))).toBe(
      '.conductor/handoff/plan_r1/fork_r2/pending/step_001.task.json',
    );
    expect(taskFile({ plan: '../x', fork: 'a/b' }, 'completed', 'step_002', 'provenance')).toBe(
      '.conductor/handoff/plan____x/fork_a_b/completed/step_002.provenance.json',
    );
    expect(taskIdOfFile('step_012.task.json')).toBe('step_012');
    expect(taskIdOfFile('step_012.result.json')).toBeNull();
    expect(placeOfPath('.conductor/handoff/plan_r1/fork_r2/audit.log')).toEqual({ plan: 'r1', fork: 'r2' });
  });

  it('signs a task with the SHA-256 of its canonical JSON, so any edit breaks it but key order does not', async () => {
    const task = await signTask(unsignedTask(), sha256);
    expect(handoffTaskSchema.parse(task)).toEqual(task);
    expect(await checksumHolds(task, sha256)).toBe(true);
    const reordered = Object.fromEntries(Object.entries(task).reverse()) as typeof task;
    expect(await checksumHolds(reordered, sha256)).toBe(true);
    expect(await checksumHolds({ ...task, timeout_seconds: 301 }, sha256)).toBe(false);
    expect(await checksumHolds({ ...task, allowed_files: [...task.allowed_files, '**'] }, sha256)).toBe(false);
  });

  it('refuses unknown fields and paths that leave the workspace', () => {
    expect(handoffTaskSchema.safeParse({ ...unsignedTask(), checksum: 'a'.repeat(64), extra: 1 }).success).toBe(false);
    const result = {
      task_id: 'step_001',
      task_checksum: 'a'.repeat(64),
      status: 'completed',
      outputs: {},
      summary: '',
    };
    expect(handoffResultSchema.safeParse(result).success).toBe(true);
    expect(handoffResultSchema.safeParse({ ...result, status: 'done' }).success).toBe(false);
  });

  it('matches allowed_files as globs, dot files included, and never allows the handoff folder itself', () => {
    const allowed = allowedFilesMatcher(['src/**', '*.md']);
    expect(['src/a/b.ts', 'README.md', 'src/.env'].map(allowed)).toEqual([true, true, true]);
    expect(['lib/a.ts', 'docs/x.md'].map(allowed)).toEqual([false, false]);
    expect(allowedFilesMatcher(['**'])('.conductor/handoff/plan_a/fork_a/audit.log')).toBe(false);
    expect(outsideAllowed(['b', 'a', 'src/x', 'a'], ['src/**'])).toEqual(['a', 'b']);
    expect(outsideAllowed(['a'], [])).toEqual(['a']);
  });

  it('lists added, removed and changed files between two workspace snapshots', () => {
    const before = new Map([
      ['a', '1'],
      ['b', '2'],
      ['c', '3'],
    ]);
    const after = new Map([
      ['a', '1'],
      ['b', '9'],
      ['d', '4'],
    ]);
    expect(changedBetween(before, after)).toEqual([
      { path: 'b', before: '2', after: '9' },
      { path: 'c', before: '3', after: null },
      { path: 'd', before: null, after: '4' },
    ]);
  });

  it('scores confidence from the model’s history: success rate, retries and violations', () => {
    const ok: HandoffOutcome = { accepted: true, retries: 0, violation: false };
    const failed: HandoffOutcome = { accepted: false, retries: 0, violation: false };
    const violated: HandoffOutcome = { accepted: false, retries: 0, violation: true };
    expect(scoreConfidence([])).toEqual({ score: 0.85, level: 'high' });
    expect(scoreConfidence([failed])).toEqual({ score: 0.57, level: 'medium' });
    expect(scoreConfidence([failed, failed])).toMatchObject({ level: 'low' });
    expect(scoreConfidence([violated])).toMatchObject({ level: 'low' });
    expect(confidenceScore([ok, ok, ok, ok])).toBeGreaterThan(confidenceScore([ok, ok, { ...ok, retries: 2 }, ok]));
    expect(scoreConfidence([failed], { high: 0.9, medium: 0.6 }).level).toBe('low');
    expect(confidenceScore(Array.from({ length: 10 }, () => violated))).toBe(0);
  });

  it('writes ISO times without the ambient clock, as Date would', () => {
    for (const ms of [0, 951_782_400_000, 1_767_225_599_999, 4_102_444_800_123]) {
      expect(isoFromMs(ms)).toBe(new Date(ms).toISOString());
      expect(msFromIso(isoFromMs(ms))).toBe(ms);
    }
    expect(msFromIso('2026-01-01T02:00:00+02:00')).toBe(Date.parse('2026-01-01T00:00:00Z'));
    expect(msFromIso('yesterday')).toBeNaN();
  });

  it('chains audit lines and names the first line edited', async () => {
    const entry = {
      at: isoFromMs(0),
      event: 'task.written',
      task_id: 'step_001',
      actor: 'conductor',
      detail: 'x',
    } as const;
    const first = await nextAuditLine(EMPTY_AUDIT_HEAD, entry, sha256);
    const second = await nextAuditLine({ seq: first.seq, hash: first.hash }, { ...entry, detail: 'y' }, sha256);
    const text = [first, second].map((l) => JSON.stringify(l)).join('\n');
    expect(await readAuditLog(text, sha256)).toMatchObject({ ok: true, head: { seq: 1, hash: second.hash } });
    const edited = text.replace('"detail":"y"', '"detail":"z"');
    expect(await readAuditLog(edited, sha256)).toMatchObject({
      ok: false,
      line: 2,
      reason: 'line 2 was changed after it was written',
    });
    const dropped = JSON.stringify(second);
    expect(await readAuditLog(dropped, sha256)).toMatchObject({ ok: false, line: 1 });
  });
});
