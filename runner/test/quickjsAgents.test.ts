import { describe, expect, it } from 'vitest';
import { QuickJsAgents } from '../src/quickjsAgents';
import type { AgentTask } from '../../src/core/conductor/ports';

const task = (code: string, extra: Partial<AgentTask> = {}): AgentTask => ({ agentId: 'agent_1', code, inputs: { text: 'hi' }, outputPorts: ['out'], seed: 7, now: 1000, deadlineMs: 2000, ...extra });

describe('script agents in QuickJS', () => {
  const agents = new QuickJsAgents();
  it('runs an async model that waits on a timer and emits', async () => {
    const result = await agents.run(task(`exports.default = async (ctx) => { await new Promise((r) => setTimeout(r, 20)); ctx.log('at', Date.now()); ctx.emit('out', ctx.inputs.text.toUpperCase()); };`));
    expect(result).toMatchObject({ ok: true, emitted: [{ port: 'out', value: 'HI' }], logs: ['at 1000'] });
  });
  it('stops an endless loop at its deadline', async () => {
    const result = await agents.run(task(`exports.default = () => { for (;;) {} };`, { deadlineMs: 200 }));
    expect(result).toMatchObject({ ok: false, errorClass: 'timeout' });
  });
  it('stops an agent that waits forever at its deadline', async () => {
    const result = await agents.run(task(`exports.default = () => new Promise(() => {});`, { deadlineMs: 100 }));
    expect(result).toMatchObject({ ok: false, errorClass: 'timeout' });
  });
  it('has no host access and a memory limit', async () => {
    const host = await agents.run(task(`exports.default = (ctx) => { ctx.emit('out', typeof globalThis.require + typeof process + typeof fetch); };`));
    expect(host).toMatchObject({ ok: true, emitted: [{ value: 'undefinedundefinedundefined' }] });
    const memory = await agents.run(task(`exports.default = () => { let s = 'x'; for (;;) s += s; };`, { deadlineMs: 5000 }));
    expect(memory.ok).toBe(false);
  });
  it('reports a throw as a sentence', async () => {
    const result = await agents.run(task(`exports.default = () => { throw new Error('nope'); };`));
    expect(result).toMatchObject({ ok: false, reason: 'it threw: nope' });
  });
});
