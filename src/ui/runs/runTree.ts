import type { RunState } from '../../core/run/runState';

export interface RunRow {
  run: RunState;
  /** 1 for the first run of the flow, in the order runs started. */
  number: number;
  depth: number;
  parentNumber?: number;
}

/** Runs as a tree: forks under the run they branch from; newest first at every level. */
export function runTree(runsOldestFirst: readonly RunState[]): RunRow[] {
  const number = new Map(runsOldestFirst.map((r, i) => [r.runId as string, i + 1]));
  const children = new Map<string, RunState[]>();
  const roots: RunState[] = [];
  for (const run of runsOldestFirst) {
    const parent = run.parent && number.has(run.parent.runId) ? run.parent.runId : undefined;
    if (parent) children.set(parent, [...(children.get(parent) ?? []), run]);
    else roots.push(run);
  }
  const rows: RunRow[] = [];
  const visit = (run: RunState, depth: number) => {
    const parentNumber = run.parent ? number.get(run.parent.runId) : undefined;
    rows.push({ run, number: number.get(run.runId) ?? 0, depth, ...(parentNumber !== undefined ? { parentNumber } : {}) });
    for (const child of [...(children.get(run.runId) ?? [])].reverse()) visit(child, depth + 1);
  };
  for (const root of [...roots].reverse()) visit(root, 0);
  return rows;
}
