import type {
  AgentFetchRequest,
  AgentHost,
  AgentLlmRequest,
  AgentResult,
  AgentTask,
  HostReply,
} from '../../src/core/conductor/ports';
import { compileModel } from '../../src/runtime/compileModel';
import { createFetchHttpClient } from '../../src/runtime/httpClient';
import { SandboxPool, type SandboxPoolStats } from '../../src/runtime/sandboxPool';

/**
 * A page that exposes the real sandbox pool to Playwright, so e2e/sandbox.spec.ts drives real
 * Chromium workers without the studio's UI in the way.
 */
export interface RunAgentOptions extends Partial<Omit<AgentTask, 'code' | 'inputs'>> {
  /** Send `source` to the sandbox as-is instead of compiling it (to test the sandbox's own checks). */
  raw?: boolean;
  /** How the stand-in for the conductor answers ctx.fetch and ctx.llm; without it, the run has no host. */
  host?: HarnessHost;
}

/**
 * `echo`: fetch answers 200 with the request as JSON text, llm answers "echo: <prompt>";
 * `http`: fetch is really made, by the conductor's HttpClient in this page; llm echoes;
 * `refuse`: every call is refused with `message`; `throw`: the host itself throws `message`;
 * `hold`: no call is ever answered.
 */
export type HarnessHost = { answer: 'echo' | 'http' | 'hold' } | { answer: 'refuse' | 'throw'; message: string };

/** A call as the host received it. */
export type HostCall = { what: 'fetch'; request: AgentFetchRequest } | { what: 'llm'; request: AgentLlmRequest };

declare global {
  interface Window {
    runAgent(source: string, inputs?: Record<string, unknown>, opts?: RunAgentOptions): Promise<AgentResult>;
    poolStats(): SandboxPoolStats;
    /** The calls the host of the latest run received, in order. */
    hostCalls(): HostCall[];
  }
}

const pool = new SandboxPool({ size: 2 });
const http = createFetchHttpClient();
let agents = 0;
let calls: HostCall[] = [];

function hostFor(spec: HarnessHost): AgentHost {
  const never = new Promise<never>(() => {});
  const answer = async <T>(make: () => T | Promise<T>): Promise<HostReply<T>> => {
    // A tick first, as a real conductor takes: the agent's own code runs before the answer comes.
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (spec.answer === 'hold') return never;
    if (spec.answer === 'refuse') return { ok: false, message: spec.message };
    if (spec.answer === 'throw') throw new Error(spec.message);
    return { ok: true, value: await make() };
  };
  return {
    async fetch(request) {
      calls.push({ what: 'fetch', request });
      if (spec.answer !== 'http')
        return answer(() => ({
          ok: true,
          status: 200,
          statusText: 'OK',
          headers: { 'content-type': 'application/json' },
          text: JSON.stringify(request),
        }));
      const result = await http.request({ ...request, deadlineMs: 5_000 });
      if (!result.ok) return { ok: false, message: result.reason };
      const { ok, status, statusText, headers, text } = result;
      return { ok: true, value: { ok, status, statusText, headers, text } };
    },
    llm(request) {
      calls.push({ what: 'llm', request });
      return answer(() => ({ text: `echo: ${request.prompt}`, usage: { promptTokens: 1, completionTokens: 2 } }));
    },
  };
}

window.runAgent = async (source, inputs = {}, opts = {}) => {
  calls = [];
  const compiled = opts.raw ? { ok: true as const, code: source } : compileModel(source);
  if (!compiled.ok) return { ok: false, reason: `compile: ${compiled.message}`, logs: [], durationMs: 0 };
  const task: AgentTask = {
    agentId: opts.agentId ?? `agent_${++agents}`,
    code: compiled.code,
    inputs,
    outputPorts: opts.outputPorts ?? ['output'],
    seed: opts.seed ?? 42,
    now: opts.now ?? 1_700_000_000_000,
    deadlineMs: opts.deadlineMs ?? 5_000,
  };
  if (opts.entry) task.entry = opts.entry;
  if (opts.settings) task.settings = opts.settings;
  return pool.run(task, opts.host ? hostFor(opts.host) : undefined);
};
window.poolStats = () => pool.stats();
window.hostCalls = () => calls;

const status = document.getElementById('status');
if (status) status.textContent = 'ready';
