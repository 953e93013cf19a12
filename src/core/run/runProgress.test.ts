import { describe, expect, it } from 'vitest';
import type { RunId } from '../ids';
import { doneStep, ev, fold, planStep, started } from '../testing/runEvents';
import { runProgress } from './runProgress';

const steps = [
  planStep('s1', 'Draft'),
  planStep('s2', 'Lint'),
  planStep('s3', 'Slow'),
  planStep('s4', 'Sign off', 'm_gate'),
  planStep('s5', 'Ship'),
];
const isGate = (s: { modelId: string }) => s.modelId === 'm_gate';

describe('runProgress', () => {
  it('counts settled steps of all, names the step at work and the next gate ahead', () => {
    const runs = fold([
      started('r1', 'f', steps, { budget: { wallMs: 60_000, costUsd: 0.1 } }),
      ...doneStep('r1', 's1'),
      ev('step.skipped', 'r1', { stepId: 's2', reason: 'branch not taken' } as never),
      ev('gap.opened', 'r1', { gapId: 'g3', kind: 'reaction', stepId: 's3', causeSeqs: [] } as never),
      ev('agent.spawned', 'r1', {
        agentId: 'a1',
        gapId: 'g3',
        stepId: 's3',
        modelId: 'm_s3',
        modelVersion: 1,
        goal: '',
        inputs: {},
        attempt: 1,
      } as never),
      ev('agent.resolved', 'r1', {
        agentId: 'a9',
        gapId: 'g0',
        stepId: 's1',
        outcome: 'succeeded',
        durationMs: 1_200,
        logs: [],
      } as never),
    ]);
    const p = runProgress(runs.runs.get('r1' as RunId) as never, isGate);
    expect(p).toMatchObject({ status: 'running', done: 2, total: 5, percent: 40 });
    expect(p.current.map((s) => [s.label, s.status])).toEqual([['Slow', 'running']]);
    expect(p.nextGate).toEqual({ stepId: 's4', label: 'Sign off', state: 'ahead' });
    expect(p.spend).toEqual([
      { measure: 'costUsd', spent: 0, limit: 0.1, share: 0 },
      { measure: 'wallMs', spent: 1_200, limit: 60_000, share: 0.02 },
    ]);
  });

  it('puts a gate a person is being asked at first, and forgets gates once settled', () => {
    const twoGates = [planStep('g1', 'Review', 'm_gate'), planStep('x', 'Work'), planStep('g2', 'Sign off', 'm_gate')];
    const asking = fold([
      started('r2', 'f', twoGates),
      ...doneStep('r2', 'g1'),
      ev('gap.opened', 'r2', { gapId: 'gg', kind: 'reaction', stepId: 'g2', causeSeqs: [] } as never),
      ev('person.asked', 'r2', { askId: 'gg', stepId: 'g2', kind: 'approval', question: 'Ship?' } as never),
    ]);
    const p = runProgress(asking.runs.get('r2' as RunId) as never, isGate);
    expect(p.nextGate).toEqual({ stepId: 'g2', label: 'Sign off', state: 'asking' });
    expect(p.current).toEqual([{ stepId: 'g2', label: 'Sign off', status: 'asking' }]);
    expect(p.percent).toBe(33);
  });

  it('reads 100% with nothing ahead once every step is settled, and lists only spend that happened without a budget', () => {
    const runs = fold([
      started('r3', 'f', [planStep('a', 'A')]),
      ...doneStep('r3', 'a'),
      ev('run.finished', 'r3', { status: 'succeeded' } as never),
    ]);
    const p = runProgress(runs.runs.get('r3' as RunId) as never, isGate);
    expect(p).toMatchObject({ status: 'succeeded', done: 1, total: 1, percent: 100, current: [], spend: [] });
    expect(p.nextGate).toBeUndefined();
  });
});
