import * as restate from '@restatedev/restate-sdk';
import type { RunIndexHandlers } from './publicProtocol';

/** Where a run is (its project, remote project and flow): one per run id the public API or a trigger started. */
export const runIndexObject = restate.object({
  name: 'run',
  handlers: {
    record: (ctx: restate.ObjectContext, input: RunIndexHandlers['record']['input']): Promise<void> => {
      ctx.set('record', input);
      return Promise.resolve();
    },
    get: restate.handlers.object.shared(
      async (ctx: restate.ObjectSharedContext): Promise<RunIndexHandlers['get']['output']> =>
        (await ctx.get<RunIndexHandlers['get']['output']>('record')) ?? null,
    ),
  },
});

