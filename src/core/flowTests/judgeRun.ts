import type { ArtifactHash } from '../ids';
import type { RunState } from '../run/runState';
import { evaluateFlowTest, type ActualRun } from './evaluateFlowTest';
import type { FlowTest, FlowTestResult } from './flowTestSchema';

/** Reads an artifact's value by hash (the artifact store, through whatever the caller has). */
export type ReadValue = (hash: ArtifactHash) => Promise<unknown>;

/**
 * Loads the outputs a test looks at from a finished run and judges it. Only the expected outputs
 * are read, so a run with large artifacts elsewhere costs nothing extra.
 */
export async function judgeRun(test: FlowTest, run: RunState, read: ReadValue): Promise<FlowTestResult> {
  const values = new Map<string, { value: unknown }>();
  for (const e of test.expectations) {
    const ref = run.steps.get(e.stepId)?.outputs[e.port];
    if (ref) values.set(`${e.stepId}\u0000${e.port}`, { value: await read(ref.hash) });
  }
  const status = run.status === 'running' ? 'interrupted' : run.status;
  const actual: ActualRun = {
    runId: run.runId,
    status,
    output: (stepId, port) => values.get(`${stepId}\u0000${port}`),
    label: (stepId) => run.plan.steps.find((s) => s.stepId === stepId)?.label,
  };
  return evaluateFlowTest(test, actual);
}
