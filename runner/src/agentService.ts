import * as restate from '@restatedev/restate-sdk';
import type { AgentResult, AgentTask, LlmRequest, LlmResult } from '../../src/core/conductor/ports';
import { OpenAiClient } from '../../src/runtime/llm/openAiClient';
import { ScriptThreads } from './scriptThreads';
import { runnerSecret } from './secrets';
import { callObject } from './ingress';

/** Scripts run on this process's script threads (one slot by default), never on its own thread. */
const scripts = new ScriptThreads();
const llm = new OpenAiClient({ getKey: runnerSecret });

/** Sends the text so far to the agent's stream object, a few times a second, so the studio can show it as it grows. */
function streamTo(agentId: string): { onDelta: (text: string) => void; end: () => void } {
  let last = 0;
  const send = (text: string | null) => void callObject('stream', agentId, 'put/send', text).catch(() => undefined);
  return {
    onDelta: (text) => {
      const now = Date.now();
      if (now - last < 250) return;
      last = now;
      send(text);
    },
    end: () => send(null),
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
    script: async (ctx: restate.Context, task: AgentTask): Promise<AgentResult> => {
      return ctx.run('work', () => scripts.run(task));
    },
    /** An LLM call from the runner: the API key is named by the model and resolved here, never sent by the studio nor written to the log. */
    llm: async (ctx: restate.Context, request: LlmRequest): Promise<LlmResult> => {
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
