import { describe, expect, it } from 'vitest';
import { sha256 } from '../../runtime/sha256';
import { emitAll, TestStudio } from '../testing/testStudio';
import type { AgentResult, LlmClient, LlmRequest } from '../ports/ports';
import type { EventData } from '../events/eventMap';
import { foldAllExplorations } from './exploreState';
import { rankVariants, scoreVariant } from './scoreVariants';
import { variantBudget } from './planExploreCommands';

const behaviours = {
  a: emitAll((i) => `a(${String(i.in)})`),
  b: emitAll((i) => `b(${String(i.in)})`),
  short: emitAll(() => 'ok'),
  long: emitAll((i) => `a much longer answer about ${String(i.in)}`),
  fail: (): AgentResult => ({ ok: false, reason: 'it threw: boom', logs: [], durationMs: 1 }),
  c: emitAll((i) => `c(${String(i.in)})`),
  never: (): Promise<AgentResult> => new Promise(() => undefined),
};

/** Fetch → Answer → Report, each with one input `in` and one output `out`; Answer has three alternatives. */
async function setUp() {
  const studio = await new TestStudio(sha256, behaviours).open();
  const m = {
    a: await studio.model('Fetch', ['in'], ['out'], 'a'),
    b: await studio.model('Answer', ['in'], ['out'], 'b'),
    short: await studio.model('Answer (short)', ['in'], ['out'], 'short'),
    long: await studio.model('Answer (long)', ['in'], ['out'], 'long'),
    fail: await studio.model('Answer (broken)', ['in'], ['out'], 'fail'),
    never: await studio.model('Answer (hangs)', ['in'], ['out'], 'never'),
    c: await studio.model('Report', ['in'], ['out'], 'c'),
    odd: await studio.model('Odd ports', ['x'], ['y'], 'c'),
  };
  const flowId = await studio.do({ type: 'createFlow', name: 'Chain' });
  const steps = {
    a: await studio.do({ type: 'addStep', flowId, modelId: m.a, label: 'Fetch', position: { x: 0, y: 0 } }),
    b: await studio.do({ type: 'addStep', flowId, modelId: m.b, label: 'Answer', position: { x: 1, y: 0 } }),
    c: await studio.do({ type: 'addStep', flowId, modelId: m.c, label: 'Report', position: { x: 2, y: 0 } }),
  };
  await studio.do({
    type: 'connect',
    flowId,
    source: { stepId: steps.a, port: 'out' },
    target: { stepId: steps.b, port: 'in' },
  });
  await studio.do({
    type: 'connect',
    flowId,
    source: { stepId: steps.b, port: 'out' },
    target: { stepId: steps.c, port: 'in' },
  });
  const parentId = await studio.do({ type: 'startRun', flowId, input: 'x' });
  await studio.conductor.whenIdle();
  const atSeq = studio.events.filter((e) => e.runId === parentId).at(-1)?.seq ?? -1;
  return { studio, m, flowId, steps, parentId, atSeq };
}

const modelVariant = (stepId: string, modelId: string) => ({ change: { kind: 'model' as const, stepId, modelId } });
const startedOf = (studio: TestStudio) =>
  studio.events.find((e) => e.type === 'explore.started')?.data as EventData<'explore.started'>;
const scoredOf = (studio: TestStudio) =>
  studio.events.find((e) => e.type === 'explore.scored')?.data as EventData<'explore.scored'>;

describe('exploring variants of a step', () => {
  it('forks the run once per variant, each with its change only, reusing what came before the step', async () => {
    const { studio, m, flowId, steps, parentId, atSeq } = await setUp();
    const agentsBefore = studio.agents.tasks.length;
    const exploreId = await studio.do({
      type: 'startExplore',
      runId: parentId,
      atSeq,
      variants: [modelVariant(steps.b, m.short), modelVariant(steps.b, m.long)],
      score: { kind: 'cel', expression: 'size(outputs["Report"].out)' },
    });
    await studio.conductor.whenIdle();

    const started = startedOf(studio);
    expect(started.exploreId).toBe(exploreId);
    expect(started.variants.map((v) => v.label)).toEqual([
      'A: “Answer” with model Answer (short)',
      'B: “Answer” with model Answer (long)',
    ]);
    for (const [index, variant] of started.variants.entries()) {
      const run = studio.runs.runs.get(variant.runId);
      expect(run?.status).toBe('succeeded');
      expect(run?.parent).toEqual({ runId: parentId, atSeq });
      expect(run?.steps.get(steps.a as never)?.reused).toBe(true);
      expect(run?.plan.steps.find((s) => s.stepId === steps.b)?.modelId).toBe([m.short, m.long][index]);
    }
    // Fetch was not run again; each variant ran its own Answer and the Report after it.
    expect(
      studio.agents.tasks
        .slice(agentsBefore)
        .map((t) => t.code)
        .sort(),
    ).toEqual(['c', 'c', 'long', 'short']);
    // The flow itself still uses its own model.
    expect(studio.definitions.flows.get(flowId as never)?.steps.get(steps.b as never)?.modelId).toBe(m.b);
  });

  it('scores the variants by a CEL expression and ranks them, a failed one last with no score', async () => {
    const { studio, m, steps, parentId, atSeq } = await setUp();
    const exploreId = await studio.do({
      type: 'startExplore',
      runId: parentId,
      atSeq,
      variants: [modelVariant(steps.b, m.long), modelVariant(steps.b, m.fail), modelVariant(steps.b, m.short)],
      // Shorter reports score higher.
      score: { kind: 'cel', expression: '100 - size(outputs["Report"].out)' },
    });
    await studio.conductor.whenIdle();
    await studio.do({ type: 'scoreExplore', exploreId });

    const [long, fail, short] = startedOf(studio).variants.map((v) => v.runId);
    const scored = scoredOf(studio);
    expect(scored.ranking).toEqual([short, long, fail]);
    expect(scored.winner).toBe(short);
    expect(scored.results.find((r) => r.runId === short)).toMatchObject({
      status: 'succeeded',
      score: 100 - 'c(ok)'.length,
    });
    expect(scored.results.find((r) => r.runId === fail)).toMatchObject({
      status: 'failed',
      score: null,
      detail: 'Its run failed, so it has no score.',
    });
    // Scored once: a second request is refused and writes nothing.
    const again = await studio.try({ type: 'scoreExplore', exploreId });
    expect(again.ok).toBe(false);
    expect(studio.events.filter((e) => e.type === 'explore.scored')).toHaveLength(1);
  });

  it('scores by the flow’s tests: the pass count', async () => {
    const { studio, m, flowId, steps, parentId, atSeq } = await setUp();
    await studio.do({
      type: 'saveFlowTest',
      test: {
        flowId,
        name: 'Short report',
        input: 'x',
        expectations: [{ kind: 'exact', stepId: steps.c, port: 'out', value: 'c(ok)' }],
        pins: [],
      },
    });
    await studio.do({
      type: 'saveFlowTest',
      test: {
        flowId,
        name: 'Has a report',
        input: 'x',
        expectations: [{ kind: 'cel', stepId: steps.c, port: 'out', predicate: 'artifact.startsWith("c(")' }],
        pins: [],
      },
    });
    const exploreId = await studio.do({
      type: 'startExplore',
      runId: parentId,
      atSeq,
      variants: [modelVariant(steps.b, m.long), modelVariant(steps.b, m.short)],
      score: { kind: 'tests' },
    });
    await studio.conductor.whenIdle();
    await studio.do({ type: 'scoreExplore', exploreId });
    const [long, short] = startedOf(studio).variants.map((v) => v.runId);
    const scored = scoredOf(studio);
    expect(scored.results.map((r) => [r.runId, r.score, r.detail])).toEqual([
      [long, 1, '1 of 2 tests pass'],
      [short, 2, '2 of 2 tests pass'],
    ]);
    expect(scored.winner).toBe(short);
  });

  it('is refused while a variant is still running, and for a model whose ports do not fit', async () => {
    const { studio, m, steps, parentId, atSeq } = await setUp();
    const odd = await studio.try({
      type: 'startExplore',
      runId: parentId,
      atSeq,
      variants: [modelVariant(steps.b, m.short), modelVariant(steps.b, m.odd)],
      score: { kind: 'tests' },
    });
    expect(odd.ok).toBe(false);
    expect(odd.ok ? '' : odd.error.message).toContain('Model “Odd ports” has inputs (x) and outputs (y)');
    const badCel = await studio.try({
      type: 'startExplore',
      runId: parentId,
      atSeq,
      variants: [modelVariant(steps.b, m.short), modelVariant(steps.b, m.long)],
      score: { kind: 'cel', expression: 'size(' },
    });
    expect(badCel.ok ? '' : badCel.error.message).toContain('The score is not a valid CEL expression');
    expect(studio.events.some((e) => e.type === 'explore.started')).toBe(false);

    const exploreId = await studio.do({
      type: 'startExplore',
      runId: parentId,
      atSeq,
      variants: [modelVariant(steps.b, m.short), modelVariant(steps.b, m.never)],
      score: { kind: 'tests' },
    });
    await expect.poll(() => studio.agents.tasks.filter((t) => t.code === 'never').length).toBe(1);
    const early = await studio.try({ type: 'scoreExplore', exploreId });
    expect(early.ok ? '' : early.error.message).toContain('is still running');
  });

  it('gives each variant an equal share of the budget, never more than the flow’s own', async () => {
    const { studio, m, steps, parentId, atSeq } = await setUp();
    await studio.do({
      type: 'startExplore',
      runId: parentId,
      atSeq,
      variants: [modelVariant(steps.b, m.short), modelVariant(steps.b, m.long)],
      score: { kind: 'tests' },
      budget: { costUsd: 1, tokens: 1_001 },
    });
    const budgets = studio.events
      .filter((e) => e.type === 'run.started' && e.data.parent !== undefined)
      .map((e) => (e.data as EventData<'run.started'>).budget);
    expect(budgets).toEqual([
      { costUsd: 0.5, tokens: 500 },
      { costUsd: 0.5, tokens: 500 },
    ]);
    expect(variantBudget({ costUsd: 0.2, wallMs: 5_000 }, { costUsd: 1 }, 2)).toEqual({ costUsd: 0.2, wallMs: 5_000 });
    expect(variantBudget(undefined, undefined, 3)).toBeUndefined();
  });

  it('promotes the winner as one flow edit that one undo takes back, and replays the same exploration', async () => {
    const { studio, m, flowId, steps, parentId, atSeq } = await setUp();
    const exploreId = await studio.do({
      type: 'startExplore',
      runId: parentId,
      atSeq,
      variants: [modelVariant(steps.b, m.long), modelVariant(steps.b, m.short)],
      score: { kind: 'cel', expression: 'outputs["Report"].out == "c(ok)"' },
    });
    await studio.conductor.whenIdle();
    await studio.do({ type: 'scoreExplore', exploreId });
    await studio.do({ type: 'promoteExplore', exploreId });
    const stepModel = () => studio.definitions.flows.get(flowId as never)?.steps.get(steps.b as never)?.modelId;
    expect(stepModel()).toBe(m.short);

    const reopened = await studio.reopen(behaviours);
    const replayed = foldAllExplorations(reopened.events).get(exploreId);
    expect(replayed?.scored?.winner).toBe(startedOf(studio).variants[1]?.runId);
    expect(replayed?.promoted).toEqual([startedOf(studio).variants[1]?.runId]);

    await studio.do({ type: 'undo', flowId });
    expect(stepModel()).toBe(m.b);
  });

  it('explores fallback chains, and promotes one as the step’s settings', async () => {
    const { studio, m, flowId, steps, parentId, atSeq } = await setUp();
    const fallbacks = (ids: string[]) => ({ change: { kind: 'fallbacks' as const, stepId: steps.b, fallbacks: ids } });
    await studio.do({ type: 'configureStep', flowId, stepId: steps.b, settings: { retry: { maxAttempts: 1 } } });
    const exploreId = await studio.do({
      type: 'startExplore',
      runId: parentId,
      atSeq,
      variants: [fallbacks([m.long]), fallbacks([m.short])],
      score: { kind: 'cel', expression: 'size(outputs["Answer"].out)' },
    });
    await studio.conductor.whenIdle();
    const [withLong, withShort] = startedOf(studio).variants;
    // The step changed in each variant runs again, even though its own model did not change.
    expect(studio.runs.runs.get(withLong?.runId as never)?.steps.get(steps.b as never)?.reused).toBeUndefined();
    expect(
      studio.runs.runs.get(withLong?.runId as never)?.plan.steps.find((s) => s.stepId === steps.b)?.fallbacks,
    ).toEqual([{ modelId: m.long, modelVersion: 1 }]);
    await studio.do({ type: 'scoreExplore', exploreId });
    await studio.do({ type: 'promoteExplore', exploreId, runId: withShort?.runId ?? '' });
    expect(studio.definitions.flows.get(flowId as never)?.steps.get(steps.b as never)?.settings).toMatchObject({
      retry: { maxAttempts: 1 },
      fallbacks: [m.short],
    });
  });
});

describe('scoring and ranking, pure', () => {
  const outcome = {
    runId: 'run_1' as never,
    status: 'succeeded' as const,
    costUsd: 0.01,
    tokens: 10,
    outputs: { Report: { out: 'hello' } },
  };
  it('takes numbers, CEL ints and booleans as scores, and says why anything else is not one', () => {
    expect(scoreVariant({ kind: 'cel', expression: 'size(outputs.Report.out) * 2' }, outcome).score).toBe(10);
    expect(scoreVariant({ kind: 'cel', expression: 'costUsd < 0.5' }, outcome).score).toBe(1);
    expect(scoreVariant({ kind: 'cel', expression: 'outputs.Report.out' }, outcome)).toMatchObject({
      score: null,
      detail: 'The score expression gave "hello", not a number or true/false.',
    });
    expect(scoreVariant({ kind: 'cel', expression: 'outputs.Missing.out' }, outcome).detail).toMatch(
      /^The score expression could not be evaluated: /,
    );
    expect(scoreVariant({ kind: 'tests' }, outcome)).toMatchObject({
      score: null,
      detail: 'The flow has no tests to score it by.',
    });
  });
  it('breaks a tie in score by cost, then by the order the variants were listed', () => {
    const variants = ['r1', 'r2', 'r3'].map((runId) => ({
      label: runId,
      runId: runId as never,
      change: { kind: 'model' as const, stepId: 's' as never, modelId: 'm' as never },
    }));
    const result = (runId: string, score: number | null, costUsd: number) => ({
      runId: runId as never,
      status: 'succeeded' as const,
      score,
      costUsd,
      tokens: 0,
      detail: '',
    });
    expect(rankVariants(variants, [result('r1', 2, 0.2), result('r2', 2, 0.1), result('r3', 3, 0.9)])).toEqual({
      ranking: ['r3', 'r2', 'r1'],
      winner: 'r3',
    });
    expect(rankVariants(variants, [result('r1', 1, 0), result('r2', 1, 0), result('r3', null, 0)])).toEqual({
      ranking: ['r1', 'r2', 'r3'],
      winner: 'r1',
    });
    expect(rankVariants(variants, [result('r1', null, 0), result('r2', null, 0)]).winner).toBeNull();
  });
});

describe('exploring prompts of an LLM step', () => {
  /** An LLM that answers with the prompt it was sent, so each prompt gives its own answer. */
  class EchoLlm implements LlmClient {
    readonly prompts: string[] = [];
    complete(request: LlmRequest) {
      const prompt = request.messages.at(-1)?.content ?? '';
      this.prompts.push(prompt);
      return Promise.resolve({
        ok: true as const,
        text: prompt,
        usage: { promptTokens: 10, completionTokens: 5 },
        durationMs: 2,
        finishReason: 'stop',
      });
    }
  }

  it('runs each prompt as a model of its own, and promotes the winner’s as the step’s model', async () => {
    const llm = new EchoLlm();
    const studio = await new TestStudio(sha256, behaviours, undefined, llm).open();
    const writer = await studio.define({
      kind: 'llm',
      name: 'Writer',
      baseUrl: 'http://127.0.0.1:9/v1',
      model: 'echo',
      prompt: 'Write about {{in}}',
      inputs: [{ name: 'in', type: 'text' }],
      outputs: [{ name: 'out', type: 'text' }],
    });
    const flowId = await studio.do({ type: 'createFlow', name: 'Flow' });
    const stepId = await studio.do({
      type: 'addStep',
      flowId,
      modelId: writer,
      label: 'Write',
      position: { x: 0, y: 0 },
    });
    const parentId = await studio.do({ type: 'startRun', flowId, input: 'cats' });
    await studio.conductor.whenIdle();
    const atSeq = studio.events.filter((e) => e.runId === parentId).at(-1)?.seq ?? -1;
    const prompt = (text: string) => ({ change: { kind: 'prompt' as const, stepId, prompt: text } });
    const exploreId = await studio.do({
      type: 'startExplore',
      runId: parentId,
      atSeq,
      variants: [prompt('Write a long essay about {{in}}'), prompt('Say {{in}}')],
      score: { kind: 'cel', expression: '100 - size(outputs["Write"].out)' },
    });
    await studio.conductor.whenIdle();
    expect(llm.prompts.slice(1).sort()).toEqual(['Say cats', 'Write a long essay about cats']);
    const models = [...studio.definitions.models.values()].map((m) => m.name);
    expect(models).toEqual(['Writer', 'Writer · prompt A', 'Writer · prompt B']);
    expect(startedOf(studio).variants.map((v) => v.label)).toEqual([
      'A: “Write” with prompt “Write a long essay about {{in}}”',
      'B: “Write” with prompt “Say {{in}}”',
    ]);

    await studio.do({ type: 'scoreExplore', exploreId });
    expect(scoredOf(studio).winner).toBe(startedOf(studio).variants[1]?.runId);
    await studio.do({ type: 'promoteExplore', exploreId });
    const promoted = studio.definitions.flows.get(flowId as never)?.steps.get(stepId as never)?.modelId;
    expect(studio.definitions.models.get(promoted as never)).toMatchObject({
      name: 'Writer · prompt B',
      prompt: 'Say {{in}}',
    });
  });

  it('refuses a prompt variant of a step whose model has no prompt', async () => {
    const { studio, steps, parentId, atSeq } = await setUp();
    const result = await studio.try({
      type: 'startExplore',
      runId: parentId,
      atSeq,
      variants: [
        { change: { kind: 'prompt', stepId: steps.b, prompt: 'x' } },
        { change: { kind: 'prompt', stepId: steps.b, prompt: 'y' } },
      ],
      score: { kind: 'tests' },
    });
    expect(result.ok ? '' : result.error.message).toBe(
      'Step “Answer” runs a script model, which has no prompt to vary.',
    );
    expect(studio.events.some((e) => e.type === 'model.saved' && e.data.model.name.includes('prompt'))).toBe(false);
  });
});
