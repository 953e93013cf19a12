import { describe, expect, it } from 'vitest';
import { evaluateFlowTest, type ActualRun } from './evaluateFlowTest';
import { containsSubset } from './jsonSubset';
import type { Expectation, FlowTest } from './flowTestSchema';

const test = (...expectations: Expectation[]): FlowTest => ({
  testId: 't1',
  flowId: 'f1' as never,
  name: 'T',
  input: 'x',
  expectations,
  pins: [],
});
const on = (kind: Expectation['kind'], rest: Record<string, unknown>): Expectation =>
  ({ kind, stepId: 's1', port: 'out', ...rest }) as Expectation;
const run = (value: unknown, status: ActualRun['status'] = 'succeeded'): ActualRun => ({
  runId: 'r1' as never,
  status,
  output: (stepId, port) => (stepId === 's1' && port === 'out' && value !== undefined ? { value } : undefined),
  label: () => 'Review',
});

describe('flow test expectations', () => {
  it('exact: equal text passes, other text fails with both sides for the diff', () => {
    expect(evaluateFlowTest(test(on('exact', { value: 'hello' })), run('hello')).passed).toBe(true);
    const result = evaluateFlowTest(test(on('exact', { value: 'hello' })), run('hullo'));
    expect(result.passed).toBe(false);
    expect(result.expectations[0]).toMatchObject({
      expected: 'hello',
      actual: 'hullo',
      message: '“Review” → out is not what the test expects.',
    });
  });

  it('exact: JSON is compared by structure, not by key order', () => {
    expect(evaluateFlowTest(test(on('exact', { value: { a: 1, b: [1, 2] } })), run({ b: [1, 2], a: 1 })).passed).toBe(
      true,
    );
    expect(evaluateFlowTest(test(on('exact', { value: { a: 1 } })), run({ a: 1, b: 2 })).passed).toBe(false);
    // text "1" is not the number 1
    expect(evaluateFlowTest(test(on('exact', { value: 1 })), run('1')).passed).toBe(false);
  });

  it('subset: extra fields pass, a changed or missing field fails, and the diff shows only the named fields', () => {
    expect(
      evaluateFlowTest(test(on('subset', { value: { verdict: 'ok' } })), run({ verdict: 'ok', notes: 'long' })).passed,
    ).toBe(true);
    const changed = evaluateFlowTest(
      test(on('subset', { value: { verdict: 'ok' } })),
      run({ verdict: 'bad', notes: 'long' }),
    );
    expect(changed.passed).toBe(false);
    expect(changed.expectations[0]?.actual).toBe('{\n  "verdict": "bad"\n}');
    expect(evaluateFlowTest(test(on('subset', { value: { verdict: 'ok' } })), run({ notes: 'long' })).passed).toBe(
      false,
    );
  });

  it('subset: nested objects and lists item by item', () => {
    expect(
      containsSubset(
        { a: { b: 1, c: 2 }, list: [{ id: 1, x: 0 }, { id: 2 }] },
        { a: { b: 1 }, list: [{ id: 1 }, { id: 2 }] },
      ),
    ).toBe(true);
    expect(containsSubset({ list: [{ id: 1 }, { id: 2 }] }, { list: [{ id: 1 }] })).toBe(false);
    expect(containsSubset({ list: [{ id: 2 }, { id: 1 }] }, { list: [{ id: 1 }, { id: 2 }] })).toBe(false);
    expect(containsSubset('text', 'text')).toBe(true);
    expect(containsSubset([1], { 0: 1 })).toBe(false);
  });

  it('cel: a true predicate passes, a false one fails, one that throws fails with its reason', () => {
    const value = { score: 0.8, items: [1, 2, 3] };
    expect(
      evaluateFlowTest(test(on('cel', { predicate: 'artifact.score > 0.5 && artifact.items.size() == 3' })), run(value))
        .passed,
    ).toBe(true);
    const falsy = evaluateFlowTest(test(on('cel', { predicate: 'artifact.score > 0.9' })), run(value));
    expect(falsy.expectations[0]).toMatchObject({
      passed: false,
      message: 'The predicate is false for “Review” → out.',
    });
    const broken = evaluateFlowTest(test(on('cel', { predicate: 'artifact.missing.deeper > 1' })), run(value));
    expect(broken.passed).toBe(false);
    expect(broken.expectations[0]?.message).toMatch(/^The predicate could not be evaluated on “Review” → out: /);
    const notBoolean = evaluateFlowTest(test(on('cel', { predicate: 'artifact.score' })), run(value));
    expect(notBoolean.expectations[0]?.message).toBe('The predicate gave 0.8, not true or false.');
  });

  it('cel over text: string functions work on a text artifact', () => {
    expect(
      evaluateFlowTest(
        test(on('cel', { predicate: 'artifact.startsWith("CODE") && artifact.contains("!")' })),
        run('CODE!'),
      ).passed,
    ).toBe(true);
  });

  it('fails when the output is missing, or the run failed, whatever the expectations say', () => {
    const missing = evaluateFlowTest(test(on('exact', { value: 'x' })), run(undefined));
    expect(missing.expectations[0]?.message).toBe('“Review” → out produced nothing, so there was nothing to compare.');
    const failedRun = evaluateFlowTest(test(on('cel', { predicate: 'true' })), run('x', 'failed'));
    expect(failedRun.expectations[0]?.passed).toBe(true);
    expect(failedRun).toMatchObject({ passed: false, runStatus: 'failed' });
  });
});
