import type { EventDraft } from '../core/events/eventMap';
import type { ModelCompiler } from '../core/conductor/ports';
import type { EdgeId, FlowId, ModelId, StepId } from '../core/ids';
import type { ExampleModel } from './softwarePipelineModels';

export interface ExampleLayout {
  steps: ReadonlyArray<{ key: string; x: number; y: number }>;
  /** [from step, output port, to step, input port], by model key. */
  edges: ReadonlyArray<readonly [string, string, string, string]>;
}

/**
 * The events of an example: its models (compiled now, so a broken example fails loudly at
 * build time, not in a person's run), one flow, a step per layout entry and its edges.
 */
export function exampleFlowEvents(
  example: { models: readonly ExampleModel[]; layout: ExampleLayout; flowName: string },
  compile: ModelCompiler,
  newId: (prefix: string) => string,
): EventDraft[] {
  const drafts: EventDraft[] = [];
  const modelIds = new Map<string, ModelId>();
  for (const m of example.models) {
    const compiled = compile(m.source);
    if (!compiled.ok) throw new Error(`The example model ${m.name} does not compile: ${compiled.message}`);
    const modelId = newId('model') as ModelId;
    modelIds.set(m.key, modelId);
    drafts.push({
      type: 'model.saved',
      data: {
        model: {
          modelId,
          kind: 'script',
          name: m.name,
          description: m.description,
          version: 1,
          inputs: m.inputs,
          outputs: m.outputs,
          source: m.source,
          compiled: compiled.code,
          timeoutMs: 10_000,
        },
      },
    });
  }
  const flowId = newId('flow') as FlowId;
  drafts.push({ type: 'flow.created', data: { flowId, name: example.flowName } });
  const stepIds = new Map<string, StepId>();
  for (const s of example.layout.steps) {
    const stepId = newId('step') as StepId;
    stepIds.set(s.key, stepId);
    const model = example.models.find((m) => m.key === s.key);
    drafts.push({
      type: 'step.added',
      data: {
        flowId,
        stepId,
        modelId: modelIds.get(s.key) as ModelId,
        label: model?.name ?? s.key,
        position: { x: s.x, y: s.y },
      },
    });
  }
  for (const [from, fromPort, to, toPort] of example.layout.edges) {
    drafts.push({
      type: 'edge.added',
      data: {
        flowId,
        edgeId: newId('edge') as EdgeId,
        source: { stepId: stepIds.get(from) as StepId, port: fromPort },
        target: { stepId: stepIds.get(to) as StepId, port: toPort },
      },
    });
  }
  return drafts;
}
