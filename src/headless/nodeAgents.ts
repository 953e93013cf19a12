import { createContext, Script } from 'node:vm';
import type { AgentHost, AgentResult, AgentRunner, AgentTask } from '../core/conductor/ports';

/** The same generator as the sandbox's ctx.random (mulberry32), so a seed means the same numbers. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const describe = (thrown: unknown): string => (thrown instanceof Error ? thrown.message || thrown.name : String(thrown));

/**
 * Runs agents in Node for headless flow tests: each in a fresh vm context with the ctx API a
 * sandbox gives (inputs, settings, emit, log, random, now, fetch and llm through the conductor).
 * A vm context is not a security boundary: headless runs are for a team's own CI, over projects
 * they trust, as `npm test` runs their own code. The deadline is kept, as in the browser.
 */
export class NodeAgents implements AgentRunner {
  async run(task: AgentTask, host?: AgentHost): Promise<AgentResult> {
    const started = Date.now();
    const logs: string[] = [];
    const emitted: Array<{ port: string; value: unknown }> = [];
    const fail = (reason: string): Extract<AgentResult, { ok: false }> => ({ ok: false, reason, logs, durationMs: Date.now() - started });
    const refuse = (what: string) => () => Promise.reject(new Error(`ctx.${what} needs the conductor, and none answers here.`));
    const unwrap = async <T>(reply: Promise<{ ok: true; value: T } | { ok: false; message: string }>): Promise<T> => {
      const r = await reply;
      if (!r.ok) throw new Error(r.message);
      return r.value;
    };
    const ctx = Object.freeze({
      agentId: task.agentId,
      inputs: structuredClone(task.inputs),
      settings: structuredClone(task.settings ?? {}),
      emit: (port: string, value: unknown) => {
        if (!task.outputPorts.includes(port)) throw new Error(`ctx.emit: “${port}” is not an output of this model. Outputs: ${task.outputPorts.join(', ') || '(none)'}.`);
        emitted.push({ port, value: structuredClone(value) });
      },
      log: (...args: unknown[]) => void logs.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ')),
      random: seededRandom(task.seed),
      now: () => task.now,
      fetch: host ? (url: string, init?: Record<string, unknown>) => unwrap(host.fetch({ url, ...(init ?? {}) })) : refuse('fetch'),
      llm: host ? (request: Parameters<AgentHost['llm']>[0]) => unwrap(host.llm(request)) : refuse('llm'),
    });
    const module = { exports: {} as Record<string, unknown> };
    const sandbox = createContext({ module, exports: module.exports, require: () => { throw new Error('Models cannot import modules; use only the ctx API.'); }, console: { log: ctx.log, info: ctx.log, warn: ctx.log, error: ctx.log, debug: ctx.log } });
    try {
      new Script(task.code).runInContext(sandbox, { timeout: task.deadlineMs });
    } catch (error) {
      return fail(`its code does not run: ${describe(error)}`);
    }
    const entry = task.entry ? (module.exports['kinds'] as Record<string, unknown> | undefined)?.[task.entry.kind] : module.exports['default'];
    if (typeof entry !== 'function') return fail("the model's code must `export default` a function that takes ctx.");
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), task.deadlineMs)));
    try {
      const outcome = await Promise.race([Promise.resolve((entry as (c: unknown) => unknown)(ctx)).then(() => 'done' as const), deadline]);
      if (outcome === 'late') return { ...fail(`it ran past its deadline of ${task.deadlineMs} ms and was stopped.`), errorClass: 'timeout' };
      return { ok: true, emitted, logs, durationMs: Date.now() - started };
    } catch (error) {
      return fail(`it threw: ${describe(error)}`);
    } finally {
      clearTimeout(timer);
    }
  }
}
