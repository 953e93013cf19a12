import { randomUUID, randomInt } from 'node:crypto';
import { artifactRecordSchema, artifactValue } from '../core/artifacts/artifactRecord';
import { Conductor, defaultLimits } from '../core/conductor/conductor';
import { StudioError } from '../core/errors/studioError';
import { formatIssues } from '../core/errors/formatIssues';
import { openSoundLog } from '../core/log/openLog';
import type { EventRecord, StoredEvent } from '../core/events/storedEvent';
import { foldAllFlowTests } from '../core/flowTests/flowTestsState';
import type { FlowTest, FlowTestResult } from '../core/flowTests/flowTestSchema';
import { judgeRun } from '../core/flowTests/judgeRun';
import { runFlowTests, type TestOutcome } from '../core/flowTests/runFlowTests';
import type { ArtifactHash, RunId } from '../core/ids';
import { emptyRuns, foldRuns, type RunState } from '../core/run/runState';
import { MemoryArtifactStore, MemoryEventLog } from '../core/testing/memoryPorts';
import { compileModel } from '../runtime/compileModel';
import { OpenAiClient } from '../runtime/llm/openAiClient';
import { sha256 } from '../runtime/sha256';
import { exportDocSchema } from '../share/exportFormat';
import { migrateExport } from '../share/migrations';
import { NodeAgents } from './nodeAgents';

/** `STUDIO_KEY_<NAME>`: where a headless run finds the API key an LLM model names (keys never travel in exports). */
export const keyVariable = (name: string): string => `STUDIO_KEY_${name.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`;

/**
 * A project export opened in Node with the real Conductor over in-memory ports: the log and the
 * artifacts from the file, script models in a vm context, LLM models over HTTP with keys from the
 * environment. Nothing is written back to the file.
 */
export class HeadlessProject {
  private readonly finished = new Map<string, () => void>();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  readonly conductor: Conductor;

  private constructor(
    private readonly log: MemoryEventLog,
    private readonly artifacts: MemoryArtifactStore,
    env: Record<string, string | undefined>,
  ) {
    this.conductor = new Conductor({
      log,
      artifacts,
      agents: new NodeAgents(),
      clock: { now: () => Date.now() },
      sha256,
      compile: compileModel,
      newId: (prefix) => `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 16)}`,
      newSeed: () => randomInt(0, 2 ** 31),
      llm: new OpenAiClient({ getKey: (name) => Promise.resolve(env[keyVariable(name)]) }),
      wakeAt: (at) => {
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          void this.conductor.tick();
        }, Math.max(0, at - Date.now()));
        this.timers.add(timer);
      },
      onAppended: (events) => {
        for (const e of events) if (e.type === 'run.finished' && e.runId !== undefined) this.finished.get(e.runId)?.();
      },
    });
  }

  /** Reads an export's text (any released version), checks its chain, and opens it. */
  static async open(text: string, env: Record<string, string | undefined> = {}): Promise<HeadlessProject> {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (error) {
      throw new StudioError('invalid-record', `This file is not valid JSON (${error instanceof Error ? error.message : 'parse error'}).`, 'Pass a file the studio exported (its name ends in .conductor.json).');
    }
    const doc = exportDocSchema.safeParse(migrateExport(raw));
    if (!doc.success) throw new StudioError('invalid-record', `This export is not valid. ${formatIssues(doc.error)}`, 'Export the project again.');
    const records = doc.data.events as EventRecord[];
    const { events } = await openSoundLog(records, sha256);
    const log = new MemoryEventLog(doc.data.project.projectId, sha256, () => Date.now());
    log.records.push(...records);
    log.events.push(...events);
    const artifacts = new MemoryArtifactStore();
    for (const item of doc.data.artifacts) {
      const record = artifactRecordSchema.safeParse(item);
      if (record.success) await artifacts.put(record.data);
    }
    const project = new HeadlessProject(log, artifacts, env);
    await project.conductor.open(doc.data.project.projectId, doc.data.project.name);
    return project;
  }

  get events(): readonly StoredEvent[] {
    return this.log.events;
  }

  get tests(): FlowTest[] {
    return [...foldAllFlowTests(this.log.events).tests.values()];
  }

  /** A step's label in the flow as it is now, for the report. */
  label(test: FlowTest, stepId: string): string {
    return this.conductor.definitions.flows.get(test.flowId)?.steps.get(stepId as never)?.label ?? stepId;
  }

  private run(runId: string): RunState | undefined {
    let state = emptyRuns;
    for (const e of this.log.events) if (e.runId === runId) state = foldRuns(state, e);
    return state.runs.get(runId as RunId);
  }

  private read = async (hash: ArtifactHash): Promise<unknown> => {
    const record = await this.artifacts.get(hash);
    if (!record) throw new StudioError('not-found', `An artifact of the test run (${hash.slice(0, 12)}…) is missing.`);
    return artifactValue(record);
  };

  /** Runs one test: start its run, wait for run.finished, judge and record it. */
  async runOne(test: FlowTest): Promise<FlowTestResult> {
    const started = await this.conductor.execute({ type: 'runFlowTest', testId: test.testId });
    if (!started.ok) throw new StudioError(started.error.code, started.error.message);
    const runId = started.createdId ?? '';
    await new Promise<void>((resolve, reject) => {
      this.finished.set(runId, resolve);
      if (this.run(runId)?.status !== 'running') return resolve();
      // Idle with nothing scheduled and the run not over: it waits for a person, who is not here.
      const watch = (): void => {
        void this.conductor.whenIdle().then(() => {
          if (this.run(runId)?.status !== 'running') return resolve();
          if (this.timers.size === 0) return reject(new StudioError('invalid-command', `The run of “${test.name}” waits for a person (an approval, an input or a budget), which a headless run cannot give.`, 'Pin that step’s outputs in the test.'));
          setTimeout(watch, 50);
        });
      };
      watch();
    });
    this.finished.delete(runId);
    const run = this.run(runId);
    if (!run) throw new StudioError('not-found', 'The test run vanished from the log.');
    const result = await judgeRun(test, run, this.read);
    await this.conductor.execute({ type: 'recordFlowTestResult', result });
    return result;
  }

  runAll(tests: readonly FlowTest[] = this.tests): Promise<TestOutcome[]> {
    return runFlowTests(tests, (t) => this.runOne(t), defaultLimits.maxConcurrentAgents);
  }

  close(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
