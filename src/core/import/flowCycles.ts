import type { SourceEdge } from './sourceGraph';

/**
 * The cycles of a flow: its strongly connected components with more than one node, or a node
 * wired to itself (Tarjan's algorithm, iterative so a 2,000-node file cannot overflow the stack).
 * Each cycle is listed in the order its nodes were met, so the report can name it.
 */
export function findCycles(nodeIds: readonly string[], edges: readonly SourceEdge[]): string[][] {
  const next = new Map<string, string[]>(nodeIds.map((id) => [id, []]));
  const selfLoops = new Set<string>();
  for (const e of edges) {
    if (e.from.node === e.to.node) selfLoops.add(e.from.node);
    next.get(e.from.node)?.push(e.to.node);
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  let counter = 0;
  for (const root of nodeIds) {
    if (index.has(root)) continue;
    const work: Array<{ node: string; i: number }> = [{ node: root, i: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const targets = next.get(frame.node) ?? [];
      if (frame.i < targets.length) {
        const to = targets[frame.i++]!;
        if (!index.has(to)) {
          index.set(to, counter);
          low.set(to, counter++);
          stack.push(to);
          onStack.add(to);
          work.push({ node: to, i: 0 });
        } else if (onStack.has(to)) low.set(frame.node, Math.min(low.get(frame.node)!, index.get(to)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let member: string | undefined;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        if (component.length > 1 || selfLoops.has(frame.node)) cycles.push(component.reverse());
      }
    }
  }
  return cycles;
}
