import { z } from 'zod';
import { StudioError } from '../errors/studioError';
import { runIdSchema } from '../events/primitives';
import { command, defineFeature, type ConductorFold, type PageFold } from '../feature/feature';
import { BUS_RUN_EVENT_TYPES, busEventSchemas } from './busEvents';
import { BusIndex } from './busIndex';
import { busScopeSchema } from './busLimits';
import { emptyBusView, foldBusView, type BusView } from './busView';
import { planBusPost } from './planBusPost';

/** The conductor's index of the bus (see busIndex.ts), folded one event at a time. */
export const busIndexFold: ConductorFold<BusIndex> = {
  initial: () => new BusIndex(),
  fold: (index, event) => {
    index.observe(event);
    return index;
  },
};

const busPageFold: PageFold<'bus', BusView> = { key: 'bus', initial: emptyBusView, fold: foldBusView };

/**
 * The message bus (seed 004): agents post, read, wait for and claim through ctx.bus (mediated by
 * the conductor, see agentBus.ts); a person or an outside caller posts with `postToBus`; listen
 * steps (kinds/listen) become due when a message they filter for arrives. Messages are events, so
 * they are ordered, hash-chained, replayed and exported with the log.
 */
export const busFeature = defineFeature({
  name: 'bus',
  events: busEventSchemas,
  runEventTypes: BUS_RUN_EVENT_TYPES,
  commands: [
    /** A person (or the REST API) posts a message into a going run's tree, or the project. */
    command(
      z.strictObject({
        type: z.literal('postToBus'),
        runId: runIdSchema,
        topic: z.string().max(200),
        message: z.json(),
        scope: busScopeSchema.optional(),
        from: z.enum(['person', 'api']).default('person'),
        name: z.string().trim().min(1).max(120).optional(),
      }),
      {
        wakesLoop: true,
        plan: (cmd, context) => {
          if (!context.conductor.isGoing(cmd.runId))
            throw new StudioError(
              'not-found',
              `There is no going run “${cmd.runId}” to post to: it finished, or never started.`,
              'Nothing was posted.',
            );
          const name = cmd.name ?? (cmd.from === 'api' ? 'API' : 'You');
          const draft = planBusPost(
            context.stateOf(busIndexFold),
            { runId: cmd.runId, topic: cmd.topic, body: cmd.message, scope: cmd.scope, from: { kind: cmd.from, name } },
            { now: context.ports.clock.now(), newId: context.ports.newId },
          );
          return { drafts: [draft], ...(draft.type === 'bus.posted' ? { createdId: draft.data.messageId } : {}) };
        },
      },
    ),
  ],
  conductorFold: busIndexFold,
  pageFold: busPageFold,
});
