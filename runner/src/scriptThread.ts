import { parentPort } from 'node:worker_threads';
import { QuickJsAgents } from '../../src/runtime/quickjs/quickjsAgents';
import type { AgentTask } from '../../src/core/conductor/ports';

/**
 * One script slot of a runner process: a worker thread that runs agents' code in QuickJS, one at a
 * time, so a CPU-bound model never holds the process's own thread (Restate's protocol, the
 * project's driver, LLM streams) while it works.
 */
const agents = new QuickJsAgents();
parentPort?.on('message', (message: { id: number; task: AgentTask }) => {
  void agents.run(message.task).then(
    (result) => parentPort?.postMessage({ id: message.id, result }),
    (error: unknown) =>
      parentPort?.postMessage({
        id: message.id,
        result: {
          ok: false,
          reason: `the runner's script thread failed: ${error instanceof Error ? error.message : String(error)}`,
          logs: [],
          durationMs: 0,
          errorClass: 'server',
        },
      }),
  );
});
