import { StudioError } from '../errors/studioError';
import { formatIssues } from '../errors/formatIssues';
import { describeJsoncIssues, parseJsoncWith } from '../errors/jsoncDocument';
import { stepSettingsSchema } from '../flow/stepSettings';
import { describeNameProblems, resolveSettingsNames, settingsScope } from '../project/stepSettingsNames';
import type { ModelId } from '../ids';
import { modelSchema, type ModelDefinition } from '../models/modelDefinition';
import { policiesDocumentSchema } from '../policy/policy';
import { kindKeyOf, type KindRegistry } from '../kinds/kindRegistry';
import type { ProjectDefinitions } from '../project/projectState';
import type { AnyDefinitionCommand } from './definitionCommands';
import type { PlannedCommand } from '../feature/feature';
import { dropStaleEdges } from './planModelSave';

/**
 * Replaces a step's settings, once they pass the schema and name models and ports that exist.
 * Models and steps may be named by name or id; the event stores ids, so a later rename keeps them.
 */
export function planConfigureStep(
  defs: ProjectDefinitions,
  cmd: Extract<AnyDefinitionCommand, { type: 'configureStep' }>,
): PlannedCommand {
  const flow = defs.flows.get(cmd.flowId);
  const step = flow?.steps.get(cmd.stepId);
  if (!flow || !step) throw new StudioError('not-found', 'That step no longer exists.', 'Pick a step on the canvas.');
  const named = resolveSettingsNames(cmd.settings, settingsScope(defs, flow, cmd.stepId));
  if (named.problems.length > 0)
    throw new StudioError(
      'not-found',
      `Those settings were refused. ${describeNameProblems(named.problems)}.`,
      'Pick a name from the completion list (Ctrl+Space); nothing was changed.',
    );
  const parsed = stepSettingsSchema.safeParse(named.value);
  if (!parsed.success)
    throw new StudioError(
      'invalid-command',
      `Those settings were refused. ${formatIssues(parsed.error)}`,
      'Fix them and save again; nothing was changed.',
    );
  const settings = parsed.data;
  const model = defs.models.get(step.modelId);
  const modelOf = (id: ModelId, what: string): ModelDefinition => {
    const found = defs.models.get(id);
    if (!found)
      throw new StudioError(
        'not-found',
        `The ${what} model “${id}” does not exist.`,
        `Use a model's name from the palette (${[...defs.models.values()]
          .map((m) => m.name)
          .slice(0, 5)
          .join(', ')}…).`,
      );
    return found;
  };
  if (settings.map && !model?.inputs.some((p) => p.name === settings.map?.port)) {
    throw new StudioError(
      'invalid-command',
      `“map.port” must be one of the step's inputs (${model?.inputs.map((p) => p.name).join(', ') || 'it has none'}).`,
      'Nothing was changed.',
    );
  }
  for (const id of settings.fallbacks ?? []) {
    const fallback = modelOf(id, 'fallback');
    const same = (a: ModelDefinition['outputs'], b: ModelDefinition['outputs']) =>
      a.map((p) => p.name).join() === b.map((p) => p.name).join();
    if (model && !same(fallback.outputs, model.outputs))
      throw new StudioError(
        'invalid-command',
        `Fallback “${fallback.name}” has outputs ${fallback.outputs.map((p) => p.name).join(', ')}; the step needs ${model.outputs.map((p) => p.name).join(', ')}.`,
        'A fallback must produce the same outputs.',
      );
  }
  if (settings.rebuild) {
    const inverse = modelOf(settings.rebuild.model, 'inverse');
    for (const f of settings.rebuild.from) {
      const source = flow.steps.get(f.stepId);
      if (!source)
        throw new StudioError(
          'not-found',
          `rebuild.from names step “${f.stepId}”, which is not in this flow.`,
          'Use the names of downstream steps.',
        );
      if (!inverse.inputs.some((p) => p.name === f.as))
        throw new StudioError(
          'invalid-command',
          `The inverse model “${inverse.name}” has no input “${f.as}”.`,
          `Its inputs: ${inverse.inputs.map((p) => p.name).join(', ')}.`,
        );
    }
  }
  return { drafts: [{ type: 'step.configured', data: { flowId: cmd.flowId, stepId: cmd.stepId, settings } }] };
}

/** Saves a non-script model from its JSON definition: a new model, or a new version of one. */
export function planSaveModelDefinition(
  defs: ProjectDefinitions,
  kinds: KindRegistry,
  cmd: Extract<AnyDefinitionCommand, { type: 'saveModelDefinition' }>,
  newId: (prefix: string) => string,
): PlannedCommand {
  const given = cmd.definition;
  const key = kindKeyOf(given as never);
  const kind = kinds.get(key);
  const written = kinds.all().filter((k) => k.editor === 'definition');
  if (!kind || kind.editor !== 'definition') {
    const known = `“kind” must be one of ${[...new Set(written.filter((k) => !k.provided).map((k) => k.key))].join(', ')} or extension (script models are written in the code editor).`;
    throw new StudioError(
      given.kind === 'extension' ? 'kind-not-installed' : 'invalid-command',
      given.kind === 'extension' ? `No enabled extension provides the kind “${key}”.` : known,
      given.kind === 'extension'
        ? 'Install or enable it under Project ▾ → Extensions; nothing was saved.'
        : 'Nothing was saved.',
    );
  }
  const previous = typeof given.modelId === 'string' ? defs.models.get(given.modelId as ModelId) : undefined;
  if (given.modelId !== undefined && !previous)
    throw new StudioError('not-found', 'That model no longer exists.', 'Remove “modelId” to save it as a new model.');
  if (previous && kindKeyOf(previous) !== key)
    throw new StudioError(
      'invalid-command',
      `“${previous.name}” is a ${kinds.of(previous)?.label ?? previous.kind} model; its kind cannot change.`,
      'Save it as a new model instead (remove “modelId”).',
    );
  const modelId = previous?.modelId ?? newId('model');
  const resolved = kind.resolveNames ? kind.resolveNames(given, defs) : given;
  const parsed = modelSchema.safeParse({ ...resolved, modelId, version: (previous?.version ?? 0) + 1 });
  if (!parsed.success)
    throw new StudioError(
      'invalid-command',
      `That model was refused. ${formatIssues(parsed.error)}`,
      'Fix it and save again; nothing was saved.',
    );
  const model = parsed.data;
  kind.check?.(model, defs);
  return { drafts: [{ type: 'model.saved', data: { model } }, ...dropStaleEdges(defs, model)], createdId: modelId };
}

/** The project's and flows' policies, refused with path and line when broken. */
export function planSavePolicies(defs: ProjectDefinitions, source: string): PlannedCommand {
  const parsed = parseJsoncWith(source, policiesDocumentSchema);
  if (!parsed.ok)
    throw new StudioError(
      'invalid-command',
      `The policies were not saved. ${describeJsoncIssues(parsed.issues)}`,
      'Fix the marked lines and save again; the policies in force did not change.',
    );
  const flowNames = new Set([...defs.flows.values()].map((f) => f.name));
  const unknown = Object.keys(parsed.value.flows).find((name) => !flowNames.has(name));
  if (unknown !== undefined)
    throw new StudioError(
      'invalid-command',
      `The policies were not saved. At flows.${unknown}: no flow is called “${unknown}”.`,
      `Flows: ${[...flowNames].join(', ')}.`,
    );
  return { drafts: [{ type: 'policies.saved', data: { source, document: parsed.value } }] };
}
