import type { AgentFetchRequest, AgentFetchResponse, AgentLlmRequest, AgentLlmResponse, AgentTask, HostReply } from '../core/conductor/ports';

/**
 * The whole wire between the sandbox pool and one sandbox worker. Plain postMessage, not Comlink:
 * a sandbox exposes nothing callable. Life of a worker: it posts `ready` once locked down, receives
 * exactly one `run`, streams up to MAX_LOG_LINES `log` lines (streamed, so an agent stopped at its
 * deadline still leaves its log behind), posts one `result`, and is terminated. While it runs it
 * may post `call`s (ctx.fetch, ctx.llm); the pool hands each to the conductor's AgentHost, which
 * checks and journals it, and posts back one `reply` with the same `callId`.
 *
 * Dependency-free on purpose: the worker imports it, and everything the worker loads is loaded
 * before its lockdown. The pool parses what the (untrusted) worker sends with a schema typed
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
  reply: HostReply<AgentFetchResponse> | HostReply<AgentLlmResponse>;
}
export type ToSandbox = RunMessage | ReplyMessage;

/** What an agent asks of the conductor: ctx.fetch or ctx.llm, as plain data. */
export type SandboxCall = { what: 'fetch'; request: AgentFetchRequest } | { what: 'llm'; request: AgentLlmRequest };
/** Worker → pool: one mediated call. `callId` counts up from 1 within the task. */
export interface CallMessage {
  type: 'call';
  taskId: string;
  callId: number;
  call: SandboxCall;
}

/** `errorClass` is set by the pool only (a deadline); a sandbox's own message never carries it. */
export type SandboxOutcome = { ok: true; emitted: Array<{ port: string; value: unknown }> } | { ok: false; reason: string; errorClass?: 'timeout' };

/** Worker → pool. */
export type FromSandbox =
  | { type: 'ready' }
  | { type: 'log'; taskId: string; line: string }
  | { type: 'result'; taskId: string; outcome: SandboxOutcome }
  | CallMessage;

/** Limits the worker applies to ctx.log and the pool enforces again on arrival. */
export const MAX_LOG_LINES = 200;
export const MAX_LOG_LINE_CHARS = 2_000;

/** Limits on mediated calls, checked in the worker (with a sentence) and again by the pool. */
export const MAX_CALLS_IN_FLIGHT = 8;
export const MAX_CALLS_PER_AGENT = 200;
/** A URL, a header value, a model name: generous, but no megabyte strings in small fields. */
export const MAX_CALL_FIELD_CHARS = 8_000;
export const MAX_CALL_HEADERS = 50;
/** A request body or an LLM prompt (the response side is capped by MAX_FETCH_BYTES in the conductor). */
export const MAX_CALL_BODY_CHARS = 1_000_000;
