import * as restate from '@restatedev/restate-sdk';
import type { AgentResult, AgentTask, LlmRequest, LlmResult } from '../../src/core/conductor/ports';
import { OpenAiClient } from '../../src/runtime/llm/openAiClient';
import { QuickJsAgents } from './quickjsAgents';
import { runnerSecret } from './secrets';

const scripts = new QuickJsAgents();
const llm = new OpenAiClient({ getKey: runnerSecret });

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
      return ctx.run('complete', () => llm.complete(request));
    },
  },
  options: { inactivityTimeout: { hours: 1 }, abortTimeout: { hours: 1 } },
});
