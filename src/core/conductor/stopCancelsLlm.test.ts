import { describe, expect, it } from 'vitest';
import { sha256 } from '../../runtime/sha256';
import type { RunState } from '../run/runState';
import { TestStudio } from '../testing/testStudio';
import type { LlmClient, LlmRequest, LlmResult } from './ports';

/** Holds every call until it is cancelled, then settles it as the real client does: failed, with the usage so far. */
class HeldLlm implements LlmClient {
  readonly requests: LlmRequest[] = [];
  readonly cancelled: string[] = [];
  private readonly held = new Map<string, (result: LlmResult) => void>();

  complete(request: LlmRequest): Promise<LlmResult> {
    this.requests.push(request);
    return new Promise((resolve) => this.held.set(request.agentId, resolve));
  }

  cancel(agentId: string): void {
    this.cancelled.push(agentId);
    this.held.get(agentId)?.({
      ok: false,
      errorClass: 'network',
      reason: 'The call to echo was stopped with its run.',
      durationMs: 5,
      partialText: 'Once upon',
      usage: { promptTokens: 10, completionTokens: 3 },
    });
    this.held.delete(agentId);
  }
}

const writer = {
  kind: 'llm',
  name: 'Writer',
  baseUrl: 'http://127.0.0.1:9/v1',
  model: 'echo',
  prompt: 'Write about {{in}}',
  inputs: [{ name: 'in', type: 'text' }],
  outputs: [{ name: 'out', type: 'text' }],
};

describe('stopping a run with an LLM call in flight', () => {
  it('cancels the call of the run’s agent, so the model stops; the run stays interrupted', async () => {
    const llm = new HeldLlm();
    const studio = await new TestStudio(sha256, {}, undefined, llm).open();
    const flowId = await studio.do({ type: 'createFlow', name: 'Flow' });
    const stepId = await studio.do({
      type: 'addStep',
      flowId,
      modelId: await studio.define(writer),
      position: { x: 0, y: 0 },
    });
    const runId = await studio.do({ type: 'startRun', flowId, input: 'cats' });
    await expect.poll(() => llm.requests.length).toBe(1);

    await studio.do({ type: 'stopRun', runId });
    expect(llm.cancelled).toEqual([llm.requests[0]?.agentId]);
    // The cancelled call settled, so the agent is over and the conductor goes idle.
    await studio.conductor.whenIdle();
    const run = studio.runs.runs.get(runId as never) as RunState;
    expect(run.status).toBe('interrupted');
    expect(run.steps.get(stepId as never)?.status).toBe('waiting');
  });
});
