import * as restate from '@restatedev/restate-sdk';
import type { AgentHost, HostReply } from '../../src/core/conductor/ports';
import { answerRelayedCall, relayedHost, type RelayedCall } from '../../src/runtime/relayedHost';
import { callObject, callService } from './ingress';
import type { AgentCallsHandlers, HostCallHandlers, PendingHostCall } from './protocol';

/**
 * An agent's ctx.fetch and ctx.llm on the runner. The agent runs on a script thread of whichever
 * process took it; the host that answers its calls (checks them against what its kind was granted,
 * makes them, journals them in the log, meters their tokens) belongs to the project's conductor,
 * in its driver, on whichever process holds the project. The two meet here, through Restate, so
 * neither needs to reach the other's address:
 *
 * - the agent's process asks `hostCall/ask`, which leaves the call with the agent's `agentCalls`
 *   object and waits (suspended, costing nothing) on an awakeable for the answer;
 * - the driver waits on `hostCall/next` for calls it has not seen, answers each with the agent's
 *   host, and hands the answer to the object, which resolves the asker's awakeable.
 *
 * Each ask carries an idempotency key (the agent and the call's number): when Restate runs an
 * agent again after its process died, its calls get the answers they had, not new ones.
 */

/** Longest single `next` wait; the driver asks again until the agent's step is over. */
const NEXT_WAIT_MS = 30_000;

const PENDING = 'pending';
const WATCHER = 'watcher';

export const agentCallsObject = restate.object({
  name: 'agentCalls',
  handlers: {
    /** A call from the agent: kept until the driver answers it, and the driver woken if it waits. */
    put: async (
      ctx: restate.ObjectContext,
      input: AgentCallsHandlers['put']['input'],
    ): Promise<AgentCallsHandlers['put']['output']> => {
      const pending = (await ctx.get<PendingHostCall[]>(PENDING)) ?? [];
      if (pending.some((p) => p.n === input.n)) return;
      const next = [...pending, input];
      ctx.set(PENDING, next);
      const watcher = await ctx.get<string>(WATCHER);
      if (watcher) {
        ctx.resolveAwakeable(watcher, next);
        ctx.clear(WATCHER);
      }
    },
    /** The driver's wait: the calls from `since` on at once, or, when there are none, its awakeable kept to wake. */
    watch: async (
      ctx: restate.ObjectContext,
      input: AgentCallsHandlers['watch']['input'],
    ): Promise<AgentCallsHandlers['watch']['output']> => {
      const ready = ((await ctx.get<PendingHostCall[]>(PENDING)) ?? []).filter((p) => p.n >= input.since);
      if (ready.length > 0) return ready;
      // A wait that gave up (its time was up) is replaced: resolving its awakeable wakes nobody.
      ctx.set(WATCHER, input.wakeId);
      return null;
    },
    /** The conductor's answer to call `n`, handed to the agent that waits for it. */
    answer: async (
      ctx: restate.ObjectContext,
      input: AgentCallsHandlers['answer']['input'],
    ): Promise<AgentCallsHandlers['answer']['output']> => {
      const pending = (await ctx.get<PendingHostCall[]>(PENDING)) ?? [];
      const call = pending.find((p) => p.n === input.n);
      if (!call) return;
      ctx.resolveAwakeable(call.answerId, input.reply);
      ctx.set(
        PENDING,
        pending.filter((p) => p !== call),
      );
    },
    /** The agent's step is over: a call still waiting is refused, the driver's wait ends, nothing is kept. */
    close: async (ctx: restate.ObjectContext): Promise<AgentCallsHandlers['close']['output']> => {
      for (const call of (await ctx.get<PendingHostCall[]>(PENDING)) ?? [])
        ctx.resolveAwakeable(call.answerId, {
          ok: false,
          message: `ctx.${call.call.what} was not answered: the agent's step is over.`,
        } satisfies HostReply<unknown>);
      const watcher = await ctx.get<string>(WATCHER);
      if (watcher) ctx.resolveAwakeable(watcher, []);
      ctx.clearAll();
    },
  },
});

interface AgentCallsApi {
  put: (ctx: restate.ObjectContext, input: PendingHostCall) => Promise<void>;
  watch: (ctx: restate.ObjectContext, input: AgentCallsHandlers['watch']['input']) => Promise<PendingHostCall[] | null>;
}
const agentCallsApi = { name: 'agentCalls' } as restate.VirtualObjectDefinition<'agentCalls', AgentCallsApi>;

export const hostCallService = restate.service({
  name: 'hostCall',
  handlers: {
    /** From the agent's process: one call, answered by the conductor, or refused when its time is up. */
    ask: async (
      ctx: restate.Context,
      input: HostCallHandlers['ask']['input'],
    ): Promise<HostCallHandlers['ask']['output']> => {
      const { id, promise } = ctx.awakeable<HostReply<unknown>>();
      await ctx.objectClient(agentCallsApi, input.hostKey).put({ n: input.n, call: input.call, answerId: id });
      try {
        return await promise.orTimeout(input.ms);
      } catch (error) {
        if (!(error instanceof restate.TimeoutError)) throw error;
        return {
          ok: false,
          message: `ctx.${input.call.what} got no answer from the conductor within ${input.ms} ms: the project's driver may have stopped.`,
        };
      }
    },
    /** From the driver: the agent's calls from `since` on, as soon as there are any, or none after `ms`. */
    next: async (
      ctx: restate.Context,
      input: HostCallHandlers['next']['input'],
    ): Promise<HostCallHandlers['next']['output']> => {
      const { id, promise } = ctx.awakeable<PendingHostCall[]>();
      const ready = await ctx.objectClient(agentCallsApi, input.hostKey).watch({ since: input.since, wakeId: id });
      if (ready) return ready;
      try {
        return (await promise.orTimeout(Math.min(input.ms, NEXT_WAIT_MS))).filter((p) => p.n >= input.since);
      } catch (error) {
        if (error instanceof restate.TimeoutError) return [];
        throw error;
      }
    },
  },
});

/** The agent's side, on the process that runs it: a host whose calls are asked through Restate. */
export function askingHost(hostKey: string, deadlineMs: number): AgentHost {
  let calls = 0;
  return relayedHost((call: RelayedCall) => {
    const n = ++calls;
    return callService<HostReply<unknown>>(
      'hostCall',
      'ask',
      { hostKey, n, call, ms: deadlineMs } satisfies HostCallHandlers['ask']['input'],
      { idempotencyKey: `${hostKey}:${n}` },
    );
  });
}

/**
 * The driver's side, while one of its agents runs elsewhere: answers that agent's calls with its
 * host until `stop`, which also tells the agent's object the step is over.
 */
export function serveAgentHost(hostKey: string, host: AgentHost): { stop: () => Promise<void> } {
  let stopped = false;
  const abort = new AbortController();
  const answer = (p: PendingHostCall) =>
    answerRelayedCall(host, p.call)
      .then((reply) => callObject('agentCalls', hostKey, 'answer', { n: p.n, reply }))
      .catch((error: unknown) =>
        console.error(`[runner ${process.pid}] could not answer an agent's call: ${String(error)}`),
      );
  const loop = (async () => {
    let since = 1;
    while (!stopped) {
      let ready: PendingHostCall[];
      try {
        ready = await callService<PendingHostCall[]>(
          'hostCall',
          'next',
          { hostKey, since, ms: NEXT_WAIT_MS } satisfies HostCallHandlers['next']['input'],
          { signal: abort.signal },
        );
      } catch {
        // Stopped (the wait was cut short), or Restate unreachable for a moment: look again shortly.
        if (!stopped) await new Promise((resolve) => setTimeout(resolve, 500));
        continue;
      }
      for (const p of ready) {
        since = Math.max(since, p.n + 1);
        void answer(p);
      }
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      abort.abort();
      await loop;
      await callObject('agentCalls', hostKey, 'close').catch(() => undefined);
    },
  };
}
