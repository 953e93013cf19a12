import type { z } from 'zod';
import type { EventData } from '../events/eventMap';
import type { Port } from '../events/primitives';
import type { FlowId } from '../ids';
import type { StoredModel } from './modelFields';
import type { Headroom } from '../policy/budget';
import type { AgentHost, ConductorPorts, ErrorClass } from '../ports/ports';

/**
 * How the conductor treats a step of a kind. `agent`: an ephemeral agent does the work (a script
 * in a sandbox, an LLM call, an extension's code); `route`: the conductor decides from the input
 * (branches, quality and budget gates); `ask`: a person answers in the inbox; `subflow`: another
 * flow runs and its outputs come back; `listen`: the step waits for messages on the bus
 * (kinds/listen).
 */
export type KindRole = 'agent' | 'route' | 'ask' | 'subflow' | 'listen';

export interface Usage {
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
}

/** What an agent's work came to, before anything is promoted. */
export type AgentWork =
  /** `cutAtMaxTokens`: an LLM's reply stopped at the max_tokens it was given (finish reason "length"). */
  | {
      ok: true;
      emitted: Map<string, unknown>;
      logs: string[];
      durationMs: number;
      usage?: Usage;
      cutAtMaxTokens?: true;
    }
  | {
      ok: false;
      reason: string;
      errorClass: ErrorClass;
      logs: string[];
      durationMs: number;
      retryAfterMs?: number;
      usage?: Usage;
    };

/** What a kind's agent work is given: its spawn event, its inputs' values, the ports, and the mediated host. */
export interface AgentWorkContext {
  spawned: EventData<'agent.spawned'>;
  /** The run the agent works for (a handoff step names its folder after it). */
  runId: string;
  inputs: Record<string, unknown>;
  /** The virtual time the agent sees. */
  spawnedAt: number;
  ports: Pick<ConductorPorts, 'agents' | 'llm' | 'onStream' | 'handoff' | 'sha256'>;
  /** Answers the agent's ctx.fetch and ctx.llm, within what its kind was granted. */
  host: AgentHost;
  /**
   * The run's journal: the log lines starting with JOURNAL_MARK that this run's agents wrote before
   * this one was spawned, in log order. A kind whose answer depends on what the run already did
   * (Function Quest) reads it, so it is rebuilt from the log and a replay meets the same.
   */
  journal: readonly string[];
}

/** A route's verdict: the output it goes to (null: none) with a sentence, or a failure of the step. */
export type RouteVerdict = { taken: string | null; detail: string } | { failed: string };

/** A person is asked: what the inbox shows. */
export interface AskPlan {
  kind: 'approval' | 'input';
  question: string;
  ports?: Port[];
  /** How long the person has, from now; with what happens when nobody answers. */
  answerWithinMs?: number;
  onTimeout?: 'reject' | 'approve' | 'fail';
}

/** A starting document in "New model ▾", and the schema its text is checked with while typing. */
export interface KindTemplate {
  /** Unique across the registry: how the editor names what it is making (`llm`, `gate-approval`, `csv-tools/parse-csv`). */
  key: string;
  label: string;
  hint: string;
  /** The document's text; `flows` are the project's flows, for kinds that name one. */
  text(flows: ReadonlyArray<{ id: string; label: string }>): string;
  /** The model's schema without `version` (the conductor assigns it) and with an optional `modelId`. */
  document: z.ZodType;
}

/** What the capabilities an agent's kind asks for come to; a script may call LLMs but not fetch. */
export interface KindCapabilities {
  network: string[];
  llm: boolean;
  secrets: string[];
}

/** What of the project a kind reads when a model is saved or shown: the project's flows (a sub-flow names one). */
export interface ProjectScope {
  readonly flows: ReadonlyMap<FlowId, { readonly flowId: FlowId; readonly name: string }>;
}

/**
 * Everything one model kind brings, in one place: its role for the conductor, its decision logic
 * (pure), and what the studio shows of it (templates, docs, badge). Built-in kinds and extension
 * kinds are the same shape and register the same way (kindRegistry.ts).
 */
export interface KindModule<M extends StoredModel = StoredModel> {
  /** The registry's key: a built-in's `kind`, an extension kind's `<extension id>/<kind>`. */
  key: string;
  /** The extension that provides it (`built-in.<kind>` for the studio's own). */
  extensionId: string;
  /** How menus and titles name the kind. */
  label: string;
  /**
   * How a model of the kind is stored (`model.saved`): the model schema is the union of every
   * built-in kind's (see modelSchema.ts). Absent for a kind an extension provides: its models are
   * stored as `kind: "extension"`, so the log's schema never depends on what is installed.
   */
  schema?: z.ZodType<M>;
  /** Set for a kind a third-party extension provides: its name and version, and the kind's name in its manifest. */
  provided?: { extensionName: string; version: string; kind: string };
  /** How a model of the kind is written: TypeScript in the code editor, or a JSON definition. */
  editor: 'code' | 'definition';
  role(model: M): KindRole;
  /** What the kind's agents may ask the conductor for (none when absent). */
  capabilities?: KindCapabilities;
  /** `agent` role: the work itself. */
  work?(model: M, ctx: AgentWorkContext): Promise<AgentWork>;
  /** The most tokens one agent of this model may ask for, and the price it pays per output token. */
  tokenCap?(model: M): { maxTokens?: number; outputPerMTok: number };
  /** `route` role: where the input goes. `room` is what the run's budget has left. */
  route?(model: M, value: unknown, room: Headroom | undefined): RouteVerdict;
  /** `ask` role: what the person is asked. `label` is the step's. */
  ask?(model: M, label: string): AskPlan;
  /** `subflow` role, and the canvas's "Open sub-flow": the flow a model runs. */
  flowOf?(model: M): FlowId;
  /**
   * Before a definition is checked: replaces the names a person wrote (a sub-flow's flow by its
   * name) with the ids the model stores. Throws a StudioError when a name matches nothing.
   */
  resolveNames?(definition: Readonly<Record<string, unknown>>, defs: ProjectScope): Record<string, unknown>;
  /** The inverse of `resolveNames`, for the document a person edits: the ids a model stores shown as today's names. */
  showNames?(definition: Readonly<Record<string, unknown>>, defs: ProjectScope): Record<string, unknown>;
  /** Checks beyond the schema, when a model is saved (throws a StudioError with what to do). */
  check?(model: M, defs: ProjectScope): void;
  /** A short mark beside a step's name on the canvas; none for the common case. */
  badge(model: M): string | undefined;
  /** Entries in "New model ▾" (a gate has three). */
  templates: readonly KindTemplate[];
  /** Which of its templates an existing model's document is checked with. */
  templateOf(model: M): string;
  /** Hover text for the fields of its documents. */
  docs: Readonly<Record<string, string>>;
  /**
   * Its agents' log lines that start with JOURNAL_MARK go to the run's journal (AgentWorkContext.journal).
   * Only the kind's own work writes them: a script logging the same words is not journaled.
   */
  journals?: true;
  /** Intent agents run code: only a kind that runs code in the sandbox can be one. */
  runsIntentAgents?: boolean;
}

/** An extension as the registry knows it: what it says of itself, and the kinds it provides. */
export interface ExtensionEntry {
  id: string;
  name: string;
  version: string;
  kinds: readonly KindModule[];
}
