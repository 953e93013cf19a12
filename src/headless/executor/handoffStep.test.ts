import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readAuditLog } from '../../core/handoff/auditLog';
import type { HandoffHost } from '../../core/handoff/handoffHost';
import { auditFile, taskFile } from '../../core/handoff/handoffLayout';
import { TestStudio } from '../../core/testing/testStudio';
import { sha256 } from '../../runtime/sha256';
import { NodeHandoffFolder } from '../handoff/nodeHandoffFolder';
import { buildExecutor, ExecutorProcess } from './executorTestSupport';

/**
 * A flow with a handoff step, run by a real conductor (TestStudio) whose handoff port is a real
 * folder, answered by the reference executor in its own process.
 */

const cli = 'node_modules/.cache/executor-tests/handoff-step-executor.mjs';
let root: string;
let studio: TestStudio;
const running: ExecutorProcess[] = [];
/** Wakes whoever waits for the conductor's next look at the folder. */
const looked: Array<() => void> = [];
const nextLookOfConductor = (): Promise<void> => new Promise((resolve) => looked.push(resolve));
/** What the step showed live while it waited (the inspector's live text). */
const shown: Array<string | null> = [];
let onShown: () => void = () => undefined;
/** Resolves once the step showed a line matching `pattern`. */
const untilShown = (pattern: RegExp): Promise<void> =>
  new Promise((resolve) => {
    const check = (): void => {
      if (shown.some((t) => t !== null && pattern.test(t))) resolve();
    };
    onShown = check;
    check();
  });

beforeAll(() => buildExecutor(cli), 120_000);
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'handoff-step-'));
  await writeFile(join(root, 'README.md'), 'workspace\n');
  const host: HandoffHost = {
    folder: new NodeHandoffFolder(root),
    now: () => Date.now(),
    nextLook: () =>
      new Promise((resolve) => {
        for (const wake of looked.splice(0)) wake();
        setTimeout(resolve, 25);
      }),
  };
  shown.length = 0;
  const onStream = (_agentId: string, text: string | null): void => {
    shown.push(text);
    onShown();
  };
  studio = await new TestStudio(sha256, {}, undefined, undefined, { handoff: host, onStream }).open();
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((p) => p.stop()));
  await rm(root, { recursive: true, force: true });
});

const startExecutor = async (...args: string[]): Promise<ExecutorProcess> => {
  const p = new ExecutorProcess(cli, [root, '--name', 'alpha', ...args]);
  running.push(p);
  await p.until((lines) => lines.some((l) => l.includes('is watching')));
  return p;
};

async function flowWith(definition: Record<string, unknown>): Promise<string> {
  const modelId = await studio.define({
    kind: 'handoff',
    name: 'Shout',
    inputs: [{ name: 'topic', type: 'text' }],
    outputs: [{ name: 'text', type: 'text' }],
    ...definition,
  });
  const flowId = await studio.do({ type: 'createFlow', name: 'Handoff' });
  await studio.do({ type: 'addStep', flowId, modelId, position: { x: 0, y: 0 }, label: 'Shout it' });
  return flowId;
}

const resolvedOf = (runId: string) =>
  studio.events.flatMap((e) => (e.type === 'agent.resolved' && e.runId === runId ? [e.data] : []));

describe('a handoff step', () => {
  it('writes its task, waits for a real executor, and turns the checked result into its output', async () => {
    await startExecutor();
    const flowId = await flowWith({
      contract: 'script',
      instruction: `export default async (ctx: Ctx) => { ctx.emit('text', String(ctx.inputs.topic).toUpperCase() + '!'); }`,
    });
    const runId = await studio.do({ type: 'startRun', flowId, input: 'hello' });
    await studio.conductor.whenIdle();
    expect(studio.runs.runs.get(runId as never)?.status).toBe('succeeded');
    const produced = studio.events.find((e) => e.type === 'artifact.produced' && e.runId === runId);
    expect(produced?.type === 'artifact.produced' && produced.data.port).toBe('text');
    const record =
      produced?.type === 'artifact.produced' ? await studio.artifacts.get(produced.data.artifact.hash) : undefined;
    expect(record?.body).toBe('HELLO!');
    const [resolved] = resolvedOf(runId);
    expect(resolved?.logs).toEqual(expect.arrayContaining([expect.stringMatching(/^provenance: alpha 0\.1\.0, /)]));
    expect(resolved?.logs.some((l) => l.startsWith('explanation: # Shout it (step_001)'))).toBe(true);
    const place = { plan: runId, fork: runId };
    const audit = await readAuditLog((await readFile(join(root, auditFile(place)), 'utf8')) ?? '', sha256);
    expect(audit.ok).toBe(true);
    expect(audit.lines.at(-1)).toMatchObject({ event: 'task.accepted', actor: 'alpha' });
    expect(shown[0]).toMatch(/^Handed off: step_001 waits for an executor in \.conductor\/handoff\/plan_/);
    expect(shown.at(-1)).toBeNull();
  }, 120_000);

  it('shows who is working on it while the executor works', async () => {
    const worker = join(root, 'worker.mjs');
    // Works until the test has seen the step show its executor, then answers.
    await writeFile(
      worker,
      `import { existsSync } from 'node:fs';\nwhile (!existsSync('go')) await new Promise((r) => setTimeout(r, 20));\nconsole.log('went');\n`,
    );
    await startExecutor('--run', `node ${worker}`);
    const flowId = await flowWith({ instruction: 'Wait for go.', allowedFiles: ['go'] });
    const runId = await studio.do({ type: 'startRun', flowId, input: 'hello' });
    await untilShown(/^In progress by alpha \(step_001\)$/);
    expect(studio.runs.runs.get(runId as never)?.status).toBe('running');
    await writeFile(join(root, 'go'), '');
    await studio.conductor.whenIdle();
    expect(studio.runs.runs.get(runId as never)?.status).toBe('succeeded');
    expect(resolvedOf(runId)[0]?.logs).toContain('handoff: in progress by alpha');
  }, 120_000);

  it('hands a dead executor’s task off again once, then fails it with the timeout', async () => {
    const pidFile = join(tmpdir(), `handoff-worker-${process.pid}-${Date.now()}.pid`);
    const worker = join(root, 'worker.mjs');
    await writeFile(
      worker,
      `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(pidFile)}, String(process.pid));\nsetInterval(() => {}, 1000);\n`,
    );
    const executor = await startExecutor('--run', `node ${worker}`);
    const flowId = await flowWith({ instruction: 'Hang.', allowedFiles: [], timeoutSeconds: 1 });
    const runId = await studio.do({ type: 'startRun', flowId, input: 'hello' });
    await untilShown(/^In progress by alpha \(step_001\)$/);
    await executor.stop('SIGKILL');
    try {
      await studio.conductor.whenIdle();
    } finally {
      const pid = Number(await readFile(pidFile, 'utf8').catch(() => 'NaN'));
      if (Number.isInteger(pid)) process.kill(pid, 'SIGKILL');
      await rm(pidFile, { force: true });
    }
    expect(shown).toContain('Handed off again: step_001 is back in pending/ after alpha went silent');
    expect(resolvedOf(runId)[0]?.reason).toBe(
      'Timed out: no executor finished the task within 1 s, even after it was handed off again.',
    );
    const place = { plan: runId, fork: runId };
    const audit = await readAuditLog(await readFile(join(root, auditFile(place)), 'utf8'), sha256);
    expect(audit.lines.map((l) => l.event)).toEqual([
      'task.written',
      'task.claimed',
      'task.requeued',
      'task.timed_out',
    ]);
  }, 120_000);

  it('fails on a violation naming the file, and holds the model’s next task back as low confidence', async () => {
    const worker = join(root, 'worker.mjs');
    await writeFile(
      worker,
      `import { writeFileSync } from 'node:fs';\nwriteFileSync('hello.txt', 'hi');\nwriteFileSync('secrets.env', 'x');\n`,
    );
    await startExecutor('--run', `node ${worker}`);
    const flowId = await flowWith({ instruction: 'Write hello.txt about {{topic}}.', allowedFiles: ['hello.txt'] });
    const runId = await studio.do({ type: 'startRun', flowId, input: 'hello' });
    await studio.conductor.whenIdle();
    expect(studio.runs.runs.get(runId as never)?.status).toBe('failed');
    expect(resolvedOf(runId)[0]?.reason).toBe('The executor changed a file outside allowed_files: secrets.env.');
    const again = await studio.do({ type: 'startRun', flowId, input: 'hello' });
    await studio.conductor.whenIdle();
    expect(resolvedOf(again)[0]?.reason).toMatch(/^it was not handed off: its confidence is low \(0\.4\)/);
  }, 120_000);

  it('fails with "Checksum mismatch" when its task is edited while pending', async () => {
    const flowId = await flowWith({ instruction: 'Write hello.txt.', allowedFiles: ['hello.txt'] });
    const firstLook = nextLookOfConductor();
    const runId = await studio.do({ type: 'startRun', flowId, input: 'hello' });
    await firstLook;
    const path = join(root, taskFile({ plan: runId, fork: runId }, 'pending', 'step_001'));
    const task = JSON.parse(await readFile(path, 'utf8'));
    await writeFile(path, JSON.stringify({ ...task, allowed_files: ['**'] }));
    await studio.conductor.whenIdle();
    expect(resolvedOf(runId)[0]?.reason).toBe('Checksum mismatch: the task was changed after it was written.');
    expect(
      await readFile(join(root, taskFile({ plan: runId, fork: runId }, 'failed', 'step_001', 'failure')), 'utf8'),
    ).toContain('handoff-tampered');
  }, 120_000);

  it('fails saying where to run it when this host has no handoff folder', async () => {
    const bare = await new TestStudio(sha256, {}).open();
    const modelId = await bare.define({
      kind: 'handoff',
      name: 'Shout',
      inputs: [{ name: 'topic', type: 'text' }],
      outputs: [{ name: 'text', type: 'text' }],
      instruction: 'x',
    });
    const flowId = await bare.do({ type: 'createFlow', name: 'Handoff' });
    await bare.do({ type: 'addStep', flowId, modelId, position: { x: 0, y: 0 }, label: 'Shout it' });
    const runId = await bare.do({ type: 'startRun', flowId, input: 'hello' });
    await bare.conductor.whenIdle();
    const resolved = bare.events.find((e) => e.type === 'agent.resolved' && e.runId === runId);
    expect(resolved?.type === 'agent.resolved' && resolved.data.reason).toMatch(
      /^there is no handoff folder here for its task: run the flow on a runner started with RUNNER_HANDOFF_DIR/,
    );
  });
});
