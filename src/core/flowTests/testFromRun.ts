import type { StepId } from '../ids';
import type { RunState } from '../run/runState';
import { showValue } from './evaluateFlowTest';
import type { Expectation, ExpectationKind, FlowTest, Pin } from './flowTestSchema';
import type { ReadValue } from './judgeRun';

/** What a person picked in “Save as test”: per output an expectation kind, and the steps to pin. */
export interface TestPicks {
  name: string;
  expect: ReadonlyArray<{ stepId: StepId; port: string; kind: ExpectationKind; predicate?: string }>;
  /** Steps whose recorded outputs are given instead of running their models (say, an LLM step). */
  pin: readonly StepId[];
}

/** JSON text for a pin, as startRun's given outputs take it: text as it is, anything else as JSON. */
const pinText = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));

/**
 * A test drafted from a finished run: its input, and the run's own outputs as the expected values
 * (exact and subset both start from the whole recorded value; a person may trim a subset) and as
 * the pins. The conductor checks it again when it is saved.
 */
export async function testFromRun(
  run: RunState,
  input: string,
  picks: TestPicks,
  read: ReadValue,
): Promise<Omit<FlowTest, 'testId'>> {
  const expectations: Expectation[] = [];
  for (const pick of picks.expect) {
    const ref = run.steps.get(pick.stepId)?.outputs[pick.port];
    const base = { stepId: pick.stepId, port: pick.port };
    if (pick.kind === 'cel') {
      expectations.push({ ...base, kind: 'cel', predicate: pick.predicate ?? 'artifact != null' });
      continue;
    }
    if (!ref) continue;
    const value = (await read(ref.hash)) as Extract<Expectation, { kind: 'exact' }>['value'];
    expectations.push(pick.kind === 'exact' ? { ...base, kind: 'exact', value } : { ...base, kind: 'subset', value });
  }
  const pins: Pin[] = [];
  for (const stepId of picks.pin) {
    const step = run.steps.get(stepId);
    for (const [port, ref] of Object.entries(step?.outputs ?? {}))
      pins.push({ stepId, port, text: pinText(await read(ref.hash)) });
  }
  return { flowId: run.flowId, name: picks.name, input, expectations, pins, fromRunId: run.runId };
}

/** For a person: what a recorded value looks like in the picker (short). */
export const preview = (value: unknown, max = 80): string => {
  const text = showValue(value).replace(/\s+/g, ' ');
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
};
