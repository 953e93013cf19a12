import type {
  AgentBusMessage,
  AgentBusRequest,
  AgentFetchRequest,
  AgentFetchResponse,
  AgentLlmRequest,
  AgentLlmResponse,
  HostReply,
} from '../ports/ports';

/**
 * The agent runtime contract: what a model's code sees (`AgentContext`), the limits every host
 * applies, and the sentences an author reads when something goes wrong. One contract, three hosts
 * (the browser sandbox, the headless CLI and the runner, both of the latter in QuickJS); one
 * implementation of its semantics (./createAgentContext.ts) that every host runs, and one
 * conformance suite (src/runtime/quickjs/conformance.test.ts, e2e/agentConformance.spec.ts) that
 * holds them to it.
 *
 * Everything here is plain data or a pure function, so the QuickJS host can hand the data into
 * its isolate as JSON.
 */

/** What ctx.fetch takes besides the url. */
export interface FetchInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

/** What ctx.fetch resolves to: the conductor's answer, frozen, with a json() reader. */
export interface FetchAnswer extends AgentFetchResponse {
  json(): unknown;
}

/** The `ctx` a model's `export default async function run(ctx)` receives. */
export interface AgentContext {
  readonly agentId: string;
  /** The step's inputs by port name; deep-frozen. */
  readonly inputs: Readonly<Record<string, unknown>>;
  /** The model's settings (an extension kind's); deep-frozen. */
  readonly settings: Readonly<Record<string, unknown>>;
  /** Sends a value out of an output port; checked against the model's ports, refused after it returned. */
  emit(port: string, value: unknown): void;
  /** One line of the run's log (at most `maxLogLines` lines of `maxLogLineChars` are kept). */
  log(...args: unknown[]): void;
  /** The seeded generator: the same numbers for the same recorded seed. */
  random(): number;
  /** The agent's virtual time (what Date.now() answers too). */
  now(): number;
  /** An HTTP request the conductor makes, checks and journals. */
  fetch(url: string, init?: FetchInit): Promise<FetchAnswer>;
  /** A call to one of the project's LLM models, by name, through the conductor. */
  llm(request: AgentLlmRequest): Promise<AgentLlmResponse>;
  /** The message bus: messages between agents, through the conductor (see src/core/bus). */
  readonly bus: AgentBus;
}

/** Who sees a message or competes for a claim: this run's tree (the default) or the whole project. */
export interface BusScopeOption {
  scope?: 'tree' | 'project';
}

/** ctx.bus: each call is an event in the run's log (posts, claims) or a read of it. */
export interface AgentBus {
  /** Posts a message (any JSON value) on a topic (a slug); resolves with its seq, the cursor just after it. */
  post(topic: string, message: unknown, options?: BusScopeOption): Promise<{ seq: number; messageId: string }>;
  /** The topic's messages this run sees, oldest first, after the cursor `since` (a seq; all when left out). */
  read(topic: string, options?: { since?: number }): Promise<AgentBusMessage[]>;
  /** The next message after `since` (waiting for it), or null when `deadlineMs` passes first. */
  next(topic: string, options?: { since?: number; deadlineMs?: number }): Promise<AgentBusMessage | null>;
  /** Claims a key: true for the one agent that gets it first in its scope, false for every other. */
  claim(key: string, options?: BusScopeOption): Promise<{ won: boolean; holder: string }>;
}

/** The part of an AgentTask the context is built from (the code is the host's business). */
export interface AgentTaskView {
  agentId: string;
  inputs: Record<string, unknown>;
  outputPorts: readonly string[];
  seed: number;
  now: number;
  entry?: { kind: string } | null | undefined;
  settings?: Record<string, unknown> | undefined;
}

/** How one agent's run ended, as the host reports it: emitted values, or the reason in words. */
export type AgentOutcome =
  { ok: true; emitted: Array<{ port: string; value: unknown }> } | { ok: false; reason: string };

/** What an agent asks of the conductor, as plain data: ctx.fetch or ctx.llm. */
export type AgentCall =
  | { what: 'fetch'; request: AgentFetchRequest }
  | { what: 'llm'; request: AgentLlmRequest }
  | { what: 'bus'; request: AgentBusRequest };

/** The limits every host applies, the same everywhere. */
export const AGENT_LIMITS = {
  /** Lines kept of one agent's log; the last kept line says that more were dropped. */
  maxLogLines: 200,
  maxLogLineChars: 2_000,
  /** Mediated calls (ctx.fetch, ctx.llm, ctx.bus) waiting at once, and made in one run. */
  maxCallsInFlight: 8,
  maxCallsPerAgent: 200,
  /** The longest ctx.bus.next may wait, in ms (an agent's own deadline stops it sooner). */
  maxBusWaitMs: 600_000,
  /** A URL, a header value, a model name: generous, but no megabyte strings in small fields. */
  maxCallFieldChars: 8_000,
  maxCallHeaders: 50,
  /** A request body or an LLM prompt (the response side is capped by MAX_FETCH_BYTES in the conductor). */
  maxCallBodyChars: 1_000_000,
  /** The heap and stack of a QuickJS isolate (a browser worker has V8's own, larger ones). */
  memoryBytes: 64 * 1024 * 1024,
  stackBytes: 256 * 1024,
} as const;
export type AgentLimits = typeof AGENT_LIMITS;

/** The ctx API, as the sentences name it. */
export const CTX_API = 'ctx.inputs, ctx.settings, ctx.emit, ctx.log, ctx.random, ctx.now, ctx.fetch and ctx.llm';
const CTX_HINT = `Use only the ctx API: ${CTX_API}.`;

/** Routes out of an isolate, each with the words an agent author sees when they try it. */
const denied = (what: string, names: readonly string[]): Record<string, string> =>
  Object.fromEntries(names.map((name) => [name, `Agents cannot use ${what} (${name}). ${CTX_HINT}`]));

/**
 * Globals every host answers with a sentence instead of a value: reading one throws it. The
 * browser sandbox blocks every other non-standard global too (workers/sandbox.worker.ts); a
 * QuickJS isolate has nothing else to block.
 */
export const DENIED_GLOBALS: Readonly<Record<string, string>> = {
  ...denied('the network', [
    'fetch',
    'XMLHttpRequest',
    'WebSocket',
    'WebSocketStream',
    'WebTransport',
    'EventSource',
    'FontFace',
    'fonts',
    'RTCPeerConnection',
  ]),
  ...denied('storage', [
    'indexedDB',
    'caches',
    'webkitRequestFileSystem',
    'webkitRequestFileSystemSync',
    'webkitResolveLocalFileSystemURL',
    'webkitResolveLocalFileSystemSyncURL',
  ]),
  ...denied('other workers or tabs', ['BroadcastChannel', 'Worker', 'SharedWorker', 'MessageChannel']),
  ...denied('the studio directly', ['postMessage', 'close']),
  ...denied('navigator (it reaches storage, locks, beacons and devices)', ['navigator']),
  ...denied('scripts from elsewhere', ['importScripts']),
  ...denied('notifications', ['Notification']),
  ...denied('the host process or its files', ['process', 'Deno', 'Bun', 'global']),
};

/** The sentences an author reads, as plain data the isolate receives too. */
export const AGENT_SENTENCES = {
  ctxHint: CTX_HINT,
  /** `require('fs')`, `require('anything')`. */
  noModules: `Models cannot import modules; use only the ctx API: ${CTX_API}.`,
  /** Code containing import(), refused before it is compiled. */
  dynamicImport: `its code uses dynamic import(), which could reach the network. Models cannot import modules; use only the ctx API: ${CTX_API}.`,
  codeGeneration: `Agents cannot generate code at run time (eval, Function, import()). ${CTX_HINT}`,
  /** The engine's heap ran out, or a value grew past what an engine holds. */
  heap: 'it ran out of memory and was stopped. Build smaller values, or split the work over more steps.',
  stack:
    'it recursed too deeply (its stack ran out) and was stopped. Look for a function that calls itself without end.',
  noDefault: "the model's code must `export default` a function that takes ctx.",
  /** Mediated calls; `{what}` is fetch or llm. The isolate says them first; the host repeats them when it re-checks. */
  tooManyCalls: `ctx.{what}: this model already made ${AGENT_LIMITS.maxCallsPerAgent} calls, the most one run may make. Split the work over more steps.`,
  tooManyWaiting: `ctx.{what}: ${AGENT_LIMITS.maxCallsInFlight} calls are already waiting for an answer, the most at once. Await some before starting more.`,
  noConductor:
    'ctx.{what} is not available here: this agent runs without a conductor to answer it, so it can reach neither the network nor an LLM.',
  callAfterFinish: 'ctx.{what} was called after the model finished. Await your work before returning.',
} as const;
export type AgentSentences = typeof AGENT_SENTENCES;

/** Everything the implementation reads besides the task: plain data, so it crosses into QuickJS as JSON. */
export interface AgentContract {
  limits: AgentLimits;
  sentences: AgentSentences;
}
export const AGENT_CONTRACT: AgentContract = { limits: AGENT_LIMITS, sentences: AGENT_SENTENCES };

/**
 * Dynamic import() would fetch a module past every lock, so code that contains it is refused before
 * it is compiled. Comments (including HTML-like ones) may sit between `import` and `(`.
 */
const DYNAMIC_IMPORT = /(?<![\w$])import(?:\s|\/\*[\s\S]*?\*\/|\/\/.*|<!--.*|-->.*)*\(/;
export const usesDynamicImport = (code: string): boolean => DYNAMIC_IMPORT.test(code);

/** The reason for code that does not compile, with the engine's own words on where. */
export const doesNotCompile = (detail: string): string => `its code does not compile: ${detail}`;

/** The reason for an agent stopped at its model's deadline. */
export const pastDeadline = (deadlineMs: number): string =>
  `it ran past its deadline of ${deadlineMs} ms and was stopped. Look for an endless loop, or raise the model's timeout.`;

/** The reason for an agent stopped at the longest any agent may run in this host. */
export const pastHostCap = (capMs: number): string =>
  `it ran for ${capMs / 1000} s, the longest any agent may run in this version of the studio, and was stopped. Split the work into shorter steps.`;

/** A sentence of AGENT_SENTENCES with its `{what}` filled in ('fetch' or 'llm'). */
export const callSentence = (template: string, what: 'fetch' | 'llm' | 'bus'): string =>
  template.split('{what}').join(what);

/** A reply the host could not get from the conductor: the agent still gets an answer. */
export type CallReply = HostReply<AgentFetchResponse> | HostReply<AgentLlmResponse>;

/**
 * Whether a thrown error is an engine's own limit (V8's in the browser, QuickJS's in the CLI and
 * on the runner), which the author then reads as the same sentence in every host. Self-contained:
 * the QuickJS host injects its source text, as it does createAgentContext's.
 */
export function engineLimit(name: string, message: string): 'heap' | 'stack' | null {
  if (name !== 'RangeError' && name !== 'InternalError') return null;
  if (/^(Invalid string length|string too long|out of memory|Array buffer allocation failed)$/i.test(message))
    return 'heap';
  if (/^(Maximum call stack size exceeded|stack overflow)$/i.test(message)) return 'stack';
  return null;
}
