import type {
  AgentHost,
  AgentResult,
  AgentRunner,
  AgentTask,
  LlmClient,
  LlmRequest,
  LlmResult,
} from '../../src/core/conductor/ports';
import { callAgent } from './ingress';
import { serveAgentHost } from './hostRelay';

/**
 * Each agent is a call to the `agent` service, which any runner process may take; its work there
 * is a durable `ctx.run` step. The idempotency key is the agent's id, so asking again (a retry of
 * this request) gets the journaled result instead of doing the work twice. While it runs, this
 * driver answers its ctx.fetch and ctx.llm with the conductor's host (hostRelay.ts).
 */
export class RemoteAgents implements AgentRunner {
  constructor(private readonly key: string) {}
  async run(task: AgentTask, host?: AgentHost): Promise<AgentResult> {
    const hostKey = host ? `${this.key}:${task.agentId}` : undefined;
    const serving = host && hostKey ? serveAgentHost(hostKey, host) : null;
    try {
      return await callAgent('script', hostKey ? { ...task, hostKey } : task, {
        idempotencyKey: `${this.key}:${task.agentId}`,
      });
    } catch (error) {
      return {
        ok: false,
        reason: `the runner could not run it: ${error instanceof Error ? error.message : String(error)}`,
        logs: [],
        durationMs: 0,
        errorClass: 'server',
      };
    } finally {
      await serving?.stop();
    }
  }
}

/** LLM calls go to the `agent` service too: the key is resolved there, from the runner's own secrets. */
export class RemoteLlm implements LlmClient {
  /** Calls made so far, by agent: a script's second ctx.llm is another call, not the first one's answer again. */
  private readonly calls = new Map<string, number>();
  constructor(private readonly key: string) {}
  async complete(request: LlmRequest): Promise<LlmResult> {
    const n = (this.calls.get(request.agentId) ?? 0) + 1;
    this.calls.set(request.agentId, n);
    const idempotencyKey = `${this.key}:${request.agentId}:llm${n === 1 ? '' : `:${n}`}`;
    try {
      return await callAgent('llm', request, { idempotencyKey });
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
