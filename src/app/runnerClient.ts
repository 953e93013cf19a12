import type { z } from 'zod';
import { STUDIO_VERSION } from '../core/extensions/studioVersion';
import {
  STUDIO_VERSION_HEADER,
  eventsResponseSchema,
  runnerErrorSchema,
  runnerInfoSchema,
  startRunResponseSchema,
  streamsResponseSchema,
  artifactsResponseSchema,
  cancelResponseSchema,
  type CancelResponse,
  type EventsResponse,
  type StreamsResponse,
  type RunnerInfo,
  type StartRunRequest,
  type StartRunResponse,
} from '../protocol/runnerApi';

/**
 * The studio's side of the runner surface (src/protocol/runnerApi.ts): every answer is parsed with
 * its schema before the studio believes it, and every failure becomes a sentence that says what to do.
 */
export class RunnerUnavailable extends Error {}

const README_HINT = 'Start one with `npm run runner` in the studio’s folder (see runner/README.md), then try again.';

async function call<S extends z.ZodType>(
  base: string,
  path: string,
  schema: S,
  init: { method?: string; body?: unknown } = {},
): Promise<z.infer<S>> {
  let response: Response;
  try {
    response = await fetch(`${base.replace(/\/$/, '')}${path}`, {
      method: init.method ?? 'GET',
      headers: { 'content-type': 'application/json', [STUDIO_VERSION_HEADER]: STUDIO_VERSION },
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    });
  } catch {
    throw new RunnerUnavailable(`No runner answers at ${base}. ${README_HINT}`);
  }
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new RunnerUnavailable(`Something at ${base} answered, but not as a runner does. ${README_HINT}`);
  }
  if (!response.ok) {
    const refusal = runnerErrorSchema.safeParse(json);
    throw new RunnerUnavailable(
      refusal.success
        ? [refusal.data.error.message, refusal.data.error.hint].filter(Boolean).join(' ')
        : `The runner refused (${response.status}).`,
    );
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success)
    throw new RunnerUnavailable(
      `The runner at ${base} answered in a shape this studio does not know. It may be another version.`,
    );
  return parsed.data;
}

export async function runnerInfo(base: string): Promise<RunnerInfo> {
  const info = await call(base, '/v1/runner', runnerInfoSchema);
  if (info.studioVersion !== STUDIO_VERSION) {
    throw new RunnerUnavailable(
      `This runner runs studio version ${info.studioVersion}, and this studio is version ${STUDIO_VERSION}. Start a runner from the same checkout as this studio.`,
    );
  }
  return info;
}

export const startRemoteRun = (base: string, request: StartRunRequest): Promise<StartRunResponse> =>
  call(base, '/v1/runs', startRunResponseSchema, { method: 'POST', body: request });

/** Stops a run on its runner (every run of that remote project without `runId`), as Stop does in the tab: interrupted, finished steps kept, resumable. */
export const cancelRemoteRun = (base: string, key: string, runId?: string): Promise<CancelResponse> =>
  call(base, `/v1/projects/${encodeURIComponent(key)}/cancel`, cancelResponseSchema, {
    method: 'POST',
    body: runId !== undefined ? { runId } : {},
  });
export const remoteEvents = (base: string, key: string, since: number, waitMs: number): Promise<EventsResponse> =>
  call(base, `/v1/projects/${encodeURIComponent(key)}/events?since=${since}&wait=${waitMs}`, eventsResponseSchema);

/** Text the given LLM agents have streamed so far on the runner (ephemeral: never in the log). */
export const remoteStreams = (base: string, key: string, agentIds: readonly string[]): Promise<StreamsResponse> =>
  call(
    base,
    `/v1/projects/${encodeURIComponent(key)}/streams?agents=${agentIds.map(encodeURIComponent).join(',')}`,
    streamsResponseSchema,
  );

/** Artifacts of a remote project, unchecked: the caller checks each one's hash before it believes it. */
export const remoteArtifacts = async (base: string, key: string, hashes: readonly string[]): Promise<unknown[]> =>
  (
    await call(
      base,
      `/v1/projects/${encodeURIComponent(key)}/artifacts?hashes=${hashes.join(',')}`,
      artifactsResponseSchema,
    )
  ).artifacts;

/** The remote history as a signed export, as text: the import checks its chain and signature before writing. */
export async function remoteExport(base: string, key: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(`${base.replace(/\/$/, '')}/v1/projects/${encodeURIComponent(key)}/export`, {
      headers: { [STUDIO_VERSION_HEADER]: STUDIO_VERSION },
    });
  } catch {
    throw new RunnerUnavailable(`No runner answers at ${base}. ${README_HINT}`);
  }
  if (!response.ok)
    throw new RunnerUnavailable(`The runner could not hand over the run’s history (${response.status}).`);
  return response.text();
}

/** Remote runs this browser started, kept so a reopened studio catches up with them. */
export interface RemoteRun {
  runner: string;
  projectKey: string;
  runId: string;
  flowName: string;
  startedAt: number;
  /** The runner's key when the run started: its history must be signed by this key to be imported. */
  fingerprint?: string;
  /** The local project the history was imported as, once it was. */
  importedAs?: string;
}

const RUNNER_URL_KEY = 'conductor.runner.url';
const runsKey = (projectId: string) => `conductor.runner.runs.${projectId}`;

export const savedRunnerUrl = (): string => localStorage.getItem(RUNNER_URL_KEY) ?? 'http://127.0.0.1:4780';
export const saveRunnerUrl = (url: string): void => localStorage.setItem(RUNNER_URL_KEY, url);
/** Whether this browser has connected to a runner (Observe ▾ → Runner): only then does the timeline offer Continue on runner. */
export const hasRunner = (): boolean => localStorage.getItem(RUNNER_URL_KEY) !== null;

export function savedRemoteRuns(projectId: string): RemoteRun[] {
  try {
    const parsed = JSON.parse(localStorage.getItem(runsKey(projectId)) ?? '[]') as unknown;
    return Array.isArray(parsed) ? (parsed as RemoteRun[]) : [];
  } catch {
    return [];
  }
}

export const saveRemoteRuns = (projectId: string, runs: RemoteRun[]): void =>
  localStorage.setItem(runsKey(projectId), JSON.stringify(runs.slice(-50)));
