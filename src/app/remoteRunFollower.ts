import type { Command, CommandResult } from '../core/conductor/commands';
import { StudioError, describeError } from '../core/errors/studioError';
import { defaultEventCodec } from '../core/log/studioEventCodec';
import type { EventRecord, StoredEvent } from '../core/events/storedEvent';
import {
  RunnerUnavailable,
  cancelRemoteRun,
  remoteArtifacts,
  remoteEvents,
  remoteExport,
  remoteStreams,
  runnerInfo,
  savedRemoteRuns,
  saveRemoteRuns,
  type RemoteRun,
} from './runnerClient';
import { setLiveText } from './liveStreams';
import { MAX_STREAMED_AGENTS } from '../protocol/runnerApi';
import { RUN_STOPPED_REASON } from '../core/run/runState';
import { artifactHash, artifactRecordSchema, type ArtifactRecord } from '../core/artifacts/artifactRecord';
import { sha256 } from '../runtime/sha256';

/** What a follower needs of the open project: its id, its conductor, and the live overlay of remote runs. */
export interface RemoteRunHost {
  readonly projectId: string;
  execute(command: Command): Promise<CommandResult>;
  /** A remote run's new events (decoded, remote seqs): shown live until the run is in the log. */
  showRemote(runId: string, runner: string, events: readonly StoredEvent[]): void;
}

/** A failure in words: the runner's and the studio's own sentences as they are, anything else as a studio bug. */
function sentence(error: unknown): string {
  if (error instanceof RunnerUnavailable) return error.message;
  if (error instanceof StudioError) return `${error.message} ${error.hint ?? ''}`.trim();
  return describeError(error).message;
}

export interface RemoteRunProgress {
  phase: 'following' | 'importing' | 'imported' | 'failed';
  events: number;
  error?: string;
}

/**
 * Follows the project's remote runs on their runners (long polls of the remote log), shows each
 * live in the project through the host, and when one is over brings its history into the local
 * log, verified (remoteRunImport). One follower per open project, whatever panel is open; runs are
 * remembered in this browser, so a reopened studio picks them up where they are.
 */
export class RemoteRunFollower {
  private readonly progress = new Map<string, RemoteRunProgress>();
  private readonly listeners = new Set<() => void>();
  private readonly followed = new Set<string>();
  /** Runs followed and not imported yet, by run id. */
  private readonly going = new Map<string, RemoteRun>();
  private stopped = false;
  private snapshot: ReadonlyMap<string, RemoteRunProgress> = new Map();

  constructor(private readonly host: RemoteRunHost) {}

  /** Picks up every remembered run of the project that is not in the log yet. */
  start(): void {
    for (const run of savedRemoteRuns(this.host.projectId)) if (!run.importedAs) this.follow(run);
  }

  /** A run just started on a runner: remembered, then followed. */
  add(run: RemoteRun): void {
    saveRemoteRuns(this.host.projectId, [...savedRemoteRuns(this.host.projectId), run]);
    this.follow(run);
  }

  stop(): void {
    this.stopped = true;
    this.listeners.clear();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Each followed run's phase, by run id: a new map whenever one changes. */
  getProgress = (): ReadonlyMap<string, RemoteRunProgress> => this.snapshot;

  private set(runId: string, progress: RemoteRunProgress): void {
    this.progress.set(runId, progress);
    this.snapshot = new Map(this.progress);
    for (const listener of this.listeners) listener();
  }

  private follow(run: RemoteRun): void {
    if (this.followed.has(run.runId)) return;
    this.followed.add(run.runId);
    this.going.set(run.runId, run);
    void this.followToEnd(run).finally(() => this.going.delete(run.runId));
  }

  /**
   * Stops a run still going on its runner (Stop, while it is shown): the runner stops that run as
   * Stop does here (interrupted, finished steps kept) and goes on with any other; following goes
   * on, so the run comes into the log as it stopped there, and Resume finishes it in this tab.
   */
  async cancel(runId: string): Promise<void> {
    const run = this.going.get(runId);
    if (!run)
      throw new StudioError(
        'not-found',
        'That run is not going on a runner any more.',
        'It may have just finished: its history comes into the Runs list when it has.',
      );
    await cancelRemoteRun(run.runner, run.projectKey, runId);
  }

  /**
   * An artifact of a run still going on a runner (not in this browser until the run is imported):
   * asked of the runners of runs being followed, and believed only if its body hashes to its name.
   */
  async artifact(hash: string): Promise<ArtifactRecord | undefined> {
    for (const run of this.going.values()) {
      try {
        for (const raw of await remoteArtifacts(run.runner, run.projectKey, [hash])) {
          const record = artifactRecordSchema.safeParse(raw);
          if (
            record.success &&
            record.data.hash === hash &&
            (await artifactHash(record.data.kind, record.data.body, sha256)) === hash
          )
            return record.data;
        }
      } catch {
        // That runner does not answer: try the next, or say the artifact is not here.
      }
    }
    return undefined;
  }

  private async followToEnd(run: RemoteRun): Promise<void> {
    let since = 0;
    let finished = false;
    // An interrupted run comes in as it is (Resume finishes it here): see `finished` below for when.
    let interrupted = false;
    let stoppedByPerson = false;
    const working = new Set<string>();
    const streaming = this.streamWhile(run, working, () => finished || this.stopped);
    for (let failures = 0; !this.stopped && !finished;) {
      try {
        const page = await remoteEvents(run.runner, run.projectKey, since, 10_000);
        failures = 0;
        since += page.records.length;
        const ours = page.records
          .map((record) => defaultEventCodec.decode(record as unknown as EventRecord))
          .filter((e) => e.runId === run.runId);
        if (this.stopped) return;
        if (ours.length > 0) this.host.showRemote(run.runId, run.runner, ours);
        for (const e of ours) {
          if (e.type === 'agent.spawned') working.add(e.data.agentId);
          if (e.type === 'agent.resolved') {
            working.delete(e.data.agentId);
            setLiveText(e.data.agentId, null);
          }
          if (e.type === 'run.finished') {
            interrupted = e.data.status === 'interrupted';
            stoppedByPerson = interrupted && e.data.reason === RUN_STOPPED_REASON;
          }
          if (e.type === 'run.resumed' || e.type === 'run.continued') {
            interrupted = false;
            stoppedByPerson = false;
          }
        }
        // An interrupted run may still be taken on by the runner's next driver (its process died), so
        // it is over once nothing drives the project, unless a person stopped it: then it is over now.
        finished =
          ours.some((e) => e.type === 'run.finished' && e.data.status !== 'interrupted') ||
          stoppedByPerson ||
          (interrupted && !page.driving);
        this.set(run.runId, { phase: 'following', events: (this.progress.get(run.runId)?.events ?? 0) + ours.length });
      } catch (error) {
        failures += 1;
        if (!this.stopped)
          this.set(run.runId, {
            phase: 'following',
            events: this.progress.get(run.runId)?.events ?? 0,
            error: sentence(error),
          });
        await new Promise((resolve) => setTimeout(resolve, Math.min(10_000, 1000 * failures)));
      }
    }
    await streaming;
    if (this.stopped) return;
    await this.importHistory(run);
  }

  /**
   * LLM text as it grows on the runner: while agents of the run are at work there, their text so
   * far is read twice a second and shown as this tab's own agents' text is (src/app/liveStreams.ts).
   */
  private async streamWhile(run: RemoteRun, working: ReadonlySet<string>, over: () => boolean): Promise<void> {
    while (!over()) {
      if (working.size > 0) {
        try {
          const { texts } = await remoteStreams(run.runner, run.projectKey, [...working].slice(0, MAX_STREAMED_AGENTS));
          for (const [agentId, text] of Object.entries(texts)) if (working.has(agentId)) setLiveText(agentId, text);
        } catch {
          // Text is a nicety: the result comes with the log whatever happens here.
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }

  private async importHistory(run: RemoteRun): Promise<void> {
    const events = this.progress.get(run.runId)?.events ?? 0;
    this.set(run.runId, { phase: 'importing', events });
    try {
      const fingerprint = run.fingerprint ?? (await runnerInfo(run.runner)).fingerprint;
      // The checks (and the import code they share) load only when a remote run has finished.
      const { remoteRunImport } = await import('./remoteHistory');
      const command = await remoteRunImport(await remoteExport(run.runner, run.projectKey), run.runId, {
        url: run.runner,
        fingerprint,
      });
      const result = await this.host.execute(command);
      if (!result.ok) throw new StudioError(result.error.code, result.error.message, result.error.hint);
      saveRemoteRuns(
        this.host.projectId,
        savedRemoteRuns(this.host.projectId).map((r) =>
          r.runId === run.runId ? { ...r, importedAs: this.host.projectId } : r,
        ),
      );
      if (!this.stopped) this.set(run.runId, { phase: 'imported', events });
    } catch (error) {
      if (!this.stopped)
        this.set(run.runId, {
          phase: 'failed',
          events,
          error: `The run’s history was not imported: ${sentence(error)}`,
        });
    }
  }
}
