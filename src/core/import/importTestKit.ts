import type { EventDraft } from '../events/eventMap';
import type { ModelDefinition } from '../models/modelDefinition';

/*
 * Checks a test can run over what an import produced: the rules a person's own edits are held to
 * when the conductor plans them (every port an edge names exists, an input takes one edge, no edge
 * makes a cycle). The import writes events directly, so its tests hold it to the same rules.
 */

export function flowProblems(drafts: readonly EventDraft[]): string[] {
  const problems: string[] = [];
  const models = new Map<string, ModelDefinition>();
  const steps = new Map<string, { flowId: string; modelId: string }>();
  const next = new Map<string, string[]>();
  const taken = new Set<string>();
  for (const d of drafts) {
    if (d.type === 'model.saved') models.set(d.data.model.modelId, d.data.model);
    if (d.type === 'step.added') {
      if (!models.has(d.data.modelId)) problems.push(`step ${d.data.label} names a model not saved before it`);
      steps.set(d.data.stepId, { flowId: d.data.flowId, modelId: d.data.modelId });
    }
    if (d.type !== 'edge.added') continue;
    const { source, target, flowId } = d.data;
    const from = steps.get(source.stepId);
    const to = steps.get(target.stepId);
    if (!from || !to) {
      problems.push(`edge ${d.data.edgeId} joins a step that does not exist`);
      continue;
    }
    if (from.flowId !== flowId || to.flowId !== flowId) problems.push(`edge ${d.data.edgeId} crosses flows`);
    if (!models.get(from.modelId)?.outputs.some((p) => p.name === source.port))
      problems.push(`edge ${d.data.edgeId} leaves from a missing output ${source.port}`);
    if (!models.get(to.modelId)?.inputs.some((p) => p.name === target.port))
      problems.push(`edge ${d.data.edgeId} arrives at a missing input ${target.port}`);
    const slot = `${target.stepId}/${target.port}`;
    if (taken.has(slot)) problems.push(`input ${slot} takes two edges`);
    taken.add(slot);
    if (reaches(next, target.stepId, source.stepId)) problems.push(`edge ${d.data.edgeId} makes a cycle`);
    next.set(source.stepId, [...(next.get(source.stepId) ?? []), target.stepId]);
  }
  return problems;
}

function reaches(next: ReadonlyMap<string, string[]>, from: string, to: string): boolean {
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length > 0) {
    const at = stack.pop()!;
    if (at === to) return true;
    if (seen.has(at)) continue;
    seen.add(at);
    stack.push(...(next.get(at) ?? []));
  }
  return false;
}
