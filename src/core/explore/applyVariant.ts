import { StudioError } from '../errors/studioError';
import type { ModelId, StepId } from '../ids';
import type { ModelDefinition } from '../models/modelDefinition';
import type { FlowDefinition, ProjectDefinitions, StepDefinition } from '../project/projectState';
import type { VariantChange } from './exploreSchema';

const NOTHING_STARTED = 'Fix the variant and explore again; nothing was started.';
const portNames = (ports: ModelDefinition['inputs']): string => ports.map((p) => p.name).join(', ');

function stepOf(flow: FlowDefinition, stepId: StepId): StepDefinition {
  const step = flow.steps.get(stepId);
  if (!step)
    throw new StudioError(
      'not-found',
      `A variant names a step (${stepId}) that is not in flow “${flow.name}”.`,
      NOTHING_STARTED,
    );
  return step;
}

function modelOf(defs: ProjectDefinitions, modelId: ModelId, step: StepDefinition): ModelDefinition {
  const model = defs.models.get(modelId);
  if (!model)
    throw new StudioError(
      'not-found',
      `A variant of “${step.label}” names a model (${modelId}) that does not exist.`,
      NOTHING_STARTED,
    );
  return model;
}

/**
 * Checks a change against the flow as it is now: its step exists, its models exist, and each can
 * stand in for the step's own model (same input and output port names, so every edge still fits).
 */
export function checkVariantChange(defs: ProjectDefinitions, flow: FlowDefinition, change: VariantChange): void {
  const step = stepOf(flow, change.stepId);
  const own = modelOf(defs, step.modelId, step);
  const candidates = change.kind === 'model' ? [change.modelId] : change.fallbacks;
  for (const id of candidates) {
    const model = modelOf(defs, id, step);
    const inputsFit = change.kind === 'fallbacks' || portNames(model.inputs) === portNames(own.inputs);
    if (!inputsFit || portNames(model.outputs) !== portNames(own.outputs)) {
      throw new StudioError(
        'invalid-command',
        `Model “${model.name}” has inputs (${portNames(model.inputs) || 'none'}) and outputs (${portNames(model.outputs)}); step “${step.label}” needs inputs (${portNames(own.inputs) || 'none'}) and outputs (${portNames(own.outputs)}).`,
        'Pick a model with the same ports; nothing was started.',
      );
    }
  }
}

/** The step as the variant has it: another model, or another fallback chain. The flow is not touched. */
export function changedStep(step: StepDefinition, change: VariantChange): StepDefinition {
  if (change.kind === 'model') return { ...step, modelId: change.modelId };
  const { settings, ...rest } = step;
  const { fallbacks: _old, ...others } = settings ?? {};
  const next = change.fallbacks.length > 0 ? { ...others, fallbacks: change.fallbacks } : others;
  return Object.keys(next).length > 0 ? { ...rest, settings: next } : rest;
}

/** A copy of the flow with one variant's change applied (for its fork's plan only). */
export function flowWithVariant(flow: FlowDefinition, change: VariantChange): FlowDefinition {
  const steps = new Map(flow.steps);
  steps.set(change.stepId, changedStep(stepOf(flow, change.stepId), change));
  return { ...flow, steps };
}

/** The change in words: "model Summariser (short)", "fallbacks Backup → Cheap", "no fallbacks". */
export function describeChange(defs: ProjectDefinitions, change: VariantChange): string {
  const name = (id: ModelId) => defs.models.get(id)?.name ?? id;
  if (change.kind === 'model') return `model ${name(change.modelId)}`;
  return change.fallbacks.length === 0 ? 'no fallbacks' : `fallbacks ${change.fallbacks.map(name).join(' → ')}`;
}
