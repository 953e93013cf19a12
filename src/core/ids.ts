/**
 * Branded identifiers. Ids are branded once where they enter (a command, a stored record) so the
 * rest of the code never casts, and a step id can't be passed where a run id is expected.
 */
declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

export type ProjectId = Brand<string, 'ProjectId'>;
export type FlowId = Brand<string, 'FlowId'>;
export type StepId = Brand<string, 'StepId'>;
export type EdgeId = Brand<string, 'EdgeId'>;
export type ModelId = Brand<string, 'ModelId'>;
export type RunId = Brand<string, 'RunId'>;
export type AgentId = Brand<string, 'AgentId'>;
export type GapId = Brand<string, 'GapId'>;
/** Lower-case hex SHA-256 of an artifact's canonical bytes. */
export type ArtifactHash = Brand<string, 'ArtifactHash'>;

/** Source of fresh ids, injected so the core stays deterministic under test. */
export interface IdSource {
  next(prefix: string): string;
}

/** Ids from a counter: deterministic, for tests and replays. */
export function counterIds(start = 1): IdSource {
  let n = start;
  return { next: (prefix) => `${prefix}_${(n++).toString(36)}` };
}
