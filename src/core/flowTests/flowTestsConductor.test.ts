import { describe, expect, it } from 'vitest';
import { sha256 } from '../../runtime/sha256';
import { artifactValue } from '../artifacts/artifactRecord';
import type { LlmClient, LlmRequest } from '../ports/ports';
import type { ArtifactHash, RunId, StepId } from '../ids';
import type { RunState } from '../run/runState';
import { TestStudio, emitAll } from '../testing/testStudio';
import { foldAllFlowTests } from './flowTestsState';
import { judgeRun } from './judgeRun';
import { runFlowTests } from './runFlowTests';
import { testFromRun } from './testFromRun';
import type { FlowTest } from './flowTestSchema';

class CountingLlm implements LlmClient {
  readonly requests: LlmRequest[] = [];
  constructor(private readonly answer: string) {}
  complete(request: LlmRequest) {
    this.requests.push(request);
    return Promise.resolve({
      ok: true as const,
      text: this.answer,
      usage: { promptTokens: 10, completionTokens: 5 },
      durationMs: 2,
      finishReason: 'stop',
    });
  }
}

/** writer (an LLM) → shout (a script) : the LLM is what a test pins. */
async function setup(answer = 'a poem') {
  const llm = new CountingLlm(answer);
  let shout = (i: Record<string, unknown>) => `${String(i.in).toUpperCase()}!`;
  const studio = await new TestStudio(sha256, { shout: emitAll((i) => shout(i)) }, undefined, llm).open();
  const flowId = await studio.do({ type: 'createFlow', name: 'Flow' });
  const writer = await studio.define({
    kind: 'llm',
    name: 'Writer',
    baseUrl: 'http://127.0.0.1:9/v1',
    model: 'echo',
    prompt: 'Write about {{in}}',
    inputs: [{ name: 'in', type: 'text' }],
    outputs: [{ name: 'out', type: 'text' }],
  });
  const shoutModel = await studio.model('Shout', ['in'], ['out'], 'shout');
  const w = (await studio.do({ type: 'addStep', flowId, modelId: writer, position: { x: 0, y: 0 } })) as StepId;
  const s = (await studio.do({ type: 'addStep', flowId, modelId: shoutModel, position: { x: 200, y: 0 } })) as StepId;
  await studio.do({ type: 'connect', flowId, source: { stepId: w, port: 'out' }, target: { stepId: s, port: 'in' } });
  const read = async (hash: ArtifactHash) => {
    const record = await studio.artifacts.get(hash);
    if (!record) throw new Error('artifact missing');
    return artifactValue(record);
  };
  const finished = async (runId: string): Promise<RunState> => {
    await studio.conductor.whenIdle();
    return studio.runs.runs.get(runId as RunId) as RunState;
  };
  /** What the Tests panel and the headless runner do: run the test, judge it, record the verdict. */
  const runOne = async (test: FlowTest) => {
    const run = await finished(await studio.do({ type: 'runFlowTest', testId: test.testId }));
    const result = await judgeRun(test, run, read);
    await studio.do({ type: 'recordFlowTestResult', result });
    return result;
  };
  return { studio, llm, flowId, w, s, read, finished, runOne, breakShout: (fn: typeof shout) => (shout = fn) };
}

describe('flow tests in the conductor', () => {
  it('saves a run as a test with the LLM step pinned; running it never calls the model and passes', async () => {
    const { studio, llm, flowId, w, s, read, finished, runOne } = await setup();
    const recorded = await finished(await studio.do({ type: 'startRun', flowId, input: 'cats' }));
    expect(recorded.status).toBe('succeeded');
    expect(llm.requests).toHaveLength(1);
    const draft = await testFromRun(
      recorded,
      'cats',
      { name: 'Shouts the poem', expect: [{ stepId: s, port: 'out', kind: 'exact' }], pin: [w] },
      read,
    );
    expect(draft.pins).toEqual([{ stepId: w, port: 'out', text: 'a poem' }]);
    const testId = await studio.do({ type: 'saveFlowTest', test: draft });
    const test = foldAllFlowTests(studio.events).tests.get(testId) as FlowTest;

    const result = await runOne(test);
    expect(result.passed).toBe(true);
    expect(result.expectations[0]).toMatchObject({ expected: 'A POEM!', actual: 'A POEM!' });
    // The pinned LLM step was settled from its pin: no second request, no agent for it.
    expect(llm.requests).toHaveLength(1);
    const spawnedFor = studio.events
      .filter((e) => e.type === 'agent.spawned' && e.runId === result.runId)
      .map((e) => (e.type === 'agent.spawned' ? e.data.stepId : ''));
    expect(spawnedFor).toEqual([s]);
    expect(
      foldAllFlowTests(studio.events)
        .history.get(testId)
        ?.map((o) => o.result.passed),
    ).toEqual([true]);
  });

  it('a broken model makes the test fail with expected and actual; fixed, it passes again', async () => {
    const { studio, flowId, w, s, read, finished, runOne, breakShout } = await setup();
    const recorded = await finished(await studio.do({ type: 'startRun', flowId, input: 'cats' }));
    const testId = await studio.do({
      type: 'saveFlowTest',
      test: await testFromRun(
        recorded,
        'cats',
        { name: 'T', expect: [{ stepId: s, port: 'out', kind: 'exact' }], pin: [w] },
        read,
      ),
    });
    const test = foldAllFlowTests(studio.events).tests.get(testId) as FlowTest;
    breakShout((i) => String(i.in));
    const failed = await runOne(test);
    expect(failed.passed).toBe(false);
    expect(failed.expectations[0]).toMatchObject({ expected: 'A POEM!', actual: 'a poem' });
    breakShout((i) => `${String(i.in).toUpperCase()}!`);
    expect((await runOne(test)).passed).toBe(true);
    expect(
      foldAllFlowTests(studio.events)
        .history.get(testId)
        ?.map((o) => o.result.passed),
    ).toEqual([false, true]);
  });

  it('refuses a test that pins only part of a step, names a missing port, or has a broken predicate', async () => {
    const { studio, flowId, w, s } = await setup();
    const base = { flowId, name: 'T', input: 'x', pins: [] };
    const badPort = await studio.try({
      type: 'saveFlowTest',
      test: { ...base, expectations: [{ kind: 'exact', stepId: s, port: 'nope', value: 'x' }] },
    });
    expect(badPort.ok ? '' : badPort.error.message).toBe('Step “Shout” has no output called “nope” to expect.');
    const badCel = await studio.try({
      type: 'saveFlowTest',
      test: { ...base, expectations: [{ kind: 'cel', stepId: s, port: 'out', predicate: 'artifact >' }] },
    });
    expect(badCel.ok ? '' : badCel.error.message).toMatch(
      /^The expectation on “Shout” → out is not a valid CEL predicate/,
    );
    const badPin = await studio.try({
      type: 'saveFlowTest',
      test: {
        ...base,
        expectations: [{ kind: 'cel', stepId: s, port: 'out', predicate: 'true' }],
        pins: [{ stepId: w, port: 'nope', text: 'x' }],
      },
    });
    expect(badPin.ok ? '' : badPin.error.message).toBe('Step “Writer” has no output called “nope” to pin.');
    expect(foldAllFlowTests(studio.events).tests.size).toBe(0);
  });

  it('runs several tests in parallel within the limit, results in order, and removes a test with its history', async () => {
    const { studio, flowId, w, s, runOne } = await setup();
    const ids: string[] = [];
    for (const word of ['one', 'two', 'three']) {
      ids.push(
        await studio.do({
          type: 'saveFlowTest',
          test: {
            flowId,
            name: word,
            input: word,
            expectations: [{ kind: 'cel', stepId: s, port: 'out', predicate: `artifact == "${word.toUpperCase()}!"` }],
            pins: [{ stepId: w, port: 'out', text: word }],
          },
        }),
      );
    }
    const tests = ids.map((id) => foldAllFlowTests(studio.events).tests.get(id) as FlowTest);
    const results = await runFlowTests(tests, runOne, 2);
    expect(results.map((r) => [r.testId, r.passed])).toEqual(ids.map((id) => [id, true]));
    await studio.do({ type: 'removeFlowTest', testId: ids[0] as string });
    const after = foldAllFlowTests(studio.events);
    expect([...after.tests.keys()]).toEqual(ids.slice(1));
    expect(after.history.has(ids[0] as string)).toBe(false);
  });
});
