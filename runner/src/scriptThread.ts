import { parentPort } from 'node:worker_threads';
import { QuickJsAgents } from '../../src/runtime/quickjs/quickjsAgents';
import { relayedHost } from '../../src/runtime/relayedHost';
import type { AgentTask, HostReply } from '../../src/core/conductor/ports';
import type { FromScriptThread, ToScriptThread } from './scriptThreadProtocol';

/**
 * One script slot of a runner process: a worker thread that runs agents' code in QuickJS, one at a
 * time, so a CPU-bound model never holds the process's own thread (Restate's protocol, the
 * project's driver, LLM streams) while it works. An agent's ctx.fetch and ctx.llm go to the
 * process thread, which has the host that answers them (see ScriptThreads.run).
 */
const agents = new QuickJsAgents();
const post = (message: FromScriptThread) => parentPort?.postMessage(message);
/** Calls waiting for the process thread's answer, by `${id}:${callId}`. */
const waiting = new Map<string, (reply: HostReply<unknown>) => void>();

function run(id: number, task: AgentTask, withHost: boolean): void {
  let calls = 0;
  const host = withHost
    ? relayedHost(
        (call) =>
          new Promise((answer) => {
            const callId = ++calls;
            waiting.set(`${id}:${callId}`, answer);
            post({ id, call: { callId, call } });
          }),
      )
    : undefined;
  void agents.run(task, host).then(
    (result) => post({ id, result }),
    (error: unknown) =>
      post({
        id,
        result: {
          ok: false,
          reason: `the runner's script thread failed: ${error instanceof Error ? error.message : String(error)}`,
          logs: [],
          durationMs: 0,
          errorClass: 'server',
        },
      }),
  );
}

parentPort?.on('message', (message: ToScriptThread) => {
  if ('task' in message) return run(message.id, message.task, message.withHost);
  const key = `${message.id}:${message.callId}`;
  const answer = waiting.get(key);
  waiting.delete(key);
  answer?.(message.reply);
});
