import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HandoffDesk, type WrittenTask } from '../../core/handoff/handoffDesk';
import { taskFile } from '../../core/handoff/handoffLayout';
import { handoffClaimSchema, handoffProvenanceSchema } from '../../core/handoff/handoffSchemas';
import { unsignedTask } from '../../core/handoff/handoffTestSupport';
import { signTask } from '../../core/handoff/taskChecksum';
import { sha256 } from '../../runtime/sha256';
import { NodeHandoffFolder } from '../handoff/nodeHandoffFolder';
import { buildExecutor, ExecutorProcess, untilAll } from './executorTestSupport';

/**
 * The reference executor as a team runs it: the built CLI in separate processes, on a real folder
 * the conductor's desk writes into, checked by the same desk.
 */

const cli = 'node_modules/.cache/executor-tests/handoff-executor.mjs';
const place = { plan: 'run1', fork: 'run1' };
let root: string;
let folder: NodeHandoffFolder;
let desk: HandoffDesk;
const running: ExecutorProcess[] = [];

beforeAll(() => buildExecutor(cli), 120_000);
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'executor-'));
  folder = new NodeHandoffFolder(root);
  desk = new HandoffDesk(folder, sha256);
  await writeFile(join(root, 'README.md'), 'workspace\n');
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((p) => p.stop()));
  await rm(root, { recursive: true, force: true });
});

const start = (...args: string[]): ExecutorProcess => {
  const p = new ExecutorProcess(cli, [root, ...args]);
  running.push(p);
  return p;
};
const finished = (lines: readonly string[]): number => lines.filter((l) => / (completed|failed)/.test(l)).length;

async function write(ordinal: number, overrides = {}): Promise<WrittenTask> {
  const id = `step_${String(ordinal).padStart(3, '0')}`;
  return desk.write(await signTask(unsignedTask({ task_id: id, ...overrides }), sha256), Date.now());
}

const SHOUT = `export default async (ctx: Ctx) => { ctx.log('shouting'); ctx.emit('text', String(ctx.inputs.topic).toUpperCase()); }`;

describe('the reference executor', () => {
  it('shares one folder between two racing executors: every task is done once, by one of them', async () => {
    const a = start('--name', 'alpha');
    const b = start('--name', 'beta');
    await Promise.all([
      a.until((l) => l.some((x) => x.includes('is watching'))),
      b.until((l) => l.some((x) => x.includes('is watching'))),
    ]);
    const tasks: WrittenTask[] = [];
    for (let n = 1; n <= 8; n++)
      tasks.push(await write(n, { contract: 'script', instruction: SHOUT, inputs: { topic: { value: `t${n}` } } }));
    await untilAll([a, b], (lines) => finished(lines) >= 8);
    const lines = [...a.lines, ...b.lines].filter((l) => l.includes(' completed'));
    expect(lines).toHaveLength(8);
    const ids = lines.map((l) => /step_\d{3}/.exec(l)?.[0]).sort();
    expect(ids).toEqual(tasks.map((t) => t.task.task_id));
    for (const [index, written] of tasks.entries()) {
      const standing = await desk.review(written, Date.now(), false);
      expect(standing).toMatchObject({ standing: 'done', verdict: { verdict: 'accepted' } });
      if (standing.standing === 'done' && standing.verdict.verdict === 'accepted')
        expect(standing.verdict.result.outputs).toEqual({ text: `T${index + 1}` });
      const claim = handoffClaimSchema.parse(
        JSON.parse((await folder.read(taskFile(place, 'completed', written.task.task_id, 'claim')))!),
      );
      const provenance = handoffProvenanceSchema.parse(
        JSON.parse((await folder.read(taskFile(place, 'completed', written.task.task_id, 'provenance')))!),
      );
      expect(provenance.executor).toEqual({ name: claim.executor, version: '0.1.0' });
      expect(['alpha', 'beta']).toContain(claim.executor);
    }
    expect(await folder.list('.conductor/handoff/plan_run1/fork_run1/pending')).toEqual([]);
  }, 120_000);

  it('survives a crashing task and goes on with the next', async () => {
    const a = start('--name', 'alpha');
    await write(1, { contract: 'script', instruction: `export default async () => { throw new Error('boom'); }` });
    await write(2, {
      contract: 'script',
      instruction: `export default async (ctx: Ctx) => { ctx.emit('text', 'fine'); }`,
    });
    await a.until((lines) => finished(lines) >= 2);
    expect(a.lines.find((l) => l.includes('step_001') && l.includes('failed'))).toContain('boom');
    expect(a.lines.find((l) => l.includes('step_002'))?.includes('claimed')).toBe(true);
    expect(a.lines.some((l) => l.includes('step_002') && l.includes(' completed'))).toBe(true);
  }, 120_000);

  it('runs a command with the task file, collects the files it changed, and kills it at the timeout', async () => {
    const script = join(root, 'worker.mjs');
    await writeFile(
      script,
      `import { readFileSync, writeFileSync } from 'node:fs';
const task = JSON.parse(readFileSync(process.argv[2], 'utf8'));
if (task.instruction === 'hang') await new Promise(() => setInterval(() => {}, 1000));
writeFileSync('hello.txt', 'hi from ' + task.task_id);
writeFileSync(process.env.HANDOFF_OUTPUTS, JSON.stringify({ text: 'done ' + task.task_id }));
console.log('I wrote hello.txt.');
`,
    );
    const a = start('--name', 'cmd', '--run', `node ${script} {task}`);
    const ok = await write(1, { allowed_files: ['hello.txt'] });
    const hung = await write(2, { instruction: 'hang', timeout_seconds: 1 });
    await a.until((lines) => finished(lines) >= 2);
    const accepted = await desk.review(ok, Date.now(), false);
    expect(accepted).toMatchObject({
      standing: 'done',
      by: 'cmd',
      verdict: { verdict: 'accepted', changed: ['hello.txt'] },
    });
    if (accepted.standing === 'done' && accepted.verdict.verdict === 'accepted') {
      expect(accepted.verdict.result.outputs).toEqual({ text: 'done step_001' });
      expect(accepted.verdict.explanation).toContain('I wrote hello.txt.');
    }
    expect(await readFile(join(root, 'hello.txt'), 'utf8')).toBe('hi from step_001');
    expect(await desk.review(hung, Date.now(), false)).toMatchObject({
      standing: 'done',
      verdict: { verdict: 'failed', reason: 'The command did not finish within 1 s.' },
    });
  }, 120_000);
});
