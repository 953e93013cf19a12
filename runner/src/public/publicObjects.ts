import * as restate from '@restatedev/restate-sdk';
import { triggerKey, type CatalogHandlers, type IdempotencyHandlers } from './publicProtocol';
import type { triggerObject } from './triggerObject';

/**
 * The public API's records, each a Restate virtual object so that what a caller was told survives
 * the runner's restarts and every runner process sees the same: which remote project a studio
 * project id answers to (`catalog`), where a run is (`run`, runIndexObject.ts), and which run an Idempotency-Key
 * started (`idempotency`). Restate runs one key's exclusive handlers one at a time, so two calls
 * with one Idempotency-Key, or two publishes of one project, never interleave.
 */

const triggerApi = { name: 'trigger' } as typeof triggerObject;

export const catalogObject = restate.object({
  name: 'catalog',
  handlers: {
    /**
     * Makes these definitions the ones the project id answers to, and its flows' schedules the
     * armed ones: each flow with a cron is (re)armed, each that had one and has none now (or is
     * gone) is disarmed.
     */
    publish: async (
      ctx: restate.ObjectContext,
      input: CatalogHandlers['publish']['input'],
    ): Promise<CatalogHandlers['publish']['output']> => {
      const before = await ctx.get<CatalogHandlers['publish']['input']>('published');
      ctx.set('published', input);
      let armed = 0;
      for (const flow of input.flows) {
        const cron = flow.trigger?.cron;
        if (cron === undefined) continue;
        armed += 1;
        ctx.objectSendClient(triggerApi, triggerKey(input.projectId, flow.flowId)).arm({
          projectId: input.projectId,
          remoteKey: input.remoteKey,
          flowId: flow.flowId,
          flow: flow.name,
          cron,
          input: flow.trigger?.input ?? '',
        });
      }
      const scheduledNow = new Set(input.flows.filter((f) => f.trigger?.cron !== undefined).map((f) => f.flowId));
      for (const flow of before?.flows ?? [])
        if (flow.trigger?.cron !== undefined && !scheduledNow.has(flow.flowId))
          ctx.objectSendClient(triggerApi, triggerKey(input.projectId, flow.flowId)).disarm();
      return { armed };
    },
    get: restate.handlers.object.shared(
      async (ctx: restate.ObjectSharedContext): Promise<CatalogHandlers['get']['output']> =>
        (await ctx.get<CatalogHandlers['get']['output']>('published')) ?? null,
    ),
  },
});

export const idempotencyObject = restate.object({
  name: 'idempotency',
  handlers: {
    begin: async (
      ctx: restate.ObjectContext,
      input: IdempotencyHandlers['begin']['input'],
    ): Promise<IdempotencyHandlers['begin']['output']> => {
      const kept = await ctx.get<{ fingerprint: string; requestId: string }>('request');
      if (!kept) {
        ctx.set('request', input);
        return { requestId: input.requestId };
      }
      if (kept.fingerprint !== input.fingerprint) return { requestId: kept.requestId, conflict: true };
      const run = await ctx.get<IdempotencyHandlers['settle']['input']['run']>('run');
      return run ? { requestId: kept.requestId, run } : { requestId: kept.requestId };
    },
    settle: async (ctx: restate.ObjectContext, input: IdempotencyHandlers['settle']['input']): Promise<void> => {
      if (!(await ctx.get('run'))) ctx.set('run', input.run);
    },
  },
});
