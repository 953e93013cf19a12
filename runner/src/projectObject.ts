import * as restate from '@restatedev/restate-sdk';
import { verifyChain, type ChainHead } from '../../src/core/events/hashChain';
import type { EventRecord } from '../../src/core/events/storedEvent';
import type { ArtifactRecord } from '../../src/core/artifacts/artifactRecord';
import { sha256 } from './nodeSha256';
import { driveProject } from './driver';
import { watchersKey, withWatcher, type Watcher } from './waiters';
import {
  CLAIM_LOST_STATUS,
  type CommandEnvelope,
  type CommandReply,
  type LogPage,
  type ProjectInput,
  type ProjectOutput,
  type WaitTopic,
} from './protocol';

/**
 * One Restate virtual object per remote project: the single writer of its log, as the Web Lock's
 * leader is in the browser. Restate runs a key's exclusive handlers one at a time, so appends never
 * race. The log lives in the object's state, in chunks of records exactly as sealed (hash-chained
 * by the studio's own core), with the artifacts they point at.
 *
 * Who drives the conductor: `drive`, a shared handler, runs the studio's Conductor over the log in
 * whichever runner process Restate hands it to. It claims an epoch first; every append names it, so
 * a driver that lost its claim (its process was thought dead and another took over) can never write
 * again. If its process dies, Restate retries `drive` on another process, which claims a new epoch
 * and takes the log over as a tab does when the leading tab closes (planReopenedRuns): finished
 * steps stay finished; only the agents that were at work are done again.
 */

/**
 * Records are stored in chunks, and an append rewrites its last chunk, so a chunk is what each
 * append and each live read moves between Restate and a runner process. Logs started by this
 * version use 32 records a chunk (about 16 KB) and say so in `chunkSize`; a log without it was
 * started with 256 and is read and grown with 256, as it was written.
 */
const CHUNK = 32;
const LEGACY_CHUNK = 256;
const chunkKey = (i: number) => `chunk:${i}`;
/** What reading the log needs: exclusive handlers (watch) read it as shared ones (read) do. */
type StateReader = Pick<restate.ObjectSharedContext, 'get'>;
const chunkSizeOf = async (ctx: StateReader): Promise<number> => (await ctx.get<number>('chunkSize')) ?? LEGACY_CHUNK;
const artifactKey = (hash: string) => `art:${hash}`;

const READ_LIMIT = 2000;

async function readPage(ctx: StateReader, since: number, limit = READ_LIMIT): Promise<LogPage> {
  const { records, head } = await readRecords(ctx, Math.max(0, since), Math.min(limit, 10_000));
  return { records, head, driving: (await ctx.get<boolean>('driving')) ?? false };
}

async function readRecords(
  ctx: StateReader,
  since: number,
  limit: number,
): Promise<{ records: EventRecord[]; head: ChainHead | null }> {
  const head = (await ctx.get<ChainHead>('head')) ?? null;
  if (!head || since > head.seq) return { records: [], head };
  const records: EventRecord[] = [];
  const last = Math.min(head.seq, since + limit - 1);
  const size = await chunkSizeOf(ctx);
  for (let i = Math.floor(since / size); i <= Math.floor(last / size); i++) {
    const chunk = (await ctx.get<EventRecord[]>(chunkKey(i))) ?? [];
    for (const record of chunk) if (record.seq >= since && record.seq <= last) records.push(record);
  }
  return { records, head };
}

async function writeRecords(
  ctx: restate.ObjectContext,
  head: ChainHead | null,
  records: readonly EventRecord[],
): Promise<ChainHead | null> {
  const verdict = await verifyChain(records, sha256, head);
  if (!verdict.ok)
    throw new restate.TerminalError(`The records do not link onto the remote log: ${verdict.reason}.`, {
      errorCode: 409,
    });
  const byChunk = new Map<number, EventRecord[]>();
  const size = head === null ? CHUNK : await chunkSizeOf(ctx);
  if (head === null) ctx.set('chunkSize', CHUNK);
  for (const record of records) {
    const i = Math.floor(record.seq / size);
    byChunk.set(i, [...(byChunk.get(i) ?? []), record]);
  }
  for (const [i, added] of byChunk)
    ctx.set(chunkKey(i), [...((await ctx.get<EventRecord[]>(chunkKey(i))) ?? []), ...added]);
  ctx.set('head', verdict.head);
  return verdict.head;
}

/**
 * Wakes every waiter on `topic` (see waiters.ts): the log grew, the driver let go, or a command
 * came. A wait on the log is woken with what it waited for (the records just written, from the
 * seq it waits past: see `watch`), so the studio's long poll needs no read after it. A wait that
 * already gave up is resolved too, which Restate drops: asking the clock first would cost a
 * journaled step on every append, and `watch` prunes given-up waits as it adds one.
 */
async function wake(ctx: restate.ObjectContext, topic: WaitTopic, page: LogPage | null = null): Promise<void> {
  const watchers = (await ctx.get<Watcher[]>(watchersKey(topic))) ?? [];
  if (watchers.length === 0) return;
  for (const watcher of watchers) ctx.resolveAwakeable(watcher.id, page);
  ctx.clear(watchersKey(topic));
}

async function checkEpoch(ctx: restate.ObjectContext, epoch: number): Promise<void> {
  const current = (await ctx.get<number>('epoch')) ?? 0;
  if (current !== epoch)
    throw new restate.TerminalError(
      `This driver's claim (epoch ${epoch}) was taken over by epoch ${current}; it stops writing.`,
      { errorCode: CLAIM_LOST_STATUS },
    );
}

export const projectObject = restate.object({
  name: 'project',
  // Each handler reads the few keys it needs: without this, Restate would send the whole log and
  // every artifact with every call, and appends would grow slower with the log's length.
  options: { enableLazyState: true },
  handlers: {
    /** Writes the definitions a run starts from, once: a log that exists already is kept as it is. */
    seed: async (ctx: restate.ObjectContext, input: ProjectInput<'seed'>): Promise<ProjectOutput<'seed'>> => {
      const head = (await ctx.get<ChainHead>('head')) ?? null;
      if (head) return { seeded: false, head };
      for (const artifact of input.artifacts) ctx.set(artifactKey(artifact.hash), artifact);
      const seeded = await writeRecords(ctx, null, input.records);
      await wake(ctx, 'log', {
        records: input.records,
        head: seeded,
        driving: (await ctx.get<boolean>('driving')) ?? false,
      });
      return { seeded: true, head: seeded };
    },

    /** Queues commands for the driver, starting one if none is at work. */
    enqueue: async (ctx: restate.ObjectContext, input: ProjectInput<'enqueue'>): Promise<ProjectOutput<'enqueue'>> => {
      if (!(await ctx.get<ChainHead>('head')))
        throw new restate.TerminalError('This remote project has no log yet: start a run with its definitions first.', {
          errorCode: 404,
        });
      ctx.set('inbox', [...((await ctx.get<CommandEnvelope[]>('inbox')) ?? []), ...input]);
      await wake(ctx, 'inbox');
      if (!(await ctx.get<boolean>('driving'))) {
        ctx.set('driving', true);
        ctx.objectSendClient(projectApi, ctx.key).drive();
      }
      return { queued: input.length };
    },

    /** A driver starts by claiming the log: the epoch it gets fences every driver before it. */
    claim: async (ctx: restate.ObjectContext): Promise<ProjectOutput<'claim'>> => {
      const epoch = ((await ctx.get<number>('epoch')) ?? 0) + 1;
      ctx.set('epoch', epoch);
      ctx.set('driving', true);
      return { epoch };
    },

    /** The only way the log grows: sealed records that link onto the head, from the driver holding the claim. */
    append: async (ctx: restate.ObjectContext, input: ProjectInput<'append'>): Promise<ProjectOutput<'append'>> => {
      await checkEpoch(ctx, input.epoch);
      for (const artifact of input.artifacts) ctx.set(artifactKey(artifact.hash), artifact);
      const head = await writeRecords(ctx, (await ctx.get<ChainHead>('head')) ?? null, input.records);
      // Only the driver holding the claim appends, so the log is being driven.
      await wake(ctx, 'log', { records: input.records, head, driving: true });
      return { head };
    },

    takeInbox: async (
      ctx: restate.ObjectContext,
      input: ProjectInput<'takeInbox'>,
    ): Promise<ProjectOutput<'takeInbox'>> => {
      await checkEpoch(ctx, input.epoch);
      const inbox = (await ctx.get<CommandEnvelope[]>('inbox')) ?? [];
      if (inbox.length > 0) ctx.set('inbox', []);
      return inbox;
    },

    reply: async (ctx: restate.ObjectContext, input: ProjectInput<'reply'>): Promise<ProjectOutput<'reply'>> => {
      await checkEpoch(ctx, input.epoch);
      ctx.set(`reply:${input.requestId}`, input.reply);
    },

    /** The driver is done when nothing is going and nothing is queued; a command that came meanwhile keeps it. */
    release: async (ctx: restate.ObjectContext, input: ProjectInput<'release'>): Promise<ProjectOutput<'release'>> => {
      await checkEpoch(ctx, input.epoch);
      if (((await ctx.get<CommandEnvelope[]>('inbox')) ?? []).length > 0) return { released: false };
      ctx.set('driving', false);
      // A studio waiting for more of the log learns that none is coming: it brings the run in. The
      // driver's own wait for a command ends too.
      await wake(ctx, 'log', { records: [], head: (await ctx.get<ChainHead>('head')) ?? null, driving: false });
      await wake(ctx, 'inbox');
      return { released: true };
    },

    /**
     * Registers a waiter's awakeable (waiters.ts), or answers at once that what it waits for has
     * happened: the log is past `since` (with the records from there) or nobody drives it; the
     * inbox has a command.
     */
    watch: async (ctx: restate.ObjectContext, input: ProjectInput<'watch'>): Promise<ProjectOutput<'watch'>> => {
      if (input.topic === 'log') {
        const head = (await ctx.get<ChainHead>('head')) ?? null;
        if ((head && head.seq >= input.since) || !(await ctx.get<boolean>('driving')))
          return { already: true, page: await readPage(ctx, input.since) };
      } else if (((await ctx.get<CommandEnvelope[]>('inbox')) ?? []).length > 0) return { already: true };
      // The caller's clock, when it sent it (a journaled step per wait otherwise); it only decides
      // which earlier waits have given up, so a skewed clock wakes a wait late, never wrongly.
      const now = input.at ?? (await ctx.date.now());
      ctx.set(
        watchersKey(input.topic),
        withWatcher(
          (await ctx.get<Watcher[]>(watchersKey(input.topic))) ?? [],
          { id: input.id, until: now + input.ms },
          now,
        ),
      );
      return { already: false };
    },

    read: restate.handlers.object.shared(
      async (ctx: restate.ObjectSharedContext, input: ProjectInput<'read'>): Promise<ProjectOutput<'read'>> =>
        readPage(ctx, input.since, input.limit),
    ),

    replyTo: restate.handlers.object.shared(
      async (ctx: restate.ObjectSharedContext, input: ProjectInput<'replyTo'>): Promise<ProjectOutput<'replyTo'>> => {
        return (await ctx.get<CommandReply>(`reply:${input.requestId}`)) ?? null;
      },
    ),

    artifacts: restate.handlers.object.shared(
      async (
        ctx: restate.ObjectSharedContext,
        input: ProjectInput<'artifacts'>,
      ): Promise<ProjectOutput<'artifacts'>> => {
        const out: Array<ArtifactRecord | null> = [];
        for (const hash of input.hashes) out.push((await ctx.get<ArtifactRecord>(artifactKey(hash))) ?? null);
        return out;
      },
    ),

    /**
     * Runs the conductor until its runs are over and nothing is queued. It journals nothing, on
     * purpose: a retry after its process died starts from the log, not from a replay.
     */
    drive: restate.handlers.object.shared(
      { inactivityTimeout: { hours: 24 }, abortTimeout: { hours: 24 } },
      async (ctx: restate.ObjectSharedContext): Promise<void> => {
        await driveProject(ctx.key);
      },
    ),
  },
});

const projectApi: typeof projectObject = { name: 'project' };
