import { describe, expect, it } from 'vitest';
import { sha256 } from '../../runtime/sha256';
import { TestStudio } from '../testing/testStudio';
import type { AgentResult, AgentTask, LlmClient, LlmRequest } from './ports';
import type { RunState, StepRunState } from '../run/runState';

/** Works for 1 s of wall time: stopped at any shorter deadline, as the sandbox stops it. */
const slow = (task: AgentTask): Promise<AgentResult> =>
  Promise.resolve(
    task.deadlineMs < 1_000
      ? {
          ok: false,
          errorClass: 'timeout',
          reason: `it ran past its deadline of ${task.deadlineMs} ms and was stopped. Look for an endless loop, or raise the model's timeout.`,
          logs: [],
          durationMs: task.deadlineMs,
        }
      : {
          ok: true,
          emitted: task.outputPorts.map((port) => ({ port, value: 'slowly done' })),
          logs: [],
          durationMs: 1_000,
        },
  );

async function slowRun(onExceed: 'stop' | 'ask'): Promise<{ studio: TestStudio; run: RunState; stepId: string }> {
  const studio = await new TestStudio(sha256, { slow }).open();
  const flowId = await studio.do({ type: 'createFlow', name: 'Flow' });
  const stepId = await studio.do({
    type: 'addStep',
    flowId,
    modelId: await studio.model('Slow', ['in'], ['out'], 'slow'),
    position: { x: 0, y: 0 },
  });
  await studio.do({
    type: 'savePolicies',
    source: JSON.stringify({ flows: { Flow: { budget: { run: { wallMs: 354 }, onExceed } } } }),
  });
  const runId = await studio.do({ type: 'startRun', flowId, input: 'x' });
  await studio.conductor.whenIdle();
  return { studio, run: studio.runs.runs.get(runId as never) as RunState, stepId };
}

describe('a wall-time budget that stops an agent', () => {
  it('asks a person when the policy says ask, naming the budget, and lets it run past once allowed', async () => {
    const { studio, run, stepId } = await slowRun('ask');
    const step = run.steps.get(stepId as never);
    expect(step?.status).toBe('asking');
    const ask = step?.asks[0];
    expect(ask?.kind).toBe('budget');
    expect(ask?.question).toBe(
      "Stopped after 354 ms: the run's wall-time budget of 354 ms ran out. Allow it to run past the budget?",
    );
    expect(step?.attempts[0]).toMatchObject({
      outcome: 'failed',
      errorClass: 'budget',
      reason: "Stopped after 354 ms: the run's wall-time budget of 354 ms ran out.",
    });
    expect(step?.violations).toEqual([
      { rule: 'budget', detail: "Stopped after 354 ms: the run's wall-time budget of 354 ms ran out." },
    ]);

    await studio.do({ type: 'answerAsk', runId: run.runId, askId: ask?.askId as string, decision: 'approve' });
    await studio.conductor.whenIdle();
    const allowed = studio.runs.runs.get(run.runId) as RunState;
    expect(allowed.status).toBe('succeeded');
    // Allowed past the budget, the second agent had the model's own timeout.
    expect(studio.agents.tasks.map((t) => t.deadlineMs)).toEqual([354, 10_000]);
  });

  it('stops the run when the policy says stop, with the budget as the reason', async () => {
    const { run, stepId } = await slowRun('stop');
    expect(run.status).toBe('failed');
    expect(run.steps.get(stepId as never)?.reason).toBe(
      "Stopped after 354 ms: the run's wall-time budget of 354 ms ran out. The run stopped here rather than overspend.",
    );
  });
});

/** Replies with as many tokens as it is allowed, up to 80: cut ("length") when max_tokens is lower. */
class TruncatingLlm implements LlmClient {
  readonly requests: LlmRequest[] = [];
  complete(request: LlmRequest) {
    this.requests.push(request);
    const cut = request.maxTokens !== undefined && request.maxTokens < 80;
    const completionTokens = cut ? (request.maxTokens as number) : 80;
    return Promise.resolve({
      ok: true as const,
      text: 'word '.repeat(completionTokens),
      usage: { promptTokens: 20, completionTokens },
      durationMs: 5,
      finishReason: cut ? 'length' : 'stop',
    });
  }
}

describe('an LLM reply cut short by a budget', () => {
  const writer = {
    kind: 'llm',
    name: 'Writer',
    baseUrl: 'http://127.0.0.1:9/v1',
    model: 'echo',
    prompt: 'Write about {{in}}',
    inputs: [{ name: 'in', type: 'text' }],
    outputs: [{ name: 'out', type: 'text' }],
  };

  async function llmRun(policies: object, model: Record<string, unknown> = writer): Promise<StepRunState> {
    const studio = await new TestStudio(sha256, {}, undefined, new TruncatingLlm()).open();
    const flowId = await studio.do({ type: 'createFlow', name: 'Flow' });
    const stepId = await studio.do({
      type: 'addStep',
      flowId,
      modelId: await studio.define(model),
      position: { x: 0, y: 0 },
    });
    await studio.do({ type: 'savePolicies', source: JSON.stringify(policies) });
    const runId = await studio.do({ type: 'startRun', flowId, input: 'cats' });
    await studio.conductor.whenIdle();
    return (studio.runs.runs.get(runId as never) as RunState).steps.get(stepId as never) as never;
  }

  it('succeeds, and its attempt says the output was cut and by which budget', async () => {
    const step = await llmRun({ flows: { Flow: { budget: { step: { tokens: 50 } } } } });
    expect(step.status).toBe('done');
    expect(step.attempts[0]?.outcome).toBe('succeeded');
    expect(step.attempts[0]?.budgetNotes).toEqual([
      "Its output was cut off at 50 tokens by the step's token budget of 50 tokens; it may be incomplete.",
    ]);
    expect(step.violations.map((v) => v.rule)).toEqual(['budget']);
  });

  it("says nothing when the model's own max_tokens cut it, not a budget", async () => {
    const step = await llmRun(
      { flows: { Flow: { budget: { run: { tokens: 10_000 } } } } },
      { ...writer, maxTokens: 30 },
    );
    expect(step.status).toBe('done');
    expect(step.attempts[0]?.budgetNotes).toBeUndefined();
    expect(step.violations).toEqual([]);
  });
});
