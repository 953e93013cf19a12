import type { EventDraft } from '../events/eventMap';
import type { StoredEvent } from '../events/storedEvent';
import type { ArtifactRecord } from '../artifacts/artifactRecord';
import type { ArtifactHash } from '../ids';
import type { Sha256 } from '../events/hashChain';

/**
 * What the conductor needs from the world, injected so the core has no storage, timers, clock or
 * workers of its own. The worker supplies Dexie, sandbox workers and the wall clock; tests supply
 * in-memory versions.
 */
export interface EventLog {
  /** Appends drafts atomically (all or none), returns them sealed. The only way the log grows. */
  append(drafts: readonly EventDraft[]): Promise<StoredEvent[]>;
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
}

export type AgentResult =
  | { ok: true; emitted: Array<{ port: string; value: unknown }>; logs: string[]; durationMs: number }
  | { ok: false; reason: string; logs: string[]; durationMs: number };

/** Runs one agent in a fresh isolate and always settles: with its result, or its failure. */
export interface AgentRunner {
  run(task: AgentTask): Promise<AgentResult>;
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
}
