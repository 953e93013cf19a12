import type {
  AgentResult,
  AgentRunner,
  AgentTask,
  LlmClient,
  LlmRequest,
  LlmResult,
} from '../../src/core/conductor/ports';
import { callAgent } from './ingress';

/**
 * Each agent is a call to the `agent` service, which any runner process may take; its work there
 * is a durable `ctx.run` step. The idempotency key is the agent's id, so asking again (a retry of
 * this request) gets the journaled result instead of doing the work twice.
 */
export class RemoteAgents implements AgentRunner {
  constructor(private readonly key: string) {}
  async run(task: AgentTask): Promise<AgentResult> {
    try {
      return await callAgent('script', task, { idempotencyKey: `${this.key}:${task.agentId}` });
    } catch (error) {
      return {
        ok: false,
        reason: `the runner could not run it: ${error instanceof Error ? error.message : String(error)}`,
        logs: [],
        durationMs: 0,
        errorClass: 'server',
      };
    }
  }
}

/** LLM calls go to the `agent` service too: the key is resolved there, from the runner's own secrets. */
export class RemoteLlm implements LlmClient {
  constructor(private readonly key: string) {}
  async complete(request: LlmRequest): Promise<LlmResult> {
    try {
      return await callAgent('llm', request, { idempotencyKey: `${this.key}:${request.agentId}:llm` });
    } catch (error) {
      return {
        ok: false,
        errorClass: 'server',
        reason: `The runner could not call the model: ${error instanceof Error ? error.message : String(error)}.`,
        durationMs: 0,
        partialText: '',
      };
    }
  }
}
