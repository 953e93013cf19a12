import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../runtime/sha256';
import type { EventDraft } from '../events/eventMap';
import { sealEvents } from '../log/sealEvents';
import type { StoredEvent } from '../events/storedEvent';
import type { ArtifactHash, ProjectId } from '../ids';
import { foldRun, startRunState, type RunState } from '../run/runState';
import { RunReplay, SNAPSHOT_EVERY } from './runReplay';

const hash = (n: number) => n.toString(16).padStart(64, '0') as ArtifactHash;
const steps = ['s0', 's1', 's2', 's3', 's4'];

/** Random but well-formed run logs: agents spawn, emit, resolve; gaps open and close; sometimes it ends. */
const runLog = fc
  .array(
    fc.record({
      kind: fc.integer({ min: 0, max: 5 }),
      step: fc.integer({ min: 0, max: 4 }),
      n: fc.integer({ min: 0, max: 1_000 }),
    }),
    { minLength: 0, maxLength: 900 },
  )
  .map((ops) => buildDrafts(ops));

function buildDrafts(ops: Array<{ kind: number; step: number; n: number }>): EventDraft[] {
  const drafts: EventDraft[] = [
    {
      type: 'run.started',
      runId: 'run_1',
      data: {
        runId: 'run_1' as never,
        flowId: 'flow_1' as never,
        plan: {
          steps: steps.map((id) => ({
            stepId: id as never,
            label: id,
            modelId: 'm' as never,
            modelVersion: 1,
            inputs: [],
            outputs: [{ name: 'out', type: 'any' as const }],
          })),
          edges: [],
        },
        input: { hash: hash(0), kind: 'text', size: 0 },
      },
    },
  ];
  ops.forEach(({ kind, step, n }, i) => {
    const stepId = steps[step] as never;
    const ids = { agentId: `agent_${i}` as never, gapId: `gap_${i}` as never, stepId };
    const d: EventDraft[] = [
      { type: 'gap.opened', runId: 'run_1', data: { gapId: ids.gapId, kind: 'reaction', stepId, causeSeqs: [0] } },
      {
        type: 'agent.spawned',
        runId: 'run_1',
        data: { ...ids, modelId: 'm' as never, modelVersion: 1, goal: 'g', inputs: {}, deadlineMs: 10, seed: n },
      },
      {
        type: 'artifact.produced',
        runId: 'run_1',
        data: { stepId, port: 'out', agentId: ids.agentId, artifact: { hash: hash(n + 1), kind: 'json', size: n } },
      },
      {
        type: 'agent.resolved',
        runId: 'run_1',
        data: { ...ids, outcome: n % 3 === 0 ? 'failed' : 'succeeded', reason: 'r', durationMs: n, logs: [`l${n}`] },
      },
      { type: 'gap.closed', runId: 'run_1', data: { gapId: ids.gapId, resolution: 'filled' } },
      { type: 'project.renamed', data: { name: `p${n}` } },
    ];
    drafts.push(d[kind] as EventDraft);
  });
  return drafts;
}

async function seal(drafts: EventDraft[]): Promise<StoredEvent[]> {
  return sealEvents({ projectId: 'p' as ProjectId, head: null, drafts, now: 1, sha256 });
}

function foldFromZero(events: StoredEvent[], upTo: number): RunState {
  let state = startRunState(events[0] as Extract<StoredEvent, { type: 'run.started' }>);
  for (let i = 1; i <= upTo; i++) state = foldRun(state, events[i] as StoredEvent);
  return state;
}

describe('RunReplay', () => {
  it('gives, at every index, exactly the state of folding from the start (property)', async () => {
    await fc.assert(
      fc.asyncProperty(runLog, fc.array(fc.nat(), { minLength: 1, maxLength: 12 }), async (drafts, picks) => {
        const events = (await seal(drafts)).filter((e) => e.runId !== undefined);
        const replay = new RunReplay(events);
        for (const pick of picks) {
          const index = pick % events.length;
          expect(replay.at(index)).toEqual(foldFromZero(events, index));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('agrees with folding from zero across several snapshots, folding at most K events per seek', async () => {
    const ops = Array.from({ length: 3 * SNAPSHOT_EVERY + 17 }, (_, i) => ({ kind: i % 6, step: i % 5, n: i }));
    const events = (await seal(buildDrafts(ops))).filter((e) => e.runId !== undefined);
    const replay = new RunReplay(events);
    for (let index = 0; index < events.length; index += 7) {
      expect(replay.at(index)).toEqual(foldFromZero(events, index));
      expect(replay.foldsToReach(index)).toBeLessThan(SNAPSHOT_EVERY);
    }
  });

  it('finds failures, gaps and agents to jump between', async () => {
    const events = await seal([
      ...(fc.sample(runLog, { numRuns: 1, seed: 3 })[0] as EventDraft[]).slice(0, 1),
      {
        type: 'gap.opened',
        runId: 'run_1',
        data: { gapId: 'g' as never, kind: 'reaction', stepId: 's0' as never, causeSeqs: [0] },
      },
      {
        type: 'agent.spawned',
        runId: 'run_1',
        data: {
          agentId: 'a' as never,
          gapId: 'g' as never,
          stepId: 's0' as never,
          modelId: 'm' as never,
          modelVersion: 1,
          goal: 'g',
          inputs: {},
          deadlineMs: 5,
          seed: 1,
        },
      },
      {
        type: 'agent.resolved',
        runId: 'run_1',
        data: {
          agentId: 'a' as never,
          gapId: 'g' as never,
          stepId: 's0' as never,
          outcome: 'failed',
          reason: 'x',
          durationMs: 1,
          logs: [],
        },
      },
    ]);
    const replay = new RunReplay(events);
    expect(replay.nextMarker('gap', 0)).toBe(1);
    expect(replay.nextMarker('agent', 0)).toBe(2);
    expect(replay.nextMarker('failure', 0)).toBe(3);
    expect(replay.nextMarker('failure', 3)).toBeUndefined();
    expect(replay.nextMarker('gap', 3, -1)).toBe(1);
    expect(replay.indexOfSeq(2)).toBe(2);
    expect(replay.at(2).steps.get('s0' as never)?.status).toBe('running');
    expect(replay.at(3).steps.get('s0' as never)?.status).toBe('failed');
  });
});
