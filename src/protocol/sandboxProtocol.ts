import type { AgentTask } from '../core/conductor/ports';

/**
 * The whole wire between the sandbox pool and one sandbox worker. Plain postMessage, not Comlink:
 * a sandbox exposes nothing callable. Life of a worker: it posts `ready` once locked down, receives
 * exactly one `run`, streams up to MAX_LOG_LINES `log` lines (streamed, so an agent stopped at its
 * deadline still leaves its log behind), posts one `result`, and is terminated.
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
export type ToSandbox = RunMessage;

/** `errorClass` is set by the pool only (a deadline); a sandbox's own message never carries it. */
export type SandboxOutcome = { ok: true; emitted: Array<{ port: string; value: unknown }> } | { ok: false; reason: string; errorClass?: 'timeout' };

/** Worker → pool. */
export type FromSandbox =
  | { type: 'ready' }
  | { type: 'log'; taskId: string; line: string }
  | { type: 'result'; taskId: string; outcome: SandboxOutcome };

/** Limits the worker applies to ctx.log and the pool enforces again on arrival. */
export const MAX_LOG_LINES = 200;
export const MAX_LOG_LINE_CHARS = 2_000;
