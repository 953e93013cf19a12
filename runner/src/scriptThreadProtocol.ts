import type { AgentResult, AgentTask, HostReply } from '../../src/core/conductor/ports';
import type { RelayedCall } from '../../src/runtime/relayedHost';

/**
 * The messages between a runner process's thread and its script threads (scriptThreads.ts and
 * scriptThread.ts). `id` names one agent's turn on a thread; `callId` one of its ctx.fetch or
 * ctx.llm calls, counted from 1.
 */
export type ToScriptThread =
  { id: number; task: AgentTask; withHost: boolean } | { id: number; callId: number; reply: HostReply<unknown> };

export type FromScriptThread =
  { id: number; result: AgentResult } | { id: number; call: { callId: number; call: RelayedCall } };
