import { command, defineFeature, type ConductorFold, type PlanContext } from '../feature/feature';
import type { FlowTestCommand } from './flowTestCommands';
import {
  recordFlowTestResultSchema,
  removeFlowTestSchema,
  runFlowTestSchema,
  saveFlowTestSchema,
} from './flowTestCommands';
import { flowTestEventSchemas } from './flowTestSchema';
import { emptyFlowTests, foldFlowTests, type FlowTestsState } from './flowTestsState';
import { planFlowTestCommand } from './planFlowTestCommands';

/** The project's flow tests and their results, as the conductor keeps them (explorations score by them too). */
export const flowTestsFold: ConductorFold<FlowTestsState> = { initial: () => emptyFlowTests, fold: foldFlowTests };

const plan = (cmd: FlowTestCommand, context: PlanContext) =>
  planFlowTestCommand(context.defs, context.stateOf(flowTestsFold), cmd, context.ports);

/**
 * Flow tests: a run saved as a test (its input, pinned outputs, expectations), run again on demand
 * and judged, with each verdict kept as the test's history. The page folds them on demand
 * (ProjectSession.flowTests), so they have no view of their own here.
 */
export const flowTestsFeature = defineFeature({
  name: 'flowTests',
  events: flowTestEventSchemas,
  commands: [
    command(saveFlowTestSchema, { wakesLoop: false, plan }),
    command(removeFlowTestSchema, { wakesLoop: false, plan }),
    command(runFlowTestSchema, { wakesLoop: true, plan }),
    command(recordFlowTestResultSchema, { wakesLoop: false, plan }),
  ],
  conductorFold: flowTestsFold,
});
