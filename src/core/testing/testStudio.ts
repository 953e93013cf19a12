import { Conductor, defaultLimits, type ConductorLimits } from '../conductor/conductor';
import type { ConductorPorts, LlmClient } from '../ports/ports';
import type { SerializedStudioError } from '../errors/studioError';
import type { Handover } from '../conductor/planReopenedRuns';
import type { Command, CommandResult } from '../conductor/commands';
import type { Sha256 } from '../events/hashChain';
import type { StoredEvent } from '../events/storedEvent';
import { counterIds, type ProjectId } from '../ids';
import { foldAllDefinitions } from '../project/projectState';
import { emptyRuns, foldRuns, type RunsState } from '../run/runState';
import {
  MemoryArtifactStore,
  MemoryEventLog,
  MemoryGrants,
  ScriptedAgents,
  type ScriptedBehaviour,
} from './memoryPorts';

/**
 * A headless studio for tests (like tldraw's TestEditor): a real Conductor over in-memory ports,
 * driven by the same commands the UI sends. Model code is a key into `behaviours`; compiling is
 * the identity.
 */
export class TestStudio {
  readonly log: MemoryEventLog;
  readonly artifacts = new MemoryArtifactStore();
  readonly agents: ScriptedAgents;
  readonly conductor: Conductor;
  private time = 1_000;

  /** This test browser's approvals of extensions. */
  readonly grants = new MemoryGrants();
  /** Times the conductor asked to be woken at (retry backoffs, deadlines). */
  readonly wakes: number[] = [];
  /** What the conductor told the page at once (studio bugs, failures it could not write). */
  readonly faults: SerializedStudioError[] = [];

  /**
   * `ports` overrides the in-memory ones (e.g. `testHooks` to inject a conductor bug); `idStart`:
   * where this studio's ids begin, so a studio reopened over another's log never reuses one.
   */
  constructor(
    private readonly sha256: Sha256,
    behaviours: Record<string, ScriptedBehaviour>,
    limits: ConductorLimits = defaultLimits,
    llm?: LlmClient,
    ports: Partial<ConductorPorts> = {},
    private readonly idStart = 1,
  ) {
    const projectId = 'p_test' as ProjectId;
    this.log = new MemoryEventLog(projectId, sha256, () => this.time);
    this.agents = new ScriptedAgents(behaviours);
    const ids = counterIds(idStart);
    let seed = 1;
    this.conductor = new Conductor(
      {
        log: this.log,
        artifacts: this.artifacts,
        agents: this.agents,
        clock: { now: () => this.time },
        sha256,
        compile: (source) =>
          source.startsWith('!')
            ? { ok: false, message: 'Line 1, column 1: Unexpected token' }
            : { ok: true, code: source },
        newId: (prefix) => ids.next(prefix),
        newSeed: () => seed++,
        wakeAt: (at) => this.wakes.push(at),
        onFault: (error) => this.faults.push(error),
        grants: this.grants,
        ...(llm ? { llm } : {}),
        ...ports,
      },
      limits,
    );
  }

  advance(ms: number): void {
    this.time += ms;
  }

  get now(): number {
    return this.time;
  }

  /** Moves the clock forward and lets the conductor act on what came due, then waits for it. */
  async advanceAndSettle(ms: number): Promise<void> {
    this.time += ms;
    await this.conductor.tick();
    await this.conductor.whenIdle();
  }

  /** Saves a non-script model (branch, gate, human, llm, subflow) from its definition. */
  define(definition: Record<string, unknown>): Promise<string> {
    return this.do({ type: 'saveModelDefinition', definition });
  }

  /** Opens the log; `after` says why this conductor has it (the leading tab closed, or the studio reopened). */
  async open(after?: Handover): Promise<this> {
    await this.conductor.open('p_test' as ProjectId, 'Test project', undefined, after);
    return this;
  }

  /**
   * A second studio over a copy of this one's log and artifacts, opened as after a reload (or, with
   * `takeover`, as the tab that waited): agents still working here count as dead there.
   */
  async reopen(behaviours: Record<string, ScriptedBehaviour>, after?: Handover): Promise<TestStudio> {
    // Ids like a real studio's never repeat across tabs; counters would, without a fresh range.
    const next = new TestStudio(this.sha256, behaviours, defaultLimits, undefined, {}, this.idStart + 100_000);
    next.log.events.push(...this.events);
    for (const [hash, record] of this.artifacts.records) next.artifacts.records.set(hash, record);
    return next.open(after);
  }

  /** Runs a command and fails the test with the conductor's own words if it was refused. */
  async do(command: Command): Promise<string> {
    const result = await this.conductor.execute(command);
    if (!result.ok) throw new Error(`${command.type} refused: ${result.error.message}`);
    return result.createdId ?? '';
  }

  try(command: Command): Promise<CommandResult> {
    return this.conductor.execute(command);
  }

  get events(): StoredEvent[] {
    return this.log.events;
  }

  get definitions() {
    return foldAllDefinitions(this.events);
  }

  get runs(): RunsState {
    return this.events.reduce(foldRuns, emptyRuns);
  }

  /** Saves a model with the given ports whose code is `behaviour` (a key into the behaviours). */
  model(name: string, inputs: string[], outputs: string[], behaviour: string): Promise<string> {
    return this.do({
      type: 'saveModel',
      name,
      inputs: inputs.map((n) => ({ name: n, type: 'any' as const })),
      outputs: outputs.map((n) => ({ name: n, type: 'any' as const })),
      source: behaviour,
    });
  }
}

/** A behaviour that emits, on every output, a function of its inputs. */
export const emitAll =
  (make: (inputs: Record<string, unknown>) => unknown): ScriptedBehaviour =>
  (task) => ({
    ok: true,
    emitted: task.outputPorts.map((port) => ({ port, value: make(task.inputs) })),
    logs: [],
    durationMs: 1,
  });
