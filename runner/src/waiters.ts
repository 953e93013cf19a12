import * as restate from '@restatedev/restate-sdk';
import type { LogPage, ProjectHandlers, WaitTopic, WaiterHandlers } from './protocol';

/** A registered wait: the awakeable to resolve, and when it stops mattering (its waiter gave up). */
export interface Watcher {
  id: string;
  until: number;
}

/** A project keeps at most this many waits per topic: more would be a studio gone wrong, not a person. */
const MAX_WATCHERS = 64;

export const watchersKey = (topic: WaitTopic) => `watch:${topic}`;

/** The waits still waiting: a given-up one would be resolved for nobody. */
function liveWatchers(list: readonly Watcher[], now: number): Watcher[] {
  return list.filter((w) => w.until > now);
}

/** The list with `added` on it, less the waits that have given up, newest kept when it is full. */
export function withWatcher(list: readonly Watcher[], added: Watcher, now: number): Watcher[] {
  return [...liveWatchers(list, now), added].slice(-MAX_WATCHERS);
}

/** Longest single wait: a waiter comes back this often at most, even if nothing happens. */
export const MAX_WAIT_MS = 30_000;

/**
 * Waiting without polling. A caller that wants to know when a project's log grows, or when a
 * command arrives for its driver, calls `waiter/until` through the ingress; the waiter registers an
 * awakeable with the project's object and is suspended by Restate (no process spends anything on
 * it) until the object resolves the awakeable as it appends or queues, or the time is up. The
 * object answers at once when what is waited for has already happened, so nothing falls between a
 * read and the wait that follows it. A wait on the log answers with the page it waited for (the
 * records from `since`), or none when its time was up, so its caller need not read again.
 */
export const waiterService = restate.service({
  name: 'waiter',
  handlers: {
    until: async (
      ctx: restate.Context,
      input: WaiterHandlers['until']['input'],
    ): Promise<WaiterHandlers['until']['output']> => {
      const ms = Math.max(0, Math.min(MAX_WAIT_MS, input.ms));
      const { id, promise } = ctx.awakeable<LogPage | null>();
      const { already, page } = await ctx
        .objectClient(projectWatchApi, input.key)
        .watch({ id, topic: input.topic, since: input.since, ms, ...(input.at !== undefined ? { at: input.at } : {}) });
      if (already) return page ? { woke: true, page } : { woke: true };
      try {
        const woken = await promise.orTimeout(ms);
        return woken ? { woke: true, page: woken } : { woke: true };
      } catch (error) {
        if (error instanceof restate.TimeoutError) return { woke: false };
        throw error;
      }
    },
  },
});

/** The project object's `watch` handler, as the waiter calls it (the object itself is in projectObject.ts). */
interface ProjectWatch {
  watch: (
    ctx: restate.ObjectContext,
    input: ProjectHandlers['watch']['input'],
  ) => Promise<ProjectHandlers['watch']['output']>;
}
const projectWatchApi = { name: 'project' } as restate.VirtualObjectDefinition<'project', ProjectWatch>;
