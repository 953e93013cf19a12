import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { ScriptThreads } from '../src/scriptThreads';
import type { AgentTask } from '../../src/core/conductor/ports';

// The thread's entry as the runner ships it (built by the tests' global setup).
const threadFile = fileURLToPath(new URL('../dist/scriptThread.mjs', import.meta.url));
const task = (code: string, extra: Partial<AgentTask> = {}): AgentTask => ({
  agentId: 'agent_1',
  code,
  inputs: { text: 'hi' },
  outputPorts: ['out'],
  seed: 7,
  now: 1000,
  deadlineMs: 20_000,
  ...extra,
});
const busyLoop = `exports.default = (ctx) => { let x = 0; for (let i = 0; i < 3000000; i++) x = (x + i * 7) % 1000003; ctx.emit('out', x); };`;

describe('script agents on worker threads', () => {
  let threads: ScriptThreads | undefined;
  afterEach(async () => {
    await threads?.close();
  });

  it('runs a CPU-bound model off the process thread: its timers go on ticking meanwhile', async () => {
    threads = new ScriptThreads(1, threadFile);
    let ticks = 0;
    const ticker = setInterval(() => (ticks += 1), 10);
    const result = await threads.run(task(busyLoop));
    clearInterval(ticker);
    expect(result).toMatchObject({ ok: true, emitted: [{ port: 'out' }] });
    // Run on this thread, the loop would have held it: not one tick until it ended.
    expect(ticks).toBeGreaterThan(5);
  });

  it('works on at most its slots at once and queues the rest, in order', async () => {
    threads = new ScriptThreads(2, threadFile);
    const pool = threads;
    const all = [0, 1, 2].map((i) => pool.run(task(`exports.default = (ctx) => ctx.emit('out', ${i});`)));
    expect(threads.load).toEqual({ working: 2, waiting: 1 });
    const results = await Promise.all(all);
    expect(results.map((r) => (r.ok ? r.emitted[0]?.value : r.reason))).toEqual([0, 1, 2]);
    expect(threads.load).toEqual({ working: 0, waiting: 0 });
  });

  it('brings a model’s failure back as its sentence, and the slot goes on working', async () => {
    threads = new ScriptThreads(1, threadFile);
    expect(await threads.run(task(`exports.default = () => { throw new Error('nope'); };`))).toMatchObject({
      ok: false,
      reason: 'it threw: nope',
    });
    expect(await threads.run(task(`exports.default = () => { for (;;) {} };`, { deadlineMs: 200 }))).toMatchObject({
      ok: false,
      errorClass: 'timeout',
    });
    expect(await threads.run(task(`exports.default = (ctx) => ctx.emit('out', 'still here');`))).toMatchObject({
      ok: true,
      emitted: [{ value: 'still here' }],
    });
  });

  it('starts its threads before any agent when warmed, and agents sent meanwhile wait their turn', async () => {
    threads = new ScriptThreads(2, threadFile);
    const warming = threads.warm();
    const early = threads.run(task(`exports.default = (ctx) => ctx.emit('out', 'after warming');`));
    expect(threads.load).toEqual({ working: 2, waiting: 1 });
    await warming;
    expect(await early).toMatchObject({ ok: true, emitted: [{ value: 'after warming' }] });
    expect(threads.load).toEqual({ working: 0, waiting: 0 });
  });

  it('finishes warming, not hangs, when a thread cannot start', async () => {
    threads = new ScriptThreads(1, fileURLToPath(new URL('../dist/no-such-thread.mjs', import.meta.url)));
    await threads.warm();
    expect(threads.load).toEqual({ working: 0, waiting: 0 });
  });

  it('ends a thread whose file cannot start and fails its agent with a sentence, not a hang', async () => {
    threads = new ScriptThreads(1, fileURLToPath(new URL('../dist/no-such-thread.mjs', import.meta.url)));
    const result = await threads.run(task(`exports.default = (ctx) => ctx.emit('out', 1);`));
    expect(result).toMatchObject({ ok: false, errorClass: 'server' });
    expect(result.ok ? '' : result.reason).toMatch(/script thread/);
  });
});
