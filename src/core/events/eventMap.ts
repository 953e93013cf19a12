import type { z } from 'zod';

/**
 * The one map of event types to their payload schemas, as types. The event union, the drafts and
 * every `EventData<…>` are derived from it. Each feature adds its own events by declaration merging
 * beside its schemas (`declare module '…/events/eventMap'`), so this folder never imports a feature:
 * the project's definitions (src/core/definitions), runs (src/core/running), intents, alerts…
 * The catalogue (src/core/catalogue) builds the runtime map from the same schemas and is checked
 * at compile time to hold exactly these types.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by the features' declaration merging
export interface EventSchemas {}

export type EventType = keyof EventSchemas;
export type EventData<T extends EventType> = z.infer<EventSchemas[T]>;

/** A run's plan: each step as it was frozen into the run when it started, so replay never depends on later edits. */
export type RunPlan = EventData<'run.started'>['plan'];
export type PlanStep = RunPlan['steps'][number];
export type PlanEdge = RunPlan['edges'][number];
/** A model at one version, as a plan pins it (fallbacks, the inverse model). */
export type ModelRef = NonNullable<PlanStep['fallbacks']>[number];
/** One atomic change to a flow (see definitions/definitionEvents.ts). */
export type FlowChange = EventData<'flow.changed'>['changes'][number];

/** What a writer proposes; the log adds seq, ts and the hash chain. */
/** `ts` only for events that happened elsewhere first (a runner's run, re-sealed here): they keep their own time. */
export type EventDraft = { [T in EventType]: { type: T; runId?: string; data: EventData<T>; ts?: number } }[EventType];
