import type { ArtifactRecord } from '../../src/core/artifacts/artifactRecord';
import type { Command } from '../../src/core/conductor/commands';
import type { AgentResult, AgentTask, HostReply, LlmRequest, LlmResult } from '../../src/core/conductor/ports';
import type { RelayedCall } from '../../src/runtime/relayedHost';
import type { ChainHead } from '../../src/core/events/hashChain';
import type { EventRecord } from '../../src/core/events/storedEvent';

/**
 * The messages between the runner's parts, in one place: the project object (projectObject.ts),
 * its driver (driver.ts), the waiter (waiters.ts) and the studio's front (api.ts) all speak these,
 * and none of them imports another for its types. Each Restate handler's input and answer is one
 * entry of a handler map below; callers go through `ingress.ts`, typed by the same maps.
 */

/** A command for the project's driver, queued by the front. */
export interface CommandEnvelope {
  requestId: string;
  /** `cancel` stops the run named, or every run going without one (Stop in the studio). */
  command: Command | { type: 'cancel'; runId?: string };
}

/** The driver's answer to one command, which the front waits for. */
export type CommandReply =
  { ok: true; createdId?: string; seq: number } | { ok: false; message: string; hint?: string };

/** A page of the log, as `read` answers and as a wait on the log is woken with. */
export interface LogPage {
  records: EventRecord[];
  head: ChainHead | null;
  driving: boolean;
}

/**
 * What a wait is for: `log`, the project's log growing past a seq (or its driver letting go);
 * `inbox`, a command arriving for the driver.
 */
export type WaitTopic = 'log' | 'inbox';

/** A wait as the waiter takes it: on `key`'s `topic`, past `since`, for at most `ms`; `at` is the caller's clock. */
export interface WaitRequest {
  key: string;
  topic: WaitTopic;
  since: number;
  ms: number;
  at?: number;
}

/** `woke`: what was waited for happened (a wait on the log says so with the page from `since`). */
export interface WaitAnswer {
  woke: boolean;
  page?: LogPage;
}

/** The waiter registering its awakeable `id` with the project object. */
export interface WatchRequest {
  id: string;
  topic: WaitTopic;
  since: number;
  ms: number;
  at?: number;
}

/** `already`: what the wait is for has happened, so the waiter need not wait (with the page, for the log). */
export interface WatchAnswer {
  already: boolean;
  page?: LogPage;
}

/** A batch of sealed records (with the artifacts they point at), from the driver holding claim `epoch`. */
export interface AppendRequest {
  epoch: number;
  records: EventRecord[];
  artifacts: ArtifactRecord[];
}

/** A handler's input and answer. */
export interface Handler<Input, Output> {
  input: Input;
  output: Output;
}

/** The project object's handlers (projectObject.ts). */
export interface ProjectHandlers {
  seed: Handler<{ records: EventRecord[]; artifacts: ArtifactRecord[] }, { seeded: boolean; head: ChainHead | null }>;
  enqueue: Handler<CommandEnvelope[], { queued: number }>;
  claim: Handler<null, { epoch: number }>;
  append: Handler<AppendRequest, { head: ChainHead | null }>;
  takeInbox: Handler<{ epoch: number }, CommandEnvelope[]>;
  reply: Handler<{ epoch: number; requestId: string; reply: CommandReply }, void>;
  release: Handler<{ epoch: number }, { released: boolean }>;
  watch: Handler<WatchRequest, WatchAnswer>;
  read: Handler<{ since: number; limit?: number }, LogPage>;
  replyTo: Handler<{ requestId: string }, CommandReply | null>;
  artifacts: Handler<{ hashes: string[] }, Array<ArtifactRecord | null>>;
}

/** The waiter service's handlers (waiters.ts). */
export interface WaiterHandlers {
  until: Handler<WaitRequest, WaitAnswer>;
}

/** The agent service's handlers (agentService.ts). */
export interface AgentHandlers {
  /** `hostKey`: the agent's calls (ctx.fetch, ctx.llm) are answered by its driver through hostRelay.ts; absent, they are refused. */
  script: Handler<AgentTask & { hostKey?: string }, AgentResult>;
  llm: Handler<LlmRequest, LlmResult>;
}

/** One of an agent's calls waiting for its driver: `n` counts from 1; `answerId` is the asker's awakeable. */
export interface PendingHostCall {
  n: number;
  call: RelayedCall;
  answerId: string;
}

/** The agentCalls object's handlers (hostRelay.ts), keyed by the agent's host key. */
export interface AgentCallsHandlers {
  put: Handler<PendingHostCall, void>;
  watch: Handler<{ since: number; wakeId: string }, PendingHostCall[] | null>;
  answer: Handler<{ n: number; reply: HostReply<unknown> }, void>;
  close: Handler<null, void>;
}

/** The hostCall service's handlers (hostRelay.ts): `ask` from the agent's process, `next` from its driver. */
export interface HostCallHandlers {
  ask: Handler<{ hostKey: string; n: number; call: RelayedCall; ms: number }, HostReply<unknown>>;
  next: Handler<{ hostKey: string; since: number; ms: number }, PendingHostCall[]>;
}

export type ProjectInput<H extends keyof ProjectHandlers> = ProjectHandlers[H]['input'];
export type ProjectOutput<H extends keyof ProjectHandlers> = ProjectHandlers[H]['output'];

/**
 * The status the project object refuses a driver's append, inbox, reply or release with when that
 * driver's claim (its epoch) was taken over by another: the driver hears it as a `claim-lost`
 * error (ingress.ts) and stops, writing nothing more.
 */
export const CLAIM_LOST_STATUS = 412;
