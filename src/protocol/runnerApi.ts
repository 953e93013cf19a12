import { z } from 'zod';

/**
 * The studio ↔ runner surface: small, typed, and validated with these schemas at both ends (the
 * runner parses every request, the studio parses every answer). Plain JSON over HTTP.
 *
 *   GET  /v1/runner                          who the runner is: versions and signing key
 *   POST /v1/runs                            start a run from a definitions export
 *   GET  /v1/projects/:key/events?since=N    the remote log's records from seq N (long-polls with wait=ms)
 *   GET  /v1/projects/:key/export            the remote log as a signed export, for a verified import
 *   POST /v1/projects/:key/cancel            stops one run there ({ runId }), or every one ({}), as Stop does (interrupted, resumable)
 *   GET  /v1/projects/:key/streams?agents=…  text LLM agents have streamed so far (not in the log)
 *   GET  /v1/projects/:key/artifacts?hashes=… artifacts of a run still going, to look at before its history is imported
 *
 * Every request names the studio's version in `x-studio-version`; a runner of another version
 * refuses with both versions named, because both ends fold the same events with the same core.
 */
export const RUNNER_API_VERSION = 1;
export const STUDIO_VERSION_HEADER = 'x-studio-version';

const key = z.string().regex(/^[A-Za-z0-9_-]{1,120}$/, 'must be a remote project key');

export const runnerInfoSchema = z.strictObject({
  api: z.literal(RUNNER_API_VERSION),
  studioVersion: z.string().max(32),
  /** base64 SPKI of the key the runner signs its exports with. */
  publicKey: z.string().max(4096),
  fingerprint: z.string().max(128),
  processes: z.number().int().nonnegative(),
});
export type RunnerInfo = z.infer<typeof runnerInfoSchema>;

export const startRunRequestSchema = z.strictObject({
  /** The studio project the run belongs to: the remote project's key is derived from it and the definitions. */
  studioProjectId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  /** A definitions export (the studio's own format, signed or not), as its JSON text. */
  definitions: z.string().min(2).max(16_000_000),
  flowId: z.string().min(1).max(64),
  input: z.string().max(100_000).default(''),
  /** Outputs the run starts with (a run continued on the runner from a moment of another): their steps count as done. */
  given: z
    .array(
      z.strictObject({
        stepId: z.string().min(1).max(64),
        port: z.string().min(1).max(64),
        text: z.string().max(1_000_000),
      }),
    )
    .max(64)
    .optional(),
});
export type StartRunRequest = z.input<typeof startRunRequestSchema>;

export const startRunResponseSchema = z.strictObject({
  projectKey: key,
  runId: z.string().max(64),
  seq: z.number().int().nonnegative(),
});
export type StartRunResponse = z.infer<typeof startRunResponseSchema>;

/** Records exactly as stored in the remote log (checked by the studio's own codec and chain check on import). */
export const eventsResponseSchema = z.strictObject({
  records: z.array(z.record(z.string(), z.unknown())).max(10_000),
  head: z.strictObject({ seq: z.number().int().nonnegative(), hash: z.string().max(128) }).nullable(),
  /** True while the remote project has a driver at work (a run going, or commands waiting). */
  driving: z.boolean(),
});
export type EventsResponse = z.infer<typeof eventsResponseSchema>;

/** By agent id: the text each has streamed so far; agents whose call is over (or never streamed) are absent. */
export const streamsResponseSchema = z.strictObject({ texts: z.record(z.string().max(80), z.string().max(200_000)) });
export type StreamsResponse = z.infer<typeof streamsResponseSchema>;
export const MAX_STREAMED_AGENTS = 32;

/** Artifact records as the runner holds them (the studio checks each one's hash before showing it); unknown hashes are absent. */
export const artifactsResponseSchema = z.strictObject({
  artifacts: z.array(z.record(z.string(), z.unknown())).max(64),
});
export const MAX_ARTIFACTS_PER_READ = 64;

/** Which run to stop; without a run id, every run going in that remote project. */
export const cancelRequestSchema = z.strictObject({
  runId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a run id')
    .optional(),
});
export type CancelRequest = z.infer<typeof cancelRequestSchema>;

export const cancelResponseSchema = z.strictObject({ cancelled: z.number().int().nonnegative() });
export type CancelResponse = z.infer<typeof cancelResponseSchema>;

/** A refusal, in the studio's own words: what happened, and what to do. */
export const runnerErrorSchema = z.strictObject({
  error: z.strictObject({ message: z.string().max(4000), hint: z.string().max(2000).optional() }),
});
export type RunnerError = z.infer<typeof runnerErrorSchema>;

export const remoteProjectKeySchema = key;

export function versionMismatch(studioVersion: string, runnerVersion: string): RunnerError {
  return {
    error: {
      message: `This runner runs studio version ${runnerVersion}, and this studio is version ${studioVersion}: their events would not fold the same way, so the runner refuses.`,
      hint: `Start a runner from the same checkout as this studio (npm run runner), or open studio version ${runnerVersion}.`,
    },
  };
}
