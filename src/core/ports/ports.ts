import type { EventDraft } from '../events/eventMap';
import type { EventRecord, StoredEvent } from '../events/storedEvent';
import type { ArtifactRecord } from '../artifacts/artifactRecord';
import type { ArtifactHash } from '../ids';
import type { Sha256 } from '../events/hashChain';
import type { HandoffHost } from '../handoff/handoffHost';
import type { ErrorClass } from '../errors/errorClasses';
import type { SerializedStudioError } from '../errors/studioError';
import type { LlmProvider } from './llmProviders';

/**
 * What the conductor needs from the world, injected so the core has no storage, timers, clock or
 * workers of its own. The worker supplies Dexie, sandbox workers and the wall clock; tests supply
 * in-memory versions.
 */
export interface EventLog {
  /** Appends drafts atomically (all or none), returns them sealed. The only way the log grows. */
  append(drafts: readonly EventDraft[]): Promise<StoredEvent[]>;
  /**
   * The records exactly as stored, unverified: the conductor opens the log from these (verify,
   * then upcast, then parse) and links new events on after the last one.
   */
  readRecords(): Promise<EventRecord[]>;
  /** The events decoded to the current versions, for commands that look back (fork, restore). */
  readAll(): Promise<StoredEvent[]>;
}

export interface ArtifactStore {
  put(record: ArtifactRecord): Promise<void>;
  get(hash: ArtifactHash): Promise<ArtifactRecord | undefined>;
}

export interface Clock {
  now(): number;
}

export interface AgentTask {
  agentId: string;
  /** Compiled model code (CommonJS-style: it sets exports.default). */
  code: string;
  inputs: Record<string, unknown>;
  outputPorts: string[];
  seed: number;
  /** Virtual time the agent sees from ctx.now(). */
  now: number;
  deadlineMs: number;
  /**
   * Set for an extension's kind: the sandbox calls `exports.kinds[entry.kind]` of `code` (the
   * extension's entry code) instead of `exports.default`.
   */
  entry?: { kind: string };
  /** The model's settings (an extension kind's), frozen into ctx.settings. */
  settings?: Record<string, unknown>;
}

/** What an agent asks of the conductor through ctx.fetch: plain data, at most 1 MB of body. */
export interface AgentFetchRequest {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}
export interface AgentFetchResponse {
  ok: boolean;
  status: number;
  statusText: string;
  headers: Record<string, string>;
  text: string;
}

/** What an agent asks of the conductor through ctx.llm: `model` is the *name* of an LLM model of the project. */
export interface AgentLlmRequest {
  model: string;
  prompt: string;
  system?: string;
  maxTokens?: number;
  temperature?: number;
}
export interface AgentLlmResponse {
  text: string;
  usage: LlmUsage;
}

/**
 * What an agent asks of the message bus through ctx.bus (see src/core/bus): post a message, read a
 * topic after a cursor, wait for the next message (at most `deadlineMs`), or claim a key.
 */
export type AgentBusRequest =
  | { op: 'post'; topic: string; message: unknown; scope?: 'tree' | 'project' }
  | { op: 'read'; topic: string; since?: number }
  | { op: 'next'; topic: string; since?: number; deadlineMs?: number }
  | { op: 'claim'; key: string; scope?: 'tree' | 'project' };
/** A message as an agent reads it: `seq` is its place in the log, the cursor to read on from. */
export interface AgentBusMessage {
  seq: number;
  topic: string;
  /** Who posted it, by name (a step's label, or a person). */
  from: string;
  body: unknown;
}
/** What each ctx.bus operation answers. */
export type AgentBusReply =
  | { posted: { seq: number; messageId: string } }
  | { messages: AgentBusMessage[] }
  | { next: AgentBusMessage | null }
  | { claim: { won: boolean; holder: string } };

/** A mediated call's answer: a refusal or failure is a sentence the sandbox throws as an Error. */
export type HostReply<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * The conductor's side of an agent's ctx.fetch and ctx.llm: every call crosses here, where the
 * capabilities granted to the model's extension are checked and each call is journaled.
 */
export interface AgentHost {
  fetch(request: AgentFetchRequest): Promise<HostReply<AgentFetchResponse>>;
  llm(request: AgentLlmRequest): Promise<HostReply<AgentLlmResponse>>;
  /** ctx.bus; a host without a bus (no conductor behind it) leaves it out and the agent is told so. */
  bus?(request: AgentBusRequest): Promise<HostReply<AgentBusReply>>;
}

/** One HTTP request made for an agent, by the conductor (never by the sandbox). */
export interface HttpRequest extends AgentFetchRequest {
  deadlineMs: number;
}
export type HttpResult =
  | ({ ok: true; durationMs: number; bytes: number } & AgentFetchResponse)
  | { ok: false; reason: string; errorClass: ErrorClass; durationMs: number };
/** Always settles, never throws; reads at most MAX_FETCH_BYTES of the body. */
export interface HttpClient {
  request(request: HttpRequest): Promise<HttpResult>;
}
export const MAX_FETCH_BYTES = 1_000_000;

export interface ExtensionGrant {
  hash: string;
  extensionId: string;
  name: string;
  version: string;
}
export interface ExtensionGrants {
  isApproved(hash: string): Promise<boolean>;
  approve(grant: ExtensionGrant): Promise<void>;
}

export type AgentResult =
  | { ok: true; emitted: Array<{ port: string; value: unknown }>; logs: string[]; durationMs: number }
  | { ok: false; reason: string; logs: string[]; durationMs: number; errorClass?: ErrorClass };

/** Runs one agent in a fresh isolate and always settles: with its result, or its failure. */
export interface AgentRunner {
  /** `host` answers the agent's ctx.fetch and ctx.llm; without one, those calls fail with a sentence. */
  run(task: AgentTask, host?: AgentHost): Promise<AgentResult>;
}

export type CompileResult = { ok: true; code: string } | { ok: false; message: string };
/** Turns a script model's TypeScript into the code an agent runs. */
export type ModelCompiler = (source: string) => CompileResult;

export interface ConductorPorts {
  log: EventLog;
  artifacts: ArtifactStore;
  agents: AgentRunner;
  clock: Clock;
  sha256: Sha256;
  compile: ModelCompiler;
  newId: (prefix: string) => string;
  /** A seed for an agent's ctx.random; recorded in its spawn event so replays see the same. */
  newSeed: () => number;
  /** Called after every append, with what was appended (the worker broadcasts them). */
  onAppended?: (events: StoredEvent[]) => void;
  /**
   * This browser's approvals of extensions' capabilities, by extension hash. They stay on this
   * machine (never in the log or an export): whoever opens a project approves for themselves.
   * Absent: nothing is approved, so no extension kind runs.
   */
  grants?: ExtensionGrants;
  /**
   * The API keys of this browser, by name, for the `{{secret:NAME}}` placeholders in an
   * extension's ctx.fetch headers (only names its manifest declares). Keys never reach the sandbox.
   */
  secrets?: (name: string) => Promise<string | undefined>;
  /** Makes the HTTP requests extensions are granted (ctx.fetch); absent where there is none. */
  http?: HttpClient;
  /** Calls LLM models; absent where there is none (then LLM steps fail with a reason). */
  llm?: LlmClient;
  /** The project's handoff folder (docs/handoff.md); absent where none was chosen (then handoff steps fail saying so). */
  handoff?: HandoffHost;
  /** Text streaming from an LLM call, as it grows; null when the call is over. Not journaled. */
  onStream?: (agentId: string, text: string | null) => void;
  /** Asks to be ticked at virtual time `atMs` (a retry's backoff, a person's deadline). */
  wakeAt?: (atMs: number) => void;
  /**
   * A failure the page must hear of at once: a studio bug (code `internal`, with its details for
   * "Copy details"), or a failure that could not even be written to the log.
   */
  onFault?: (error: SerializedStudioError) => void;
  /** Fault injection for tests only (see testHooks.ts); absent in every normal build. */
  testHooks?: ConductorTestHooks;
}

/** Points where a test build may make the conductor throw, to prove its failures surface. */
export interface ConductorTestHooks {
  /** Called before the conductor drafts the events for one of a run's decisions, with the step's model name. */
  beforeDraft?: (modelName: string | undefined) => void;
}

// Re-exported so adapters keep naming the classes where they meet the conductor.
export { ERROR_CLASSES, type ErrorClass } from '../errors/errorClasses';

export { LLM_PROVIDERS, type LlmProvider } from './llmProviders';

export interface LlmMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** One chat completion against a backend of one of the LLM_PROVIDERS. */
export interface LlmRequest {
  agentId: string;
  /** The wire format to speak; absent means `openai-compatible` (models saved before providers). */
  provider?: LlmProvider;
  /** e.g. https://api.openai.com/v1 or http://localhost:11434/v1 (no trailing /chat/completions). */
  baseUrl: string;
  model: string;
  /** The name of a key kept in this browser (never the key itself: keys never enter the log). */
  apiKeyName?: string;
  messages: LlmMessage[];
  maxTokens?: number;
  temperature?: number;
  /** Wall-clock limit for the whole call. */
  deadlineMs: number;
  /** A stream that sends nothing for this long is treated as stalled (class `timeout`). */
  stallMs?: number;
}

export interface LlmUsage {
  promptTokens: number;
  completionTokens: number;
}

export type LlmResult =
  | { ok: true; text: string; usage: LlmUsage; durationMs: number; finishReason: string }
  | {
      ok: false;
      errorClass: ErrorClass;
      /** A sentence for a person: what happened and what to do. */
      reason: string;
      durationMs: number;
      partialText: string;
      usage?: LlmUsage;
      /** From a Retry-After header, when the server sent one. */
      retryAfterMs?: number;
    };

/** Streams a completion; `onDelta` gets the text so far as it grows. Always settles, never throws. */
export interface LlmClient {
  complete(request: LlmRequest, onDelta?: (textSoFar: string) => void): Promise<LlmResult>;
  /**
   * Aborts the calls in flight for this agent (its run was stopped): each settles at once as a
   * failure carrying the usage streamed until then, and the model stops generating (and billing).
   */
  cancel?(agentId: string): void;
}

/** Agent log lines that start with this are kept in the run's journal (see AgentWorkContext.journal). */
export const JOURNAL_MARK = 'journal: ';
