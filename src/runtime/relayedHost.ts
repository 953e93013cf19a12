import { AGENT_SENTENCES, callSentence, type AgentCall } from '../core/agents/agentContract';
import type { AgentHost, HostReply } from '../core/conductor/ports';
import { busWithDeadline, sandboxCallSchema } from './sandboxCallGate';

/**
 * ctx.fetch and ctx.llm where the agent and the conductor that answers them are not in one place:
 * on the runner the agent runs on a script thread of any process, and the conductor that mediates
 * its calls (checks, journals, meters them) is the project's driver, somewhere else. Each hop
 * (thread → process, process → Restate → driver) carries a call as plain data, `{ what, request }`,
 * and its answer as a HostReply; these two functions are its ends.
 */
export type RelayedCall = AgentCall;
export type Ask = (call: RelayedCall) => Promise<HostReply<unknown>>;

/**
 * Every method of AgentHost, by name: adding one to the host without adding it here is a type
 * error, so no hop forgets to carry it.
 */
const RELAYED: { readonly [K in keyof AgentHost]-?: true } = { fetch: true, llm: true, bus: true };

/** An AgentHost whose every call is sent on with `ask`; a hop that fails is an answer, never a throw. */
export function relayedHost(ask: Ask): AgentHost {
  const send = async (call: RelayedCall): Promise<HostReply<never>> => {
    try {
      return (await ask(call)) as HostReply<never>;
    } catch (error) {
      return { ok: false, message: relayFailure(call.what, error) };
    }
  };
  return {
    fetch: (request) => send({ what: 'fetch', request }),
    llm: (request) => send({ what: 'llm', request }),
    bus: (request) => send({ what: 'bus', request }),
  };
}

/**
 * The far end: a call from another thread or process, checked as the sandbox pool checks one (it
 * crossed a boundary), then answered by the conductor's host. Always settles with a HostReply.
 */
export async function answerRelayedCall(host: AgentHost | undefined, call: unknown): Promise<HostReply<unknown>> {
  const parsed = sandboxCallSchema.safeParse(call);
  if (!parsed.success || !(parsed.data.what in RELAYED))
    return { ok: false, message: 'The runner received a call it does not know; the agent was not answered.' };
  if (!host) return { ok: false, message: callSentence(AGENT_SENTENCES.noConductor, parsed.data.what) };
  try {
    const checked = parsed.data;
    if (checked.what === 'fetch') return await host.fetch(checked.request);
    if (checked.what === 'llm') return await host.llm(checked.request);
    return await busWithDeadline(host, checked.request);
  } catch (error) {
    return { ok: false, message: relayFailure(parsed.data.what, error) };
  }
}

function relayFailure(what: string, error: unknown): string {
  const detail = error instanceof Error ? error.message || error.name : String(error);
  return `ctx.${what} could not reach the conductor (${detail}). Try again; if it keeps failing, check the runner's processes.`;
}
