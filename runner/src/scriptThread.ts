import { parentPort } from 'node:worker_threads';
import { loadQuickJs, QuickJsAgents } from './quickjsAgents';
import type { AgentTask } from '../../src/core/conductor/ports';

/**
 * One script slot of a runner process: a worker thread that runs agents' code in QuickJS, one at a
 * time, so a CPU-bound model never holds the process's own thread (Restate's protocol, the
 * project's driver, LLM streams) while it works.
 */
const agents = new QuickJsAgents();
const WARM_UP: AgentTask = { agentId: 'warm_up', code: `exports.default = (ctx) => { ctx.log('warm'); ctx.emit('out', [ctx.inputs.n, ctx.random()].map((x) => x * 2)); };`, inputs: { n: 1 }, outputPorts: ['out'], seed: 1, now: 0, deadlineMs: 10_000 };
parentPort?.on('message', (message: { id: number; task: AgentTask } | { id: number; warm: true }) => {
  if ('warm' in message) {
    // Loading is most of it; one small agent as well compiles the paths every agent takes.
    void loadQuickJs().then(() => agents.run(WARM_UP)).then(
      () => parentPort?.postMessage({ id: message.id, result: { ok: true, emitted: [], logs: [], durationMs: 0 } }),
      (error: unknown) => parentPort?.postMessage({ id: message.id, result: { ok: false, reason: `QuickJS did not load: ${error instanceof Error ? error.message : String(error)}`, logs: [], durationMs: 0, errorClass: 'server' } }),
    );
    return;
  }
  void agents.run(message.task).then(
    (result) => parentPort?.postMessage({ id: message.id, result }),
    (error: unknown) => parentPort?.postMessage({ id: message.id, result: { ok: false, reason: `the runner's script thread failed: ${error instanceof Error ? error.message : String(error)}`, logs: [], durationMs: 0, errorClass: 'server' } }),
  );
});
