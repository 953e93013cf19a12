import * as restate from '@restatedev/restate-sdk';
import { createLlmClient } from '../../src/runtime/llm/llmClient';
import { ScriptThreads } from './scriptThreads';
import { runnerSecret } from './secrets';
import { callObject } from './ingress';
import { askingHost } from './hostRelay';
import type { AgentHandlers } from './protocol';

/** Scripts run on this process's script threads (one slot by default), never on its own thread. */
const scripts = new ScriptThreads();
// Its threads start and load QuickJS now, while the process registers, not with the first agent.
void scripts.warm();
const llm = createLlmClient({ getKey: runnerSecret });
const STREAM_EVERY_MS = 250;

/**
 * Sends the text so far to the agent's stream object at most every 250 ms, so the studio can show
 * it as it grows: text that came within 250 ms of the last send goes when they are up, not only
 * with the next piece (a model that pauses would otherwise hold back what it has said).
 */
function streamTo(agentId: string): { onDelta: (text: string) => void; end: () => void } {
  let last = 0;
  let pending: string | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const send = (text: string | null) => void callObject('stream', agentId, 'put/send', text).catch(() => undefined);
  const flush = () => {
    timer = null;
    if (pending === null) return;
    last = Date.now();
    send(pending);
    pending = null;
  };
  return {
    onDelta: (text) => {
      pending = text;
      const wait = STREAM_EVERY_MS - (Date.now() - last);
      if (wait <= 0) flush();
      else timer ??= setTimeout(flush, wait);
    },
    end: () => {
      if (timer) clearTimeout(timer);
      pending = null;
      send(null);
    },
  };
}

/**
 * An agent's work, as a Restate service any runner process can take: each call is one durable
 * `ctx.run` step, so once it has finished its result is journaled, and a retry (its caller's, or
 * Restate's after this process died) gets that result instead of doing the work again. A process
 * that dies mid-step loses only that step, which Restate runs again on another process.
 */
export const agentService = restate.service({
  name: 'agent',
  handlers: {
    script: async (
      ctx: restate.Context,
      input: AgentHandlers['script']['input'],
    ): Promise<AgentHandlers['script']['output']> => {
      const { hostKey, ...task } = input;
      // Its ctx.fetch and ctx.llm go back, through Restate, to the conductor that sent it.
      return ctx.run('work', () => scripts.run(task, hostKey ? askingHost(hostKey, task.deadlineMs) : undefined));
    },
    /** An LLM call from the runner: the API key is named by the model and resolved here, never sent by the studio nor written to the log. */
    llm: async (
      ctx: restate.Context,
      request: AgentHandlers['llm']['input'],
    ): Promise<AgentHandlers['llm']['output']> => {
      return ctx.run('complete', async () => {
        const stream = streamTo(request.agentId);
        try {
          return await llm.complete(request, stream.onDelta);
        } finally {
          stream.end();
        }
      });
    },
  },
  options: { inactivityTimeout: { hours: 1 }, abortTimeout: { hours: 1 } },
});
