import { z } from 'zod';
import { StudioError } from '../errors/studioError';
import { formatIssues } from '../errors/formatIssues';
import { describeJsoncIssues, parseJsoncWith } from '../errors/jsoncDocument';
import { stepSettingsSchema } from '../flow/stepSettings';
import type { ModelId } from '../ids';
import { modelSchema, type ModelDefinition } from '../models/modelDefinition';
import { policiesDocumentSchema } from '../policy/policy';
import type { ProjectDefinitions } from '../project/projectState';
import type { ParsedCommand } from './commands';
import type { PlannedCommand } from './planDefinitionCommand';
import { dropStaleEdges } from './planModelSave';

/** Replaces a step's settings, once they pass the schema and name models and ports that exist. */
export function planConfigureStep(defs: ProjectDefinitions, cmd: Extract<ParsedCommand, { type: 'configureStep' }>): PlannedCommand {
  const flow = defs.flows.get(cmd.flowId);
  const step = flow?.steps.get(cmd.stepId);
  if (!flow || !step) throw new StudioError('not-found', 'That step no longer exists.', 'Pick a step on the canvas.');
  const parsed = stepSettingsSchema.safeParse(cmd.settings);
  if (!parsed.success) throw new StudioError('invalid-command', `Those settings were refused. ${formatIssues(parsed.error)}`, 'Fix them and save again; nothing was changed.');
  const settings = parsed.data;
  const model = defs.models.get(step.modelId);
  const named = (id: ModelId, what: string): ModelDefinition => {
    const found = defs.models.get(id);
    if (!found) throw new StudioError('not-found', `The ${what} model “${id}” does not exist.`, `Use a model id from the palette (${[...defs.models.keys()].slice(0, 5).join(', ')}…).`);
    return found;
  };
  if (settings.map && !model?.inputs.some((p) => p.name === settings.map?.port)) {
    throw new StudioError('invalid-command', `“map.port” must be one of the step's inputs (${model?.inputs.map((p) => p.name).join(', ') || 'it has none'}).`, 'Nothing was changed.');
  }
  for (const id of settings.fallbacks ?? []) {
    const fallback = named(id, 'fallback');
    const same = (a: ModelDefinition['outputs'], b: ModelDefinition['outputs']) => a.map((p) => p.name).join() === b.map((p) => p.name).join();
    if (model && !same(fallback.outputs, model.outputs)) throw new StudioError('invalid-command', `Fallback “${fallback.name}” has outputs ${fallback.outputs.map((p) => p.name).join(', ')}; the step needs ${model.outputs.map((p) => p.name).join(', ')}.`, 'A fallback must produce the same outputs.');
  }
  if (settings.rebuild) {
    const inverse = named(settings.rebuild.model, 'inverse');
    for (const f of settings.rebuild.from) {
      const source = flow.steps.get(f.stepId);
      if (!source) throw new StudioError('not-found', `rebuild.from names step “${f.stepId}”, which is not in this flow.`, 'Use the ids of downstream steps.');
      if (!inverse.inputs.some((p) => p.name === f.as)) throw new StudioError('invalid-command', `The inverse model “${inverse.name}” has no input “${f.as}”.`, `Its inputs: ${inverse.inputs.map((p) => p.name).join(', ')}.`);
    }
  }
  return { drafts: [{ type: 'step.configured', data: { flowId: cmd.flowId, stepId: cmd.stepId, settings } }] };
}

const definitionInput = modelSchema.options.filter((o) => o.shape.kind.value !== 'script');

/** Saves a non-script model from its JSON definition: a new model, or a new version of one. */
export function planSaveModelDefinition(defs: ProjectDefinitions, cmd: Extract<ParsedCommand, { type: 'saveModelDefinition' }>, newId: (prefix: string) => string): PlannedCommand {
  const given = cmd.definition;
  const kind = given.kind;
  const schema = definitionInput.find((o) => o.shape.kind.value === kind);
  if (!schema) throw new StudioError('invalid-command', `“kind” must be one of ${definitionInput.map((o) => o.shape.kind.value).join(', ')} (script models are written in the code editor).`, 'Nothing was saved.');
  const previous = typeof given.modelId === 'string' ? defs.models.get(given.modelId as ModelId) : undefined;
  if (given.modelId !== undefined && !previous) throw new StudioError('not-found', 'That model no longer exists.', 'Remove “modelId” to save it as a new model.');
  if (previous && previous.kind !== kind) throw new StudioError('invalid-command', `“${previous.name}” is a ${previous.kind} model; its kind cannot change.`, 'Save it as a new model instead (remove “modelId”).');
  const modelId = previous?.modelId ?? newId('model');
  const parsed = (schema as z.ZodType<ModelDefinition>).safeParse({ ...given, modelId, version: (previous?.version ?? 0) + 1 });
  if (!parsed.success) throw new StudioError('invalid-command', `That model was refused. ${formatIssues(parsed.error)}`, 'Fix it and save again; nothing was saved.');
  const model = parsed.data;
  if (model.kind === 'subflow' && !defs.flows.has(model.flowId)) throw new StudioError('not-found', `There is no flow “${model.flowId}” in this project.`, `Flows: ${[...defs.flows.values()].map((f) => `${f.name} (${f.flowId})`).join(', ')}.`);
  if (model.kind === 'branch') {
    const outputs = new Set(model.outputs.map((p) => p.name));
    const stray = model.routes.find((r) => !outputs.has(r.port));
    if (stray) throw new StudioError('invalid-command', `Route to “${stray.port}” names no output of the branch.`, `Outputs: ${[...outputs].join(', ')}.`);
  }
  return { drafts: [{ type: 'model.saved', data: { model } }, ...dropStaleEdges(defs, model)], createdId: modelId };
}

/** The project's and flows' policies, refused with path and line when broken. */
export function planSavePolicies(defs: ProjectDefinitions, source: string): PlannedCommand {
  const parsed = parseJsoncWith(source, policiesDocumentSchema);
  if (!parsed.ok) throw new StudioError('invalid-command', `The policies were not saved. ${describeJsoncIssues(parsed.issues)}`, 'Fix the marked lines and save again; the policies in force did not change.');
  const flowNames = new Set([...defs.flows.values()].map((f) => f.name));
  const unknown = Object.keys(parsed.value.flows).find((name) => !flowNames.has(name));
  if (unknown !== undefined) throw new StudioError('invalid-command', `The policies were not saved. At flows.${unknown}: no flow is called “${unknown}”.`, `Flows: ${[...flowNames].join(', ')}.`);
  return { drafts: [{ type: 'policies.saved', data: { source, document: parsed.value } }] };
}
