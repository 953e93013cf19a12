import * as Comlink from 'comlink';
import type { Command, CommandResult } from '../core/conductor/commands';
import { describeError, isSerializedStudioError } from '../core/errors/studioError';
import type { StoredEvent } from '../core/events/storedEvent';
import { parseStoredEvent } from '../core/log/studioEventCodec';
import { openLog } from '../core/log/openLog';
import { sha256 } from '../runtime/sha256';
import { emptyDefinitions, foldDefinitionsBatch } from '../core/project/projectState';
import { emptyRuns, foldRunsBatch, type RunsState } from '../core/run/runState';
import { emptyHistory, foldEditHistoryBatch } from '../core/project/editHistory';
import { foldFeatureViews } from '../core/catalogue/studioCatalogue';
import { foldAllDefinitions, type FlowDefinition } from '../core/project/projectState';
import { RunReplay } from '../core/replay/runReplay';
import type { FlowId } from '../core/ids';
import type { ArtifactRecord } from '../core/artifacts/artifactRecord';
import { artifactRecordSchema } from '../core/artifacts/artifactRecord';
import { clearLiveText, dropLiveText, setLiveText } from './liveStreams';
import { abandonedAgents, continuedRunsIn } from './handover';
import { notifyError } from './uiStore';
import {
  eventsChannelName,
  type StreamMessage,
  type AppendedMessage,
  type FaultMessage,
  type ConductorApi,
  type ConductorRole,
  type ProjectTemplate,
} from '../protocol/conductorApi';
import type { StudioDb } from '../storage/studioDb';
import { toStorageError } from '../storage/storageErrors';
import type { ProjectView } from './projectView';
import { SandboxFrame } from './sandboxFrame';
import { emptyFlowTests, foldFlowTests, type FlowTestsState } from '../core/flowTests/flowTestsState';
import { RemoteRunFollower } from './remoteRunFollower';
import { withRemoteRuns } from './remoteOverlay';

const initialView: ProjectView = {
  status: 'opening',
  role: 'opening',
  defs: emptyDefinitions,
  runs: emptyRuns,
  history: emptyHistory,
  ...foldFeatureViews({}, []),
  liveEvents: [],
};

/**
 * One open project in this tab. It reads the log from IndexedDB, folds it into the view, follows
 * new events live over a BroadcastChannel, and sends commands to this tab's conductor worker.
 * The view is a projection: the session never changes it except by folding events.
 */
export class ProjectSession {
  private view: ProjectView = initialView;
  private readonly listeners = new Set<() => void>();
  private readonly channel: BroadcastChannel;
  private worker: Worker | null = null;
  private conductor: Comlink.Remote<ConductorApi> | null = null;
  /** Hosts agent sandboxes in a process of their own; null where they run in the conductor's. */
  private sandboxFrame: SandboxFrame | null = null;
  private closed = false;
  private headSeq = -1;
  private buffered: StoredEvent[] = [];
  private loaded = false;
  private catchingUp: Promise<void> | null = null;
  /** Every run's events, for time travel; a replay grows as its run does. */
  private readonly replays = new Map<string, RunReplay>();
  /** The events that are not a run's: enough to rebuild any earlier version of a flow. */
  private readonly definitionEvents: StoredEvent[] = [];
  /** Every event folded so far, in seq order: for the Events view and explanations. */
  private readonly allEvents: StoredEvent[] = [];
  /** Events up to here were history when the project opened: no hand-over notice for them. */
  private quietUpTo = Number.POSITIVE_INFINITY;
  /** Set once the worker says this tab took over: an answer to `open` that arrives later must not undo it. */
  private promoted = false;
  /** The runs folded from this log; the view adds remote runs still only on their runner. */
  private localRuns: RunsState = emptyRuns;
  /** Runs going on a runner, folded from its log as it is followed, until they are imported into this one. */
  private remoteRuns: RunsState = emptyRuns;
  private readonly remoteRunners = new Map<string, string>();
  /** Follows this project's runs on runners and imports each when it is over. */
  readonly remote = new RemoteRunFollower(this);

  constructor(
    private readonly db: StudioDb,
    readonly projectId: string,
  ) {
    this.channel = new BroadcastChannel(eventsChannelName(projectId));
    this.channel.onmessage = (message: MessageEvent<AppendedMessage | StreamMessage | FaultMessage>) =>
      this.receive(message.data);
  }

  /** Loads the log, then asks the conductor to open (or create) the project. */
  async open(name: string, template: ProjectTemplate): Promise<void> {
    try {
      await this.catchUp();
      this.quietUpTo = this.headSeq;
      this.loaded = true;
      this.applyBuffered();
      if (this.closed) return;
      this.worker = new Worker(new URL('../../workers/conductor.worker.ts', import.meta.url), {
        type: 'module',
        name: `conductor ${this.projectId}`,
      });
      this.conductor = Comlink.wrap<ConductorApi>(this.worker);
      const sandboxes = await SandboxFrame.create();
      if (this.closed) return sandboxes?.frame.dispose();
      this.sandboxFrame = sandboxes?.frame ?? null;
      const onRole = Comlink.proxy((role: ConductorRole) => this.changeRole(role));
      const result = sandboxes
        ? await this.conductor.open(
            this.projectId,
            name,
            template,
            onRole,
            Comlink.transfer(sandboxes.port, [sandboxes.port]),
          )
        : await this.conductor.open(this.projectId, name, template, onRole);
      if (!result.ok && result.error.code === 'chain-broken')
        return await this.openReadOnly(`${result.error.message} ${result.error.hint}`.trim());
      if (!result.ok)
        return this.setView({
          ...this.view,
          status: 'failed',
          error: `${result.error.message} ${result.error.hint}`.trim(),
        });
      await this.catchUp();
      this.setView({ ...this.view, status: 'ready', role: this.promoted ? 'leader' : result.role });
      this.remote.start();
    } catch (error) {
      const { message, hint } = describeError(error, 'open');
      this.setView({ ...this.view, status: 'failed', error: `${message} ${hint}`.trim() });
    }
  }

  /**
   * A log whose stored records fail the chain: it is shown as it was up to the first bad event
   * (verified here, over the records as stored) and never written to, nor "repaired".
   */
  private async openReadOnly(damage: string): Promise<void> {
    this.worker?.terminate();
    this.conductor = null;
    const rows = await this.db.events
      .where('[projectId+seq]')
      .between([this.projectId, 0], [this.projectId, Infinity])
      .toArray();
    const { events } = await openLog(rows, sha256);
    this.headSeq = -1;
    this.localRuns = emptyRuns;
    this.replays.clear();
    this.definitionEvents.length = 0;
    this.allEvents.length = 0;
    this.view = initialView;
    this.fold(events);
    this.setView({ ...this.view, status: 'ready', role: 'read-only', damage });
  }

  /** The worker took the project over: from now on nothing streams from the tab that went away. */
  private changeRole(role: ConductorRole): void {
    if (role === 'leader') {
      this.promoted = true;
      clearLiveText();
    }
    this.setView({ ...this.view, role });
  }

  async execute(command: Command): Promise<CommandResult> {
    if (this.view.role === 'read-only')
      return {
        ok: false,
        error: {
          code: 'read-only',
          message: 'This project’s log is damaged, so it is open read-only.',
          hint: 'Nothing can be changed in it; restore it from an export if you have one.',
        },
      };
    if (!this.conductor)
      return {
        ok: false,
        error: { code: 'read-only', message: 'The project is still opening.', hint: 'Try again in a moment.' },
      };
    const result = await this.conductor.execute(command);
    // A studio bug gets a notice with "Copy details" whichever panel sent the command.
    if (!result.ok && result.error.code === 'internal') notifyError(result.error);
    return result;
  }

  async readArtifact(hash: string): Promise<ArtifactRecord | undefined> {
    const raw = await this.db.artifacts
      .get(hash)
      .catch((error: unknown) => Promise.reject(toStorageError(error, 'reading')));
    // A run still going on a runner has its artifacts there until its history comes in.
    return raw === undefined ? this.remote.artifact(hash) : artifactRecordSchema.parse(raw);
  }

  /** Time travel over a run: its state after any of its events. */
  replayOf(runId: string): RunReplay | undefined {
    return this.replays.get(runId);
  }

  /** The project's flow tests and their results: folded on demand from the non-run events, only what is new. */
  get flowTests(): FlowTestsState {
    if (this.testsFolded > this.definitionEvents.length) [this.tests, this.testsFolded] = [emptyFlowTests, 0];
    for (; this.testsFolded < this.definitionEvents.length; this.testsFolded++)
      this.tests = foldFlowTests(this.tests, this.definitionEvents[this.testsFolded] as StoredEvent);
    return this.tests;
  }
  private tests: FlowTestsState = emptyFlowTests;
  private testsFolded = 0;

  /** A flow as it was right after event `seq`: for browsing its version history. */
  flowAt(flowId: FlowId, seq: number): FlowDefinition | undefined {
    return foldAllDefinitions(this.definitionEvents.filter((e) => e.seq <= seq)).flows.get(flowId);
  }

  /** Every event of the project folded so far, in seq order (it grows in place: read its length). */
  events(): readonly StoredEvent[] {
    return this.allEvents;
  }

  /** Verifies the hash chain over the records exactly as stored (never over decoded events). */
  async verifyLog(): Promise<{ ok: true; count: number } | { ok: false; count: number; seq: number; reason: string }> {
    const rows = await this.db.events
      .where('[projectId+seq]')
      .between([this.projectId, 0], [this.projectId, Infinity])
      .toArray()
      .catch((error: unknown) => Promise.reject(toStorageError(error, 'reading')));
    const { records, damage } = await openLog(rows, sha256);
    return damage
      ? { ok: false, count: rows.length, seq: damage.seq, reason: damage.reason }
      : { ok: true, count: records.length };
  }

  private keep(event: StoredEvent): void {
    this.allEvents.push(event);
    if (event.runId === undefined) {
      this.definitionEvents.push(event);
      // An alert shows on the timeline of the run whose event tipped it.
      if ((event.type === 'alert.fired' || event.type === 'alert.resolved') && event.data.causeRunId !== undefined)
        this.replays.get(event.data.causeRunId)?.push(event);
      return;
    }
    if (event.type === 'run.started') this.replays.set(event.runId, new RunReplay([event]));
    else this.replays.get(event.runId)?.push(event);
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getView = (): ProjectView => this.view;

  close(): void {
    this.closed = true;
    this.remote.stop();
    this.channel.close();
    this.conductor?.[Comlink.releaseProxy]();
    this.worker?.terminate();
    this.sandboxFrame?.dispose();
    this.listeners.clear();
  }

  private receive(message: AppendedMessage | StreamMessage | FaultMessage): void {
    if (message?.type === 'fault') {
      // Shown at once, in words; a malformed one is dropped rather than shown raw.
      if (message.projectId === this.projectId && isSerializedStudioError(message.error)) notifyError(message.error);
      return;
    }
    if (message?.type === 'stream') {
      if (message.projectId === this.projectId && typeof message.agentId === 'string')
        setLiveText(message.agentId, typeof message.text === 'string' ? message.text.slice(0, 200_000) : null);
      return;
    }
    if (message?.type !== 'appended' || message.projectId !== this.projectId || !Array.isArray(message.events)) return;
    try {
      const events = message.events.map(parseStoredEvent);
      if (!this.loaded) {
        this.buffered.push(...events);
        return;
      }
      this.fold(events, true);
    } catch {
      // A malformed broadcast is ignored; reading from storage brings the truth.
      void this.catchUp();
    }
  }

  private applyBuffered(): void {
    const pending = this.buffered;
    this.buffered = [];
    this.fold(pending, true);
  }

  /** Folds events in seq order; a hole in the sequence means we missed some, so read them. */
  private fold(events: StoredEvent[], live = false): void {
    const folded: StoredEvent[] = [];
    for (const event of events) {
      if (event.seq <= this.headSeq) continue;
      if (event.seq !== this.headSeq + 1) {
        void this.catchUp();
        break;
      }
      this.headSeq = event.seq;
      folded.push(event);
      this.keep(event);
    }
    if (folded.length === 0) return;
    // One pass per batch: a long history loads in time linear in its length.
    const defs = foldDefinitionsBatch(this.view.defs, folded);
    const runs = foldRunsBatch(this.localRuns, folded);
    this.localRuns = runs;
    const history = foldEditHistoryBatch(this.view.history, folded);
    // What the page shows of each feature in the catalogue (intents, alerts…), one fold each.
    const features = foldFeatureViews(this.view, folded);
    // Agents that died with another tab stream no more: what they had streamed goes.
    dropLiveText(abandonedAgents(folded, runs));
    const continued = continuedRunsIn(folded.filter((e) => e.seq > this.quietUpTo));
    // Only live events drive effects such as the travelling artifact; history loads quietly.
    this.setView({
      ...this.view,
      defs,
      runs: withRemoteRuns(runs, this.remoteRuns, this.remoteRunners),
      history,
      ...features,
      liveEvents: live ? folded : this.view.liveEvents,
      ...(continued.length > 0 ? { continued: [...(this.view.continued ?? []), ...continued] } : {}),
    });
  }

  /**
   * A remote run's new events, as its runner's log has them: folded apart from this log (their
   * seqs are the runner's) and shown beside the local runs, live, until the run is imported.
   */
  showRemote(runId: string, runner: string, events: readonly StoredEvent[]): void {
    if (this.closed || this.localRuns.runs.has(runId as never)) return;
    this.remoteRunners.set(runId, runner);
    this.remoteRuns = foldRunsBatch(this.remoteRuns, events);
    for (const event of events) {
      if (event.type === 'run.started') this.replays.set(runId, new RunReplay([event]));
      else this.replays.get(runId)?.push(event);
    }
    this.setView({
      ...this.view,
      runs: withRemoteRuns(this.localRuns, this.remoteRuns, this.remoteRunners),
      liveEvents: events,
    });
  }

  private catchUp(): Promise<void> {
    this.catchingUp ??= (async () => {
      try {
        const rows = await this.db.events
          .where('[projectId+seq]')
          .between([this.projectId, this.headSeq + 1], [this.projectId, Infinity])
          .toArray()
          .catch((error: unknown) => Promise.reject(toStorageError(error, 'reading')));
        this.fold(rows.map(parseStoredEvent));
      } finally {
        this.catchingUp = null;
      }
    })();
    return this.catchingUp;
  }

  private setView(next: ProjectView): void {
    this.view = next;
    for (const listener of this.listeners) listener();
  }
}
