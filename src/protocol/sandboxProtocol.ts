import type {
  AgentBusReply,
  AgentFetchResponse,
  AgentLlmResponse,
  AgentTask,
  HostReply,
} from '../core/conductor/ports';
import { AGENT_LIMITS, type AgentCall, type AgentOutcome } from '../core/agents/agentContract';

/**
 * The whole wire between the sandbox pool and one sandbox worker. Plain postMessage, not Comlink:
 * a sandbox exposes nothing callable. Life of a worker: it posts `ready` once locked down, receives
 * exactly one `run`, streams up to MAX_LOG_LINES `log` lines (streamed, so an agent stopped at its
 * deadline still leaves its log behind), posts one `result`, and is terminated. While it runs it
 * may post `call`s (ctx.fetch, ctx.llm); the pool hands each to the conductor's AgentHost, which
 * checks and journals it, and posts back one `reply` with the same `callId`.
 *
 * It depends on the agent contract alone: the worker imports it, and everything the worker loads
 * is loaded before its lockdown. The pool parses what the (untrusted) worker sends with a schema typed
 * against these declarations (src/runtime/sandboxPool.ts).
 */

/** Pool → worker. `taskId` is chosen by the pool; every reply must echo it. */
export interface RunMessage {
  type: 'run';
  taskId: string;
  task: AgentTask;
}
/** Pool → worker: the conductor's answer to one `call`. */
export interface ReplyMessage {
  type: 'reply';
  taskId: string;
  callId: number;
  reply: HostReply<AgentFetchResponse> | HostReply<AgentLlmResponse> | HostReply<AgentBusReply>;
}
export type ToSandbox = RunMessage | ReplyMessage;

/** What an agent asks of the conductor: ctx.fetch or ctx.llm, as plain data. */
export type SandboxCall = AgentCall;
/** Worker → pool: one mediated call. `callId` counts up from 1 within the task. */
export interface CallMessage {
  type: 'call';
  taskId: string;
  callId: number;
  call: SandboxCall;
}

/** `errorClass` is set by the pool only (a deadline); a sandbox's own message never carries it. */
export type SandboxOutcome = AgentOutcome | { ok: false; reason: string; errorClass?: 'timeout' };

/** Worker → pool. */
export type FromSandbox =
  | { type: 'ready' }
  | { type: 'log'; taskId: string; line: string }
  | { type: 'result'; taskId: string; outcome: SandboxOutcome }
  | CallMessage;

/** The contract's limits (src/core/agents/agentContract.ts), which the worker applies and the pool enforces again on arrival. */
export const MAX_LOG_LINES = AGENT_LIMITS.maxLogLines;
export const MAX_LOG_LINE_CHARS = AGENT_LIMITS.maxLogLineChars;
export const MAX_CALLS_IN_FLIGHT = AGENT_LIMITS.maxCallsInFlight;
export const MAX_CALLS_PER_AGENT = AGENT_LIMITS.maxCallsPerAgent;
export const MAX_CALL_FIELD_CHARS = AGENT_LIMITS.maxCallFieldChars;
export const MAX_CALL_HEADERS = AGENT_LIMITS.maxCallHeaders;
export const MAX_CALL_BODY_CHARS = AGENT_LIMITS.maxCallBodyChars;
