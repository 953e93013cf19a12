import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../runtime/sha256';
import type { StoredEvent } from '../events/storedEvent';
import { playScenario, randomScenario } from '../testing/randomRuns';
import { emptyRuns, foldRuns, type RunsState } from './runState';
import { runTree } from './runTree';

/** Sub-flow steps that do not read running while the child run they started is still going. */
function notRunning(runs: RunsState, at: StoredEvent, checked: { count: number }): string[] {
  const found: string[] = [];
  for (const child of runs.runs.values()) {
    if (child.status !== 'running' || !child.parentStep) continue;
    const outer = runs.runs.get(child.parentStep.runId);
    // An interrupted outer run keeps no step running: its sub-flow run goes on by itself.
    if (outer?.status !== 'running') continue;
    const status = outer.steps.get(child.parentStep.stepId)?.status;
    checked.count += 1;
    if (status !== 'running')
      found.push(`#${at.seq} ${at.type}: sub-flow step ${child.parentStep.stepId} reads ${String(status)}`);
  }
  return found;
}

/** Every run appears exactly once in the trees of the flows that have a root run, under its parent. */
function treeFaults(runs: RunsState): string[] {
  const faults: string[] = [];
  const seen = new Map<string, number>();
  const flows = new Set([...runs.runs.values()].filter((r) => !r.parentStep && !r.parent).map((r) => r.flowId));
  for (const flowId of flows) {
    const rows = runTree(runs, flowId);
    rows.forEach((row, i) => {
      seen.set(row.run.runId, (seen.get(row.run.runId) ?? 0) + 1);
      const parent = row.run.parent?.runId ?? row.run.parentStep?.runId;
      if (row.depth === 0) return;
      // Its parent is the nearest row above it one level up.
      const above = rows
        .slice(0, i)
        .reverse()
        .find((r) => r.depth === row.depth - 1);
      if (above?.run.runId !== parent) faults.push(`${row.run.runId} is not under ${String(parent)}`);
    });
  }
  for (const run of runs.runs.values())
    if (seen.get(run.runId) !== 1) faults.push(`${run.runId} shown ${seen.get(run.runId) ?? 0} times`);
  return faults;
}

describe('sub-flow runs', () => {
  it('their outer step reads running while they work, and each sits once under its parent in the run tree', async () => {
    const checked = { count: 0 };
    await fc.assert(
      fc.asyncProperty(randomScenario, async (s) => {
        const events = await playScenario(sha256, s);
        let runs = emptyRuns;
        const found: string[] = [];
        for (const event of events) {
          runs = foldRuns(runs, event);
          found.push(...notRunning(runs, event, checked));
        }
        expect(found).toEqual([]);
        expect(treeFaults(runs)).toEqual([]);
      }),
      { numRuns: 120 },
    );
    // The random flows did start sub-flow runs that worked for a while.
    expect(checked.count).toBeGreaterThan(0);
  }, 120_000);
});
