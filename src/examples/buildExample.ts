import type { EventDraft } from '../core/events/eventMap';
import type { ModelCompiler } from '../core/conductor/ports';
import type { EdgeId, FlowId, ModelId, StepId } from '../core/ids';
import type { Port } from '../core/events/primitives';
import { modelSchema } from '../core/models/modelDefinition';
import type { StepSettings } from '../core/flow/stepSettings';
import { parseJsoncWith } from '../core/errors/jsoncDocument';
import { policiesDocumentSchema } from '../core/policy/policy';

/** Ports, as examples write them. */
export const text = (name: string): Port => ({ name, type: 'text' });
export const json = (name: string): Port => ({ name, type: 'json' });

/** A model of an example: a script (TypeScript source) or any other kind, by its definition. */
export type ExampleModelSpec = { key: string; name: string; description: string; inputs: Port[]; outputs: Port[] } & (
  { source: string } | { kind: string; [field: string]: unknown }
);

export interface ExampleSpec {
  flowName: string;
  models: readonly ExampleModelSpec[];
  /** Steps by model key, with their place and settings. */
  steps: ReadonlyArray<{ key: string; x: number; y: number; settings?: StepSettings }>;
  edges: ReadonlyArray<readonly [string, string, string, string]>;
  /** The project's policies document (JSON with comments), if the example has one. */
  policies?: string;
}

/**
 * The events of an example with models of any kind, step settings and policies. Every model and
 * the policies are checked against the same schemas a person's would be, so a broken example
 * fails loudly in the tests, not in a person's run.
 */
export function buildExample(
  spec: ExampleSpec,
  compile: ModelCompiler,
  newId: (prefix: string) => string,
): EventDraft[] {
  const drafts: EventDraft[] = [];
  const modelIds = new Map<string, ModelId>();
  for (const m of spec.models) {
    const modelId = newId('model') as ModelId;
    modelIds.set(m.key, modelId);
    const { key: _key, ...fields } = m;
    let candidate: Record<string, unknown>;
    if ('source' in m) {
      const compiled = compile(String(m.source));
      if (!compiled.ok) throw new Error(`The example model ${m.name} does not compile: ${compiled.message}`);
      candidate = { ...fields, kind: 'script', compiled: compiled.code };
    } else candidate = fields;
    const model = modelSchema.parse({ ...candidate, modelId, version: 1 });
    drafts.push({ type: 'model.saved', data: { model } });
  }
  const flowId = newId('flow') as FlowId;
  drafts.push({ type: 'flow.created', data: { flowId, name: spec.flowName } });
  const stepIds = new Map<string, StepId>();
  for (const s of spec.steps) {
    const stepId = newId('step') as StepId;
    stepIds.set(s.key, stepId);
    const model = spec.models.find((m) => m.key === s.key);
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
    if (s.settings) drafts.push({ type: 'step.configured', data: { flowId, stepId, settings: s.settings } });
  }
  for (const [from, fromPort, to, toPort] of spec.edges) {
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
  if (spec.policies !== undefined) {
    const parsed = parseJsoncWith(spec.policies, policiesDocumentSchema);
    if (!parsed.ok) throw new Error(`The example's policies are broken: ${parsed.issues[0]?.message}`);
    drafts.push({ type: 'policies.saved', data: { source: spec.policies, document: parsed.value } });
  }
  return drafts;
}
