import type { AgentResult, AgentTask } from '../../src/core/conductor/ports';
import { compileModel } from '../../src/runtime/compileModel';
import { SandboxPool, type SandboxPoolStats } from '../../src/runtime/sandboxPool';

/**
 * A page that exposes the real sandbox pool to Playwright, so e2e/sandbox.spec.ts drives real
 * Chromium workers without the studio's UI in the way.
 */
export interface RunAgentOptions extends Partial<Omit<AgentTask, 'code' | 'inputs'>> {
  /** Send `source` to the sandbox as-is instead of compiling it (to test the sandbox's own checks). */
  raw?: boolean;
}

declare global {
  interface Window {
    runAgent(source: string, inputs?: Record<string, unknown>, opts?: RunAgentOptions): Promise<AgentResult>;
    poolStats(): SandboxPoolStats;
  }
}

const pool = new SandboxPool({ size: 2 });
let agents = 0;

window.runAgent = async (source, inputs = {}, opts = {}) => {
  const compiled = opts.raw ? { ok: true as const, code: source } : compileModel(source);
  if (!compiled.ok) return { ok: false, reason: `compile: ${compiled.message}`, logs: [], durationMs: 0 };
  return pool.run({
    agentId: opts.agentId ?? `agent_${++agents}`,
    code: compiled.code,
    inputs,
    outputPorts: opts.outputPorts ?? ['output'],
    seed: opts.seed ?? 42,
    now: opts.now ?? 1_700_000_000_000,
    deadlineMs: opts.deadlineMs ?? 5_000,
  });
};
window.poolStats = () => pool.stats();

const status = document.getElementById('status');
if (status) status.textContent = 'ready';
