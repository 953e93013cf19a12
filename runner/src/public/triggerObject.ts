import * as restate from '@restatedev/restate-sdk';
import { Cron } from 'croner';
import type { projectObject } from '../projectObject';
import type { TriggerHandlers, ScheduleSpec } from './publicProtocol';
import type { runIndexObject } from './runIndexObject';

/**
 * A flow's cron schedule, one object per flow (key: project id / flow id). Each firing sends the
 * next one to itself as a delayed message, which Restate keeps durably: a schedule outlives the
 * runner's processes and Restate's own restarts, and nothing polls a clock meanwhile. Every arm
 * and disarm moves the generation on, so a firing sent under an older one finds itself stale and
 * does nothing: re-publishing never leaves two schedules running.
 *
 * A firing that comes late (the runner was down past one or more times) starts one run, not one
 * per missed time, and the next is counted from then.
 */

const projectApi = { name: 'project' } as typeof projectObject;
const runIndexApi = { name: 'run' } as typeof runIndexObject;
const self = { name: 'trigger' } as typeof triggerObject;

/** How long a firing waits for the driver to say which run it started, before it lets go. */
const REPLY_TRIES = 120;

/** The next time `cron` fires after `now` (UTC), or null if it never does again. */
export function nextFiring(cron: string, now: number): number | null {
  const next = new Cron(cron, { paused: true, timezone: 'UTC' }).nextRun(new Date(now));
  return next ? next.getTime() : null;
}

async function scheduleNext(ctx: restate.ObjectContext, spec: ScheduleSpec, generation: number): Promise<number | null> {
  const now = await ctx.date.now();
  const at = nextFiring(spec.cron, now);
  ctx.set('nextRunAt', at);
  if (at !== null)
    ctx.objectSendClient(self, ctx.key).fire({ generation }, restate.rpc.sendOpts({ delay: Math.max(0, at - now) }));
  return at;
}

export const triggerObject = restate.object({
  name: 'trigger',
  handlers: {
    arm: async (
      ctx: restate.ObjectContext,
      spec: TriggerHandlers['arm']['input'],
    ): Promise<TriggerHandlers['arm']['output']> => {
      const generation = ((await ctx.get<number>('generation')) ?? 0) + 1;
      ctx.set('generation', generation);
      ctx.set('spec', spec);
      return { nextRunAt: await scheduleNext(ctx, spec, generation) };
    },

    disarm: async (ctx: restate.ObjectContext): Promise<void> => {
      ctx.set('generation', ((await ctx.get<number>('generation')) ?? 0) + 1);
      ctx.clear('spec');
      ctx.clear('nextRunAt');
    },

    fire: async (ctx: restate.ObjectContext, input: TriggerHandlers['fire']['input']): Promise<void> => {
      const spec = await ctx.get<ScheduleSpec>('spec');
      if (!spec || input.generation !== (await ctx.get<number>('generation'))) return; // disarmed or re-armed since
      await scheduleNext(ctx, spec, input.generation);
      const requestId = ctx.rand.uuidv4();
      ctx
        .objectSendClient(projectApi, spec.remoteKey)
        .enqueue([{ requestId, command: { type: 'startRun', flowId: spec.flowId, input: spec.input } }]);
      // Which run it started, so GET /runs/:id finds it: the driver answers the command by its id.
      for (let i = 0; i < REPLY_TRIES; i++) {
        const reply = await ctx.objectClient(projectApi, spec.remoteKey).replyTo({ requestId });
        if (reply) {
          if (reply.ok && reply.createdId)
            ctx.objectSendClient(runIndexApi, reply.createdId).record({
              projectId: spec.projectId,
              remoteKey: spec.remoteKey,
              flow: spec.flow,
            });
          else if (!reply.ok) ctx.console.warn(`[runner] the schedule of “${spec.flow}” could not start it: ${reply.message}`);
          return;
        }
        await ctx.sleep(Math.min(50 * 2 ** i, 1000));
      }
    },

    nextRunAt: restate.handlers.object.shared(
      async (ctx: restate.ObjectSharedContext): Promise<number | null> => (await ctx.get<number>('nextRunAt')) ?? null,
    ),
  },
});
