import type { FlowTrigger } from '../../../src/core/policy/flowTrigger';
import type { StartedRun } from '../../../src/protocol/publicApi';
import { callObject } from '../ingress';
import type { Handler } from '../protocol';

/**
 * The messages between the public API (publicApi.ts) and the Restate objects it keeps its records
 * in (publicObjects.ts, triggerObject.ts), in one place, as protocol.ts does for the studio's.
 */

/** A flow of a published project: by name for callers, by id for the conductor. */
export interface PublishedFlow {
  name: string;
  flowId: string;
  trigger?: FlowTrigger;
}

/** What a studio project id answers to: the remote project its latest definitions run in. */
export interface PublishedProject {
  projectId: string;
  name: string;
  remoteKey: string;
  publishedAt: number;
  flows: PublishedFlow[];
}

/** `catalog`, one per studio project id. */
export interface CatalogHandlers {
  publish: Handler<PublishedProject, { armed: number }>;
  get: Handler<null, PublishedProject | null>;
}

/** Where a run is: `run`, one per run id started through the public API or a trigger. */
export interface RunRecord {
  projectId: string;
  remoteKey: string;
  flow: string;
}
export interface RunIndexHandlers {
  record: Handler<RunRecord, void>;
  get: Handler<null, RunRecord | null>;
}

/** `idempotency`, one per Idempotency-Key. */
export interface IdempotencyHandlers {
  /**
   * The first call with a key keeps `fingerprint` and `requestId`; later ones get the kept
   * requestId (and the run, once settled), or `conflict` if they describe another request.
   */
  begin: Handler<
    { fingerprint: string; requestId: string },
    { requestId: string; run?: StartedRun; conflict?: boolean }
  >;
  settle: Handler<{ run: StartedRun }, void>;
}

/** What a cron trigger starts, kept by its `trigger` object (key: project id / flow id). */
export interface ScheduleSpec {
  projectId: string;
  remoteKey: string;
  flowId: string;
  flow: string;
  cron: string;
  input: string;
}
export interface TriggerHandlers {
  arm: Handler<ScheduleSpec, { nextRunAt: number | null }>;
  disarm: Handler<null, void>;
  fire: Handler<{ generation: number }, void>;
  nextRunAt: Handler<null, number | null>;
}

export const triggerKey = (projectId: string, flowId: string) => `${projectId}/${flowId}`;

type Maps = {
  catalog: CatalogHandlers;
  run: RunIndexHandlers;
  idempotency: IdempotencyHandlers;
  trigger: TriggerHandlers;
};

/** A call to one of the public API's objects through Restate's ingress, typed by the maps above. */
export function callPublic<O extends keyof Maps, H extends keyof Maps[O] & string>(
  object: O,
  key: string,
  handler: H,
  input: Maps[O][H] extends Handler<infer I, unknown> ? I : never,
): Promise<Maps[O][H] extends Handler<unknown, infer Out> ? Out : never> {
  return callObject(object, key, handler, input);
}
