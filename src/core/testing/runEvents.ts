import type { EventType } from '../events/eventMap';
import type { EventOfType, StoredEvent } from '../events/storedEvent';
import type { ArtifactRef } from '../events/primitives';
import type { ProjectId, RunId, StepId } from '../ids';
import { emptyRuns, foldRuns, type RunsState } from '../run/runState';

/**
 * Hand-written run logs for unit tests of the run projections: events with just the fields the
 * folds read (no hash chain), and plans of steps with one input and one output each.
 */
export const someArtifact = { hash: 'a'.repeat(64), kind: 'text', size: 5 } as unknown as ArtifactRef;

let seq = 0;
export function ev<T extends EventType>(
  type: T,
  runId: string,
  data: EventOfType<T>['data'],
  ts = 1_000 + seq,
): StoredEvent {
  return {
    v: 1,
    projectId: 'p_test' as ProjectId,
    seq: seq++,
    ts,
    type,
    runId: runId as RunId,
    data,
    prevHash: '',
    hash: '',
  } as StoredEvent;
}

export const planStep = (stepId: string, label: string, modelId = `m_${stepId}`) => ({
  stepId: stepId as StepId,
  label,
  modelId,
  modelVersion: 1,
  inputs: [{ name: 'in', type: 'text' }],
  outputs: [{ name: 'out', type: 'text' }],
});

export function started(
  runId: string,
  flowId: string,
  steps: ReadonlyArray<ReturnType<typeof planStep>>,
  extra: Partial<EventOfType<'run.started'>['data']> = {},
): StoredEvent {
  return ev('run.started', runId, {
    runId,
    flowId,
    plan: { steps, edges: [] },
    input: someArtifact,
    ...extra,
  } as EventOfType<'run.started'>['data']);
}

/** A step done: its gap opened and its one output produced, with no agent. */
export const doneStep = (runId: string, stepId: string): StoredEvent[] => [
  ev('gap.opened', runId, { gapId: `g_${runId}_${stepId}`, kind: 'reaction', stepId, causeSeqs: [] } as never),
  ev('artifact.produced', runId, { stepId, port: 'out', artifact: someArtifact } as never),
];

export const fold = (events: readonly StoredEvent[], from: RunsState = emptyRuns): RunsState =>
  events.reduce(foldRuns, from);
