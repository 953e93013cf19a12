import type { z } from 'zod';
import type { EventData, EventDraft, FlowChange, PlanStep } from '../events/eventMap';
import type { EventUpcaster } from '../events/eventUpcasters';
import type { StoredEvent } from '../events/storedEvent';
import type { FlowId, GapId, RunId, StepId } from '../ids';
import type { KindRegistry } from '../kinds/kindRegistry';
import type { ModelDefinition } from '../models/modelDefinition';
import type { EditHistory } from '../project/editHistory';
import type { ProjectDefinitions } from '../project/projectState';
import type { ConductorPorts } from '../ports/ports';

/*
 * A feature (alerts, intents, flow tests, explorations…) as the studio plugs it in: one object
 * exported from its folder, listed once in src/core/catalogue. Like a kind in the kind registry, it
 * brings everything the studio needs to know of it: its events, the commands a person can send it,
 * what the conductor keeps of it and what the page shows of it. The catalogue builds the event
 * map, the command schema, the planning dispatch, the run commands and both folds from the list.
 */

/** What a command turns into: the events to append (atomically), and the id of what it made, if any. */
export interface PlannedCommand {
  drafts: EventDraft[];
  createdId?: string;
}

/**
 * A command schema: a strict object whose `type` is a string literal, so the catalogue can join
 * every feature's commands into one discriminated union.
 */
export type CommandSchema = z.ZodObject<{ type: z.ZodLiteral<string> } & z.ZodRawShape>;

/** One command a feature handles. */
export interface FeatureCommand<S extends CommandSchema = CommandSchema> {
  /** Validated on arrival: the worker trusts no caller. */
  readonly schema: S;
  /** After it, the conductor's loop may have new work (a run started, a rule changed, time moved). */
  readonly wakesLoop: boolean;
  /** Turns the command into events; throws a StudioError (with a sentence) to refuse it, changing nothing. */
  plan(command: z.output<S>, context: PlanContext): PlannedCommand | Promise<PlannedCommand>;
}

/** Declares a command, keeping its schema's type so `plan` gets the parsed command exactly. */
export function command<S extends CommandSchema>(
  schema: S,
  handling: Omit<FeatureCommand<S>, 'schema'>,
): FeatureCommand<S> {
  return { schema, ...handling };
}

/** What a feature's conductor fold may look up: the project as folded so far. */
export interface FeatureHost {
  /** The project's definitions as folded up to the event being folded. */
  definitions(): ProjectDefinitions;
  /** A model at the version a run or agent names. */
  modelAt(ref: { modelId: string; modelVersion: number }): ModelDefinition | undefined;
}

/**
 * What the conductor keeps of a feature, folded from the log one event at a time (live, on open,
 * in replays alike). `fold` may return the same object it was given (a class that observes).
 */
export interface ConductorFold<State> {
  initial(host: FeatureHost): State;
  fold(state: State, event: StoredEvent): State;
}

/**
 * What the page shows of a feature: folded in batches (a long history loads in one pass per
 * batch), under `key` in the project's view. `initial` is shared: a fold never mutates its view.
 */
export interface PageFold<Key extends string, View> {
  readonly key: Key;
  readonly initial: View;
  fold(view: View, events: readonly StoredEvent[]): View;
}

/** A question waiting for a person, as the conductor keeps it. */
export interface OpenAsk {
  runId: RunId;
  data: EventData<'person.asked'>;
}

/** Every flow edit's forward changes and their inverse, by the seq of its event (what undo applies). */
export type EditChanges = ReadonlyMap<number, { forward: FlowChange[]; inverse: FlowChange[] }>;

/** Declares a page view folded one event at a time (most are), keeping its key's and view's types. */
export function pageFoldEach<const Key extends string, View>(
  key: Key,
  initial: View,
  foldOne: (view: View, event: StoredEvent) => View,
): PageFold<Key, View> {
  return { key, initial, fold: (view, events) => events.reduce(foldOne, view) };
}

/**
 * The facts the conductor itself keeps that the core commands read (the run engine's view of runs,
 * the questions waiting for a person, the edit history…). Narrow on purpose: a planner reads, it
 * never drives the engines.
 */
export interface ConductorFacts {
  /** A run that is going (not finished, not interrupted). */
  isGoing(runId: RunId): boolean;
  /** A run that was interrupted and may be resumed. */
  isResumable(runId: RunId): boolean;
  /** The gaps of an interrupted run whose agents died with it: closed as abandoned on resume. */
  danglingGaps(runId: RunId): readonly GapId[];
  readonly openAsks: ReadonlyMap<string, OpenAsk>;
  planStep(runId: RunId, stepId: StepId): PlanStep | undefined;
  readonly history: EditHistory;
  readonly flowEdits: EditChanges;
  /** The intents engine: its virtual clock's offset, and a person's answer to a gap sent to them. */
  readonly intents: {
    readonly clockOffset: number;
    answer(itemId: string, decision: 'retry' | 'dismiss', notes: string | undefined): EventDraft[];
  };
  /** Extensions the conductor has activated and not unloaded. */
  readonly activeExtensions: ReadonlySet<string>;
  /** A flow and every flow its sub-flow steps run, however deep. */
  flowsReachedFrom(flowId: FlowId): Set<string>;
}

/** What a planner may read. The state of any feature is read through `stateOf`. */
export interface PlanContext {
  readonly defs: ProjectDefinitions;
  readonly kinds: KindRegistry;
  readonly ports: ConductorPorts;
  readonly conductor: ConductorFacts;
  /** A feature's state as the conductor has folded it: its `conductorFold` is the key. */
  stateOf<State>(fold: ConductorFold<State>): State;
  /** Every feature's say on a run a person starts (see `Feature.checkRun` and `amendRun`). */
  checkRun(flowId: FlowId): Promise<void>;
  amendRun(drafts: EventDraft[], flowId: FlowId): EventDraft[];
}

/**
 * One feature. Everything but `name` is optional: a feature may only add events (learning's
 * choices), or only commands. Its event schemas must also be declared, as types, into
 * `EventSchemas` (events/eventMap.ts) by declaration merging beside the schemas, so the event union
 * stays exact; the catalogue refuses to compile when the two disagree.
 */
export interface Feature<State = unknown, Key extends string = string, View = unknown> {
  /** Names the feature in the catalogue's sentences (a clash of event types or commands). */
  readonly name: string;
  /** Its event types and the current schema of each one's data. */
  readonly events?: Readonly<Record<string, z.ZodType>>;
  /** Which of its events belong to a run (they carry `runId`; the others must not). */
  readonly runEventTypes?: readonly string[];
  /** Every upcaster of its event types that ever shipped, in order (see events/eventUpcasters.ts). */
  readonly upcasters?: readonly EventUpcaster[];
  readonly commands?: readonly FeatureCommand[];
  readonly conductorFold?: ConductorFold<State>;
  readonly pageFold?: PageFold<Key, View>;
  /** Before a person's run starts: throw a StudioError to refuse it (an extension not approved). */
  checkRun?(flowId: FlowId, context: PlanContext): Promise<void> | void;
  /** Events a feature adds to a person's new run (an alert holds a throttled one). */
  amendRun?(drafts: EventDraft[], flowId: FlowId, context: PlanContext): EventDraft[];
}

/** Declares a feature, keeping the exact types of its commands and views for the catalogue. */
export function defineFeature<const F extends Feature>(feature: F): F {
  return feature;
}
