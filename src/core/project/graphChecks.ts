import type { EdgeDefinition } from './projectState';
import type { StepId } from '../ids';

/** True when adding source→target would close a cycle, i.e. target already reaches source. */
export function wouldCreateCycle(edges: Iterable<EdgeDefinition>, source: StepId, target: StepId): boolean {
  if (source === target) return true;
  const next = new Map<StepId, StepId[]>();
  for (const e of edges) {
    const list = next.get(e.source.stepId);
    if (list) list.push(e.target.stepId);
    else next.set(e.source.stepId, [e.target.stepId]);
  }
  const seen = new Set<StepId>();
  const stack: StepId[] = [target];
  while (stack.length > 0) {
    const at = stack.pop() as StepId;
    if (at === source) return true;
    if (seen.has(at)) continue;
    seen.add(at);
    for (const n of next.get(at) ?? []) stack.push(n);
  }
  return false;
}
