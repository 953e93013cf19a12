import { artifactValue } from '../core/artifacts/artifactRecord';
import type { FlowTest, FlowTestResult } from '../core/flowTests/flowTestSchema';
import { judgeRun, type ReadValue } from '../core/flowTests/judgeRun';
import { runFlowTests, type TestOutcome } from '../core/flowTests/runFlowTests';
import type { RunId } from '../core/ids';
import type { RunState } from '../core/run/runState';
import type { ProjectSession } from './projectSession';

/** Reads an artifact's value through the session, or says which is missing. */
export const sessionReader =
  (session: ProjectSession): ReadValue =>
  async (hash) => {
    const record = await session.readArtifact(hash);
    if (!record) throw new Error(`An artifact (${hash.slice(0, 12)}…) is missing from this browser’s storage.`);
    return artifactValue(record);
  };

/** Resolves when the run has ended, as the session's view folds its run.finished. */
function finishedRun(session: ProjectSession, runId: RunId): Promise<RunState> {
  return new Promise((resolve) => {
    let stop: (() => void) | undefined;
    const check = () => {
      const run = session.getView().runs.runs.get(runId);
      if (!run || run.status === 'running') return false;
      stop?.();
      resolve(run);
      return true;
    };
    if (!check()) stop = session.subscribe(check);
  });
}

/** One test, as the headless runner does it: a run with its pins given, judged, and the verdict recorded. */
export async function runTestInSession(session: ProjectSession, test: FlowTest): Promise<FlowTestResult> {
  const started = await session.execute({ type: 'runFlowTest', testId: test.testId });
  if (!started.ok) throw new Error(started.error.message);
  const run = await finishedRun(session, started.createdId as RunId);
  const result = await judgeRun(test, run, sessionReader(session));
  const recorded = await session.execute({ type: 'recordFlowTestResult', result });
  if (!recorded.ok) throw new Error(recorded.error.message);
  return result;
}

/**
 * Tests started at once: the conductor's default limit on agents running at the same time
 * (defaultLimits in conductor.ts, not imported so the panel's chunk stays free of the conductor).
 * The conductor still enforces its own limit across every run.
 */
const TESTS_AT_ONCE = 20;

/** Every test at once, as many in parallel as the conductor runs agents. */
export const runTestsInSession = (session: ProjectSession, tests: readonly FlowTest[]): Promise<TestOutcome[]> =>
  runFlowTests(tests, (test) => runTestInSession(session, test), TESTS_AT_ONCE);
