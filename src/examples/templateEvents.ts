import type { EventDraft } from '../core/events/eventMap';
import type { ModelCompiler } from '../core/conductor/ports';
import type { EdgeId, FlowId, ModelId, StepId } from '../core/ids';
import type { ProjectTemplate } from '../protocol/conductorApi';
import { softwarePipelineLayout, softwarePipelineModels } from './softwarePipelineModels';
import { churnTemplateEvents } from './churnTemplate';

/**
 * The events that fill a new project from a template. They are appended together with
 * project.created in one transaction, so a project is never half made, even if the tab closes.
 */
export function templateEvents(template: ProjectTemplate, compile: ModelCompiler, newId: (prefix: string) => string): EventDraft[] {
  if (template === 'empty') return [{ type: 'flow.created', data: { flowId: newId('flow') as FlowId, name: 'Main flow' } }];
  if (template === 'churn') return churnTemplateEvents(compile, newId);
  const drafts: EventDraft[] = [];
  const modelIds = new Map<string, ModelId>();
  for (const m of softwarePipelineModels) {
    const compiled = compile(m.source);
    if (!compiled.ok) throw new Error(`The example model ${m.name} does not compile: ${compiled.message}`);
    const modelId = newId('model') as ModelId;
    modelIds.set(m.key, modelId);
    drafts.push({
      type: 'model.saved',
      data: { model: { modelId, kind: 'script', name: m.name, description: m.description, version: 1, inputs: m.inputs, outputs: m.outputs, source: m.source, compiled: compiled.code, timeoutMs: 10_000 } },
    });
  }
  const flowId = newId('flow') as FlowId;
  drafts.push({ type: 'flow.created', data: { flowId, name: 'Software pipeline' } });
  const stepIds = new Map<string, StepId>();
  for (const s of softwarePipelineLayout.steps) {
    const stepId = newId('step') as StepId;
    stepIds.set(s.key, stepId);
    const model = softwarePipelineModels.find((m) => m.key === s.key);
    drafts.push({ type: 'step.added', data: { flowId, stepId, modelId: modelIds.get(s.key) as ModelId, label: model?.name ?? s.key, position: { x: s.x, y: s.y } } });
  }
  for (const [from, fromPort, to, toPort] of softwarePipelineLayout.edges) {
    drafts.push({
      type: 'edge.added',
      data: { flowId, edgeId: newId('edge') as EdgeId, source: { stepId: stepIds.get(from) as StepId, port: fromPort }, target: { stepId: stepIds.get(to) as StepId, port: toPort } },
    });
  }
  return drafts;
}
