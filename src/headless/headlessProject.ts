import { randomUUID, randomInt } from 'node:crypto';
import { artifactValue } from '../core/artifacts/artifactRecord';
import { Conductor, defaultLimits } from '../core/conductor/conductor';
import { StudioError } from '../core/errors/studioError';
import { openSoundLog } from '../core/log/openLog';
import type { StoredEvent } from '../core/events/storedEvent';
import { foldAllFlowTests } from '../core/flowTests/flowTestsState';
import type { FlowTest, FlowTestResult } from '../core/flowTests/flowTestSchema';
import { judgeRun } from '../core/flowTests/judgeRun';
import { runFlowTests, type TestOutcome } from '../core/flowTests/runFlowTests';
import type { ArtifactHash, RunId } from '../core/ids';
import { emptyRuns, foldRuns, type RunState } from '../core/run/runState';
import { MemoryArtifactStore, MemoryEventLog } from '../core/testing/memoryPorts';
import { compileModel } from '../runtime/compileModel';
import { createLlmClient } from '../runtime/llm/llmClient';
import { sha256 } from '../runtime/sha256';
import { QuickJsAgents } from '../runtime/quickjs/quickjsAgents';
import type { VerifiedExport } from './verifyExport';

/** `STUDIO_KEY_<NAME>`: where a headless run finds the API key an LLM model names (keys never travel in exports). */
export const keyVariable = (name: string): string => `STUDIO_KEY_${name.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`;

/**
 * A project export opened in Node with the real Conductor over in-memory ports: the log and the
 * artifacts from the file (after the studio's own import check), script models in QuickJS isolates
 * (the runner's host, with the shared ctx), LLM models over HTTP with keys from the environment.
 * Nothing is written back to the file.
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
      agents: new QuickJsAgents(),
      clock: { now: () => Date.now() },
      sha256,
      compile: compileModel,
      newId: (prefix) => `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 16)}`,
      newSeed: () => randomInt(0, 2 ** 31),
      llm: createLlmClient({ getKey: (name) => Promise.resolve(env[keyVariable(name)]) }),
      wakeAt: (at) => {
        const timer = setTimeout(
          () => {
            this.timers.delete(timer);
            void this.conductor.tick();
          },
          Math.max(0, at - Date.now()),
        );
        this.timers.add(timer);
      },
      onAppended: (events) => {
        for (const e of events) if (e.type === 'run.finished' && e.runId !== undefined) this.finished.get(e.runId)?.();
      },
    });
  }

  /**
   * Opens an export that passed the studio's own import check (./verifyExport.ts): the copy's log
   * and artifacts exactly as an import would write them, and nothing else. Agents start only when
   * a test runs.
   */
  static async open(verified: VerifiedExport, env: Record<string, string | undefined> = {}): Promise<HeadlessProject> {
    const { plan } = verified;
    const { events } = await openSoundLog(plan.events, sha256);
    const log = new MemoryEventLog(plan.projectId, sha256, () => Date.now());
    log.records.push(...plan.events);
    log.events.push(...events);
    const artifacts = new MemoryArtifactStore();
    for (const record of plan.artifacts) await artifacts.put(record);
    const project = new HeadlessProject(log, artifacts, env);
    await project.conductor.open(plan.projectId, plan.name);
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
          if (this.timers.size === 0)
            return reject(
              new StudioError(
                'invalid-command',
                `The run of “${test.name}” waits for a person (an approval, an input or a budget), which a headless run cannot give.`,
                'Pin that step’s outputs in the test.',
              ),
            );
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

  /** The failed steps of a run, by the step's name, each with its own sentence. */
  failedSteps(test: FlowTest, runId: string): Array<{ step: string; reason: string }> {
    const run = this.run(runId);
    if (!run) return [];
    const failed = [...run.steps.entries()].filter(([, step]) => step.status === 'failed');
    const steps = failed.map(([stepId, step]) => ({
      step: this.label(test, stepId),
      reason: step.reason ?? 'it failed without a reason.',
    }));
    return steps.length === 0 && run.reason !== undefined ? [{ step: 'the run', reason: run.reason }] : steps;
  }

  runAll(tests: readonly FlowTest[] = this.tests): Promise<TestOutcome[]> {
    return runFlowTests(tests, (t) => this.runOne(t), defaultLimits.maxConcurrentAgents);
  }

  close(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
