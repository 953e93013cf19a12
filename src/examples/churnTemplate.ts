import type { EventDraft } from '../core/events/eventMap';
import type { ModelCompiler } from '../core/conductor/ports';
import type { EdgeId, FlowId, ModelId, StepId } from '../core/ids';
import { parseIntents } from '../core/intents/parseIntents';
import { CHURN_INTENTS, churnLayout, churnModels } from './churnExample';

/** The churn example's events: its models, the flow “Churn watch” and the intents document. */
export function churnTemplateEvents(compile: ModelCompiler, newId: (prefix: string) => string): EventDraft[] {
  const drafts: EventDraft[] = [];
  const modelIds = new Map<string, ModelId>();
  for (const m of churnModels) {
    const compiled = compile(m.source);
    if (!compiled.ok) throw new Error(`The example model ${m.name} does not compile: ${compiled.message}`);
    const modelId = newId('model') as ModelId;
    modelIds.set(m.key, modelId);
    drafts.push({ type: 'model.saved', data: { model: { modelId, kind: 'script', name: m.name, description: m.description, version: 1, inputs: m.inputs, outputs: m.outputs, source: m.source, compiled: compiled.code, timeoutMs: 10_000 } } });
  }
  const flowId = newId('flow') as FlowId;
  drafts.push({ type: 'flow.created', data: { flowId, name: 'Churn watch' } });
  const stepIds = new Map<string, StepId>();
  for (const s of churnLayout.steps) {
    const stepId = newId('step') as StepId;
    stepIds.set(s.key, stepId);
    const model = churnModels.find((m) => m.key === s.key);
    drafts.push({ type: 'step.added', data: { flowId, stepId, modelId: modelIds.get(s.key) as ModelId, label: model?.name ?? s.key, position: { x: s.x, y: s.y } } });
  }
  for (const [from, fromPort, to, toPort] of churnLayout.edges) {
    drafts.push({ type: 'edge.added', data: { flowId, edgeId: newId('edge') as EdgeId, source: { stepId: stepIds.get(from) as StepId, port: fromPort }, target: { stepId: stepIds.get(to) as StepId, port: toPort } } });
  }
  const parsed = parseIntents(CHURN_INTENTS, { modelNames: new Set(churnModels.map((m) => m.name)) });
  if (!parsed.ok) throw new Error(`The example's intents are not valid: ${parsed.issues[0]?.message ?? ''}`);
  drafts.push({ type: 'intents.saved', data: { source: CHURN_INTENTS, document: parsed.document } });
  return drafts;
}
