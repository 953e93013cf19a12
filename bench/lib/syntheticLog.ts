import type { EventData, EventType, RunPlan } from '../../src/core/events/eventMap';
import { GENESIS_HASH, type StoredEvent } from '../../src/core/events/storedEvent';
import type { AgentId, ArtifactHash, GapId, ProjectId, RunId } from '../../src/core/ids';
import { DAG_FLOW, JOIN_MODEL, SEED_MODEL, dagSteps, stepIdOf, type DagShape } from './dagFixture';

/**
 * Synthetic, well-formed events for figures that only fold events (the gap loop, replay, the
 * canvas's run status). They are not hash-chained: nothing that reads them checks hashes, and
 * sealing a million events would measure SHA-256, not the fold.
 */
const PROJECT = 'p_bench' as ProjectId;
const FAKE_HASH = 'f'.repeat(64);

export function fakeEvent<T extends EventType>(seq: number, type: T, data: EventData<T>, runId?: RunId): StoredEvent {
  return {
    v: 1,
    projectId: PROJECT,
    seq,
    ts: 1_000 + seq,
    type,
    ...(runId !== undefined ? { runId } : {}),
    data,
    prevHash: GENESIS_HASH,
    hash: FAKE_HASH,
  } as StoredEvent;
}

const hashOf = (n: number): ArtifactHash => n.toString(16).padStart(64, '0') as ArtifactHash;

export function dagPlan(shape: DagShape): RunPlan {
  const steps = dagSteps(shape);
  return {
    steps: steps.map((s) => ({
      stepId: stepIdOf(s.index),
      label: `Step ${s.index}`,
      modelId: s.layer === 0 ? SEED_MODEL : JOIN_MODEL,
      modelVersion: 1,
      inputs:
        s.layer === 0
          ? [{ name: 'input', type: 'text' as const }]
          : [
              { name: 'a', type: 'text' as const },
              { name: 'b', type: 'text' as const },
            ],
      outputs: [{ name: 'out', type: 'text' as const }],
    })),
    edges: steps.flatMap((s) =>
      s.from.map((source, i) => ({
        edgeId: `edge_${s.index}_${i}` as never,
        source: { stepId: stepIdOf(source), port: 'out' },
        target: { stepId: stepIdOf(s.index), port: i === 0 ? 'a' : 'b' },
      })),
    ),
  };
}

/** The five events the conductor writes for one step: gap opened, agent spawned, artifact, resolved, gap closed. */
export function stepLifeEvents(
  runId: RunId,
  stepIndex: number,
  nextSeq: () => number,
  causeSeq: number,
): StoredEvent[] {
  const stepId = stepIdOf(stepIndex);
  const gapId = `gap_${runId}_${stepIndex}` as GapId;
  const agentId = `agent_${runId}_${stepIndex}` as AgentId;
  return [
    fakeEvent(nextSeq(), 'gap.opened', { gapId, kind: 'reaction', stepId, causeSeqs: [causeSeq] }, runId),
    fakeEvent(
      nextSeq(),
      'agent.spawned',
      {
        agentId,
        gapId,
        stepId,
        modelId: JOIN_MODEL,
        modelVersion: 1,
        goal: `Produce out for step “Step ${stepIndex}”`,
        inputs: {},
        deadlineMs: 10_000,
        seed: stepIndex,
      },
      runId,
    ),
    fakeEvent(
      nextSeq(),
      'artifact.produced',
      { stepId, port: 'out', agentId, artifact: { hash: hashOf(stepIndex + 1), kind: 'text', size: 4 } },
      runId,
    ),
    fakeEvent(
      nextSeq(),
      'agent.resolved',
      { agentId, gapId, stepId, outcome: 'succeeded', durationMs: 2, logs: [] },
      runId,
    ),
    fakeEvent(nextSeq(), 'gap.closed', { gapId, resolution: 'filled' }, runId),
  ];
}

export function runStarted(runId: RunId, shape: DagShape, seq: number): StoredEvent {
  return fakeEvent(
    seq,
    'run.started',
    { runId, flowId: DAG_FLOW, plan: dagPlan(shape), input: { hash: hashOf(0), kind: 'text', size: 5 } },
    runId,
  );
}

/** One run of the DAG from start to finish: 5 events per step plus start and finish. */
export function completeRun(runId: RunId, shape: DagShape, upTo = Infinity): StoredEvent[] {
  let seq = 0;
  const events: StoredEvent[] = [runStarted(runId, shape, seq++)];
  for (let i = 0; i < shape.steps && i < upTo; i++) events.push(...stepLifeEvents(runId, i, () => seq++, 0));
  if (upTo >= shape.steps) events.push(fakeEvent(seq++, 'run.finished', { status: 'succeeded' }, runId));
  return events;
}

export interface GapLoopLog {
  events: StoredEvent[];
  /** Events that touch an expectation (run starts, the step lifecycles, finishes). */
  touching: number;
  expectations: number;
}

/**
 * A log of `total` events in which `runs` runs whose plans total `runs × shape.steps` expectations
 * are all live at once. Their step lifecycles (in topological order, runs interleaved) are spread
 * evenly through noise: flow edits (no run), artifacts of runs nobody tracks, and artifacts of
 * tracked runs on slots no expectation waits on.
 */
export function gapLoopLog(total: number, runs: number, shape: DagShape): GapLoopLog {
  let seq = 0;
  const next = (): number => seq++;
  const runIds = Array.from({ length: runs }, (_, r) => `run_${r}` as RunId);
  const head: StoredEvent[] = runIds.map((runId) => runStarted(runId, shape, next()));
  // Step lifecycles, interleaved round-robin so every run stays live until the end.
  const life: StoredEvent[] = [];
  for (let i = 0; i < shape.steps; i++) for (const runId of runIds) life.push(...stepLifeEvents(runId, i, next, 0));
  const tail = runIds.map((runId) => fakeEvent(next(), 'run.finished', { status: 'succeeded' }, runId));
  const touching = head.length + life.length + tail.length;
  const noiseCount = Math.max(0, total - touching);

  const moved = Array.from({ length: 512 }, (_, k) =>
    fakeEvent(k, 'steps.moved', { flowId: DAG_FLOW, moves: [{ stepId: stepIdOf(k), position: { x: k, y: k } }] }),
  );
  const foreign = Array.from({ length: 512 }, (_, k) =>
    fakeEvent(
      k,
      'artifact.produced',
      {
        stepId: stepIdOf(k),
        port: 'out',
        agentId: 'agent_x' as AgentId,
        artifact: { hash: hashOf(k), kind: 'text', size: 1 },
      },
      `run_old_${k % 7}` as RunId,
    ),
  );
  const side = Array.from({ length: 4096 }, (_, k) =>
    fakeEvent(
      k,
      'artifact.produced',
      {
        stepId: stepIdOf(k % shape.steps),
        port: `side_${k % 16}`,
        agentId: 'agent_y' as AgentId,
        artifact: { hash: hashOf(k), kind: 'text', size: 1 },
      },
      runIds[k % runs],
    ),
  );
  const noise = (k: number): StoredEvent => {
    const pick = k % 10;
    if (pick < 4) return moved[k % moved.length] as StoredEvent;
    if (pick < 7) return foreign[k % foreign.length] as StoredEvent;
    return side[k % side.length] as StoredEvent;
  };

  const events: StoredEvent[] = [...head];
  const every = life.length > 0 ? noiseCount / life.length : 0;
  let k = 0;
  life.forEach((event, i) => {
    const until = Math.min(noiseCount, Math.round((i + 1) * every));
    while (k < until) events.push(noise(k++));
    events.push(event);
  });
  while (k < noiseCount) events.push(noise(k++));
  events.push(...tail);
  return { events, touching, expectations: runs * shape.steps };
}
