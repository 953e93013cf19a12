import { command, defineFeature, type ConductorFold, type PlanContext } from '../feature/feature';
import { flowTestsFold } from '../flowTests/flowTestsFeature';
import { promoteExploreSchema, scoreExploreSchema, startExploreSchema, type ExploreCommand } from './exploreCommands';
import { exploreEventSchemas } from './exploreSchema';
import { emptyExplorations, foldExplorations, type ExploreState } from './exploreState';
import { planExploreCommand } from './planExploreCommands';

/** The project's explorations (variants started, scored, promoted), as the conductor keeps them. */
export const explorationsFold: ConductorFold<ExploreState> = {
  initial: () => emptyExplorations,
  fold: foldExplorations,
};

const plan = (cmd: ExploreCommand, context: PlanContext) =>
  planExploreCommand(
    context.defs,
    context.stateOf(explorationsFold),
    context.stateOf(flowTestsFold),
    cmd,
    context.ports,
  );

/**
 * Explorations: N forks of a run, each with one variant of a step (another model, other settings,
 * another prompt), scored by the flow's tests or an expression, ranked, and the winner promoted.
 */
export const exploreFeature = defineFeature({
  name: 'explore',
  events: exploreEventSchemas,
  commands: [
    command(startExploreSchema, { wakesLoop: true, plan }),
    command(scoreExploreSchema, { wakesLoop: false, plan }),
    command(promoteExploreSchema, { wakesLoop: false, plan }),
  ],
  conductorFold: explorationsFold,
});
