import { describe, expect, it } from 'vitest';
import type { FlowId, RunId, StepId } from '../ids';
import { doneStep, ev, fold, planStep, started } from '../testing/runEvents';
import { newestRunOf, runNumbers, runTree, subflowRunOf } from './runTree';

const outer = [planStep('s_sub', 'Shout via sub-flow'), planStep('s_wrap', 'Wrap')];
const inner = [planStep('s_in', 'Shout it')];
const childOf = (runId: string, stepId = 's_sub') => ({
  parentStep: { runId: runId as RunId, stepId: stepId as StepId, gapId: `g_${runId}` as never },
});

/** Two runs of Main; the second forked from the first; each started a run of Inner from its sub-flow step. */
const runs = fold([
  started('r1', 'main', outer),
  ev('gap.opened', 'r1', { gapId: 'g_r1', kind: 'reaction', stepId: 's_sub', causeSeqs: [] } as never),
  started('c1', 'inner', inner, childOf('r1')),
  ...doneStep('c1', 's_in'),
  started('r2', 'main', outer, { parent: { runId: 'r1' as RunId, atSeq: 1 } }),
  started('c2', 'inner', inner, childOf('r2')),
]);
const view = (rows: ReturnType<typeof runTree>) =>
  rows.map(
    (r) =>
      `${'  '.repeat(r.depth)}${r.run.runId} #${r.number}${r.parentNumber ? ` fork of ${r.parentNumber}` : ''}${r.startedBy ? ` by run ${r.startedBy.number} ${r.startedBy.label}` : ''}`,
  );

describe('runTree', () => {
  it('nests forks and sub-flow runs under the run that started them, newest first at every level', () => {
    expect(view(runTree(runs, 'main' as FlowId))).toEqual([
      // r1 is the older root; r2 its fork; each run's own sub-flow run under it.
      'r1 #1',
      '  r2 #2 fork of 1',
      '    c2 #2 by run 2 Shout via sub-flow',
      '  c1 #1 by run 1 Shout via sub-flow',
    ]);
  });

  it('on the inner flow, lists its runs as roots that say which outer run and step started them', () => {
    expect(view(runTree(runs, 'inner' as FlowId))).toEqual([
      'c2 #2 by run 2 Shout via sub-flow',
      'c1 #1 by run 1 Shout via sub-flow',
    ]);
  });

  it('numbers runs within their own flow', () => {
    expect(Object.fromEntries(runNumbers(runs))).toEqual({ r1: 1, c1: 1, r2: 2, c2: 2 });
  });

  it('shows a flow that runs itself through a sub-flow once per run, under its ancestor', () => {
    const nested = fold([started('a', 'main', outer), started('b', 'main', outer, childOf('a'))]);
    expect(view(runTree(nested, 'main' as FlowId))).toEqual(['a #1', '  b #2 by run 1 Shout via sub-flow']);
  });

  it('finds the newest sub-flow run a step started', () => {
    expect(subflowRunOf(runs, 'r2' as RunId, 's_sub' as StepId)?.runId).toBe('c2');
    expect(subflowRunOf(runs, 'r2' as RunId, 's_wrap' as StepId)).toBeUndefined();
  });

  it('finds the newest run of a flow, the one the canvas follows', () => {
    expect(newestRunOf(runs, 'main' as FlowId)?.runId).toBe('r2');
    expect(newestRunOf(runs, 'inner' as FlowId)?.runId).toBe('c2');
    expect(newestRunOf(runs, 'none' as FlowId)).toBeUndefined();
  });
});
