import * as restate from '@restatedev/restate-sdk';

/**
 * Text an LLM agent has streamed so far, keyed by the agent's id: written by whichever runner
 * process makes the call (one-way sends, at most a few a second), read by the studio's API on
 * another. Ephemeral like the studio's own live text: never in the log; cleared when the call ends.
 */
export const streamObject = restate.object({
  name: 'stream',
  handlers: {
    put: (ctx: restate.ObjectContext, text: string | null): Promise<void> => {
      if (text === null) ctx.clear('text');
      else ctx.set('text', text.slice(0, 200_000));
      return Promise.resolve();
    },
    get: restate.handlers.object.shared(
      async (ctx: restate.ObjectSharedContext): Promise<string | null> => (await ctx.get<string>('text')) ?? null,
    ),
  },
});
