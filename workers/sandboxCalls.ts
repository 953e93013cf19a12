import type { HostReply } from '../src/core/conductor/ports';
import type { CallMessage, SandboxCall } from '../src/protocol/sandboxProtocol';

/**
 * The sandbox's side of ctx.fetch and ctx.llm, below the shared ctx implementation
 * (src/core/agents/createAgentContext.ts checks each call and counts them): each call is posted to
 * the pool as a `call` with a fresh number, and waits for the conductor's `reply` with that number.
 * Imported by sandbox.worker.ts, so this module runs before its lockdown, and the intrinsics below
 * are captured while they are still the real ones.
 *
 * Agent code shares this realm and can patch prototypes to tamper with its own calls; that only
 * gives it answers it could have invented anyway. What it cannot do is make a request the
 * conductor does not see, or hand the pool a call the pool's schema does not accept.
 */

const RealPromise = Promise;
const RealMap = Map;

export interface CallPort {
  /** Posts one call and resolves with the conductor's reply to it. */
  call(call: SandboxCall): Promise<HostReply<unknown>>;
  /** A trusted `reply` from the pool; replies for calls that are not waiting are ignored. */
  settle(callId: unknown, reply: HostReply<unknown>): void;
}

/** The calls of one run. `post` is the real postMessage, captured before the lockdown. */
export function createCallPort(taskId: string, post: (message: CallMessage) => void): CallPort {
  const waiting = new RealMap<number, (reply: HostReply<unknown>) => void>();
  let made = 0;
  return {
    call(call) {
      const callId = ++made;
      return new RealPromise<HostReply<unknown>>((resolve) => {
        waiting.set(callId, resolve);
        post({ type: 'call', taskId, callId, call });
      });
    },
    settle(callId, reply) {
      if (typeof callId !== 'number') return;
      const resolve = waiting.get(callId);
      if (!resolve) return;
      waiting.delete(callId);
      resolve(reply);
    },
  };
}
