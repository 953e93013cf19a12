import type { Join } from './stepSettings';

/** How many of a step's `inputs` inputs must arrive before it may start. */
export function inputsNeeded(join: Join | undefined, inputs: number): number {
  if (inputs === 0) return 0;
  if (!join || join.policy === 'all') return inputs;
  if (join.policy === 'any') return 1;
  return Math.min(join.n, inputs);
}

export type JoinState = 'waiting' | 'ready' | 'impossible';

/**
 * Where a join stands: `ready` once enough inputs arrived, `impossible` once so many were skipped
 * that enough can never arrive (then the step is skipped too), else `waiting`.
 */
export function joinState(needed: number, total: number, arrived: number, skipped: number): JoinState {
  if (arrived >= needed) return 'ready';
  return total - skipped < needed ? 'impossible' : 'waiting';
}
