import type { FlowTest, FlowTestResult } from './flowTestSchema';

/** Runs one test to its verdict: start its run, wait for it to finish, judge it (and record the result). */
export type RunOneTest = (test: FlowTest) => Promise<FlowTestResult>;

/** A test's verdict, or the sentence saying why its run could not even start. */
export type TestOutcome = FlowTestResult | { testId: string; passed: false; error: string };

/**
 * Runs tests in parallel, at most `concurrency` at once (the conductor's limit on agents, shared
 * by every run), and returns their results in the tests' order. A test whose run could not even
 * start comes back failed with that sentence, so one broken test never hides the others.
 */
export async function runFlowTests(
  tests: readonly FlowTest[],
  runOne: RunOneTest,
  concurrency: number,
): Promise<TestOutcome[]> {
  const results: TestOutcome[] = [];
  let next = 0;
  const worker = async () => {
    while (next < tests.length) {
      const index = next++;
      const test = tests[index] as FlowTest;
      try {
        results[index] = await runOne(test);
      } catch (error) {
        results[index] = {
          testId: test.testId,
          passed: false,
          error: error instanceof Error ? error.message : String(error),
        };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, tests.length)) }, worker));
  return results;
}
