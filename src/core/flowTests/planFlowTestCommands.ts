import { StudioError } from '../errors/studioError';
import { artifactFromText } from '../artifacts/artifactFromText';
import type { Sha256 } from '../events/hashChain';
import type { ProjectDefinitions, FlowDefinition } from '../project/projectState';
import type { PlannedCommand } from '../feature/feature';
import { planStartRun } from '../running/planRunCommands';
import type { ConductorPorts } from '../ports/ports';
import type { Port } from '../events/primitives';
import { checkPredicate } from './evaluateFlowTest';
import type { FlowTest } from './flowTestSchema';
import type { FlowTestsState } from './flowTestsState';
import type { FlowTestCommand } from './flowTestCommands';

const NOTHING_SAVED = 'Fix it and save again; nothing was saved.';

function outputsOf(
  defs: ProjectDefinitions,
  flow: FlowDefinition,
  stepId: string,
): { label: string; outputs: readonly Port[] } {
  const step = flow.steps.get(stepId as never);
  if (!step)
    throw new StudioError(
      'not-found',
      `The test names a step (${stepId}) that is not in flow “${flow.name}”.`,
      NOTHING_SAVED,
    );
  const model = defs.models.get(step.modelId);
  if (!model)
    throw new StudioError('not-found', `Step “${step.label}” uses a model that no longer exists.`, NOTHING_SAVED);
  return { label: step.label, outputs: model.outputs };
}

/**
 * A test is checked against the flow as it is now: its steps and ports exist, its CEL predicates
 * compile, and its pins parse for their ports and cover every output of a pinned step (a step
 * with an output left unpinned would still run its model, which a pin promises it will not).
 */
async function checkTest(defs: ProjectDefinitions, test: FlowTest, sha256: Sha256): Promise<void> {
  const flow = defs.flows.get(test.flowId);
  if (!flow)
    throw new StudioError(
      'not-found',
      'That flow no longer exists, so the test cannot be saved.',
      'Pick a flow from the list.',
    );
  for (const e of test.expectations) {
    const { label, outputs } = outputsOf(defs, flow, e.stepId);
    if (!outputs.some((p) => p.name === e.port))
      throw new StudioError(
        'invalid-command',
        `Step “${label}” has no output called “${e.port}” to expect.`,
        NOTHING_SAVED,
      );
    if (e.kind === 'cel') {
      const problem = checkPredicate(e.predicate);
      if (problem)
        throw new StudioError(
          'invalid-command',
          `The expectation on “${label}” → ${e.port} ${problem}.`,
          NOTHING_SAVED,
        );
    }
  }
  const pinnedPorts = new Map<string, Set<string>>();
  for (const pin of test.pins) {
    const { label, outputs } = outputsOf(defs, flow, pin.stepId);
    const port = outputs.find((p) => p.name === pin.port);
    if (!port)
      throw new StudioError(
        'invalid-command',
        `Step “${label}” has no output called “${pin.port}” to pin.`,
        NOTHING_SAVED,
      );
    const parsed = await artifactFromText(pin.text, port.type, sha256);
    if (!parsed.ok)
      throw new StudioError(
        'invalid-command',
        `The pinned output “${label}” → ${pin.port} ${parsed.reason}.`,
        NOTHING_SAVED,
      );
    pinnedPorts.set(pin.stepId, (pinnedPorts.get(pin.stepId) ?? new Set()).add(pin.port));
  }
  for (const [stepId, ports] of pinnedPorts) {
    const { label, outputs } = outputsOf(defs, flow, stepId);
    const missing = outputs.filter((p) => !ports.has(p.name)).map((p) => p.name);
    if (missing.length > 0)
      throw new StudioError(
        'invalid-command',
        `Step “${label}” is pinned, but not its output${missing.length === 1 ? '' : 's'} ${missing.join(', ')}: a pinned step must have every output pinned, or its model would run.`,
        NOTHING_SAVED,
      );
  }
}

function testOf(tests: FlowTestsState, testId: string): FlowTest {
  const test = tests.tests.get(testId);
  if (!test) throw new StudioError('not-found', 'That test no longer exists.', 'Pick a test from the Tests panel.');
  return test;
}

/** Flow-test commands become events; running a test is a run with its input and its pins given. */
export async function planFlowTestCommand(
  defs: ProjectDefinitions,
  tests: FlowTestsState,
  cmd: FlowTestCommand,
  ports: ConductorPorts,
): Promise<PlannedCommand> {
  switch (cmd.type) {
    case 'saveFlowTest': {
      const testId = cmd.test.testId ?? ports.newId('test');
      const test: FlowTest = { ...cmd.test, testId };
      await checkTest(defs, test, ports.sha256);
      return { drafts: [{ type: 'flowTest.saved', data: { test } }], createdId: testId };
    }
    case 'removeFlowTest':
      testOf(tests, cmd.testId);
      return { drafts: [{ type: 'flowTest.removed', data: { testId: cmd.testId } }] };
    case 'runFlowTest': {
      const test = testOf(tests, cmd.testId);
      // Pins are given outputs: their steps count as done from the start, and no agent is sent for them.
      return planStartRun(defs, test.flowId, test.input, ports, test.pins);
    }
    case 'recordFlowTestResult':
      testOf(tests, cmd.result.testId);
      return { drafts: [{ type: 'flowTest.evaluated', data: { result: cmd.result } }] };
  }
}
