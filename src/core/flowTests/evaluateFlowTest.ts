import { parse } from '../cel/celParse';
import type { RunId } from '../ids';
import { containsSubset, projectOnto, sameJson } from './jsonSubset';
import type { Expectation, ExpectationResult, FlowTest, FlowTestResult } from './flowTestSchema';

/** What a finished run produced, as the evaluator needs it: values already read from the artifact store. */
export interface ActualRun {
  runId: RunId;
  status: 'succeeded' | 'failed' | 'interrupted';
  /** The value of one output of one step, or `undefined` when the run produced none there. */
  output(stepId: string, port: string): { value: unknown } | undefined;
  /** The step's label, for sentences (falls back to its id). */
  label?(stepId: string): string | undefined;
}

/** Text for a diff: strings as they are, anything else as indented JSON with sorted keys. */
export function showValue(value: unknown): string {
  if (typeof value === 'string') return value;
  return JSON.stringify(sortKeys(value), null, 2) ?? String(value);
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(record)
        .sort()
        .map((k) => [k, sortKeys(record[k])]),
    );
  }
  return value;
}

const clip = (text: string): string => (text.length > 200_000 ? `${text.slice(0, 199_990)}\n…(cut)` : text);

/** Compiles a CEL predicate, or says why it is not one; used when a test is saved. */
export function checkPredicate(source: string): string | undefined {
  try {
    parse(source);
    return undefined;
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    return `is not a valid CEL predicate: ${text.split('\n')[0] ?? text}`;
  }
}

function judge(expectation: Expectation, produced: { value: unknown } | undefined, where: string): ExpectationResult {
  const base = { stepId: expectation.stepId, port: expectation.port, kind: expectation.kind };
  const expectedText = expectation.kind === 'cel' ? expectation.predicate : showValue(expectation.value);
  if (!produced)
    return {
      ...base,
      passed: false,
      expected: clip(expectedText),
      actual: '',
      message: `${where} produced nothing, so there was nothing to compare.`,
    };
  const actual = produced.value;
  switch (expectation.kind) {
    case 'exact': {
      const passed = sameJson(actual, expectation.value);
      return {
        ...base,
        passed,
        expected: clip(expectedText),
        actual: clip(showValue(actual)),
        ...(passed ? {} : { message: `${where} is not what the test expects.` }),
      };
    }
    case 'subset': {
      const passed = containsSubset(actual, expectation.value);
      // Only the fields the expectation names are shown, so the diff is about them.
      const shown = showValue(projectOnto(actual, expectation.value));
      return {
        ...base,
        passed,
        expected: clip(expectedText),
        actual: clip(shown),
        ...(passed ? {} : { message: `${where} does not contain what the test expects.` }),
      };
    }
    case 'cel': {
      let verdict: unknown;
      try {
        verdict = parse(expectation.predicate)({ artifact: actual });
      } catch (error) {
        const text = error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error);
        return {
          ...base,
          passed: false,
          expected: clip(expectedText),
          actual: clip(showValue(actual)),
          message: `The predicate could not be evaluated on ${where}: ${text}.`,
        };
      }
      const passed = verdict === true;
      const message = passed
        ? undefined
        : typeof verdict === 'boolean'
          ? `The predicate is false for ${where}.`
          : `The predicate gave ${showValue(verdict)}, not true or false.`;
      return {
        ...base,
        passed,
        expected: clip(expectedText),
        actual: clip(showValue(actual)),
        ...(message ? { message } : {}),
      };
    }
  }
}

/**
 * Judges a finished run against a test: pass when the run succeeded and every expectation holds.
 * Pure and total: a missing output, a predicate that throws, a run that failed all become
 * failures with a sentence, never an exception.
 */
export function evaluateFlowTest(test: FlowTest, run: ActualRun): FlowTestResult {
  const expectations = test.expectations.map((e) => {
    const where = `“${run.label?.(e.stepId) ?? e.stepId}” → ${e.port}`;
    return judge(e, run.output(e.stepId, e.port), where);
  });
  return {
    testId: test.testId,
    runId: run.runId,
    passed: run.status === 'succeeded' && expectations.every((e) => e.passed),
    runStatus: run.status,
    expectations,
  };
}
