import type { FlowDefinition } from './flowDefinition';
import type { ProjectDefinitions } from './projectState';
import { displayName, resolveName, type Named } from '../flow/referenceNames';
import type { StepSettings } from '../flow/stepSettings';

/** The models and steps a step's settings may name, as name/id pairs. */
export interface SettingsScope {
  models: readonly Named[];
  steps: readonly Named[];
}

/** The scope of one step's settings: every model of the project, and the other steps of its flow. */
export function settingsScope(
  defs: Pick<ProjectDefinitions, 'models'>,
  flow: FlowDefinition,
  stepId?: string,
): SettingsScope {
  return {
    models: [...defs.models.values()].map((m) => ({ id: m.modelId, name: m.name })),
    steps: [...flow.steps.values()].filter((s) => s.stepId !== stepId).map((s) => ({ id: s.stepId, name: s.label })),
  };
}

/** A problem with a typed name, placed at its path in the document ("fallbacks.0"). */
export interface NameProblem {
  path: Array<string | number>;
  message: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Stored settings as a person reads them: `fallbacks`, `rebuild.model` and `rebuild.from[].stepId`
 * show today's names instead of ids. Everything else is left as it is.
 */
export function settingsWithNames(settings: StepSettings, scope: SettingsScope): Record<string, unknown> {
  const shown: Record<string, unknown> = { ...settings };
  if (settings.fallbacks) shown.fallbacks = settings.fallbacks.map((id) => displayName(id, scope.models));
  if (settings.rebuild) {
    shown.rebuild = {
      ...settings.rebuild,
      model: displayName(settings.rebuild.model, scope.models),
      from: settings.rebuild.from.map((f) => ({ ...f, stepId: displayName(f.stepId, scope.steps) })),
    };
  }
  return shown;
}

/**
 * The settings a document means, with each model and step name replaced by its id, and a problem
 * for each name that matches nothing (or more than one thing). Values that are not strings are left
 * for the schema to refuse. The input is not changed.
 */
export function resolveSettingsNames(raw: unknown, scope: SettingsScope): { value: unknown; problems: NameProblem[] } {
  if (!isRecord(raw)) return { value: raw, problems: [] };
  const problems: NameProblem[] = [];
  const resolve = (text: unknown, items: readonly Named[], what: string, path: Array<string | number>): unknown => {
    if (typeof text !== 'string') return text;
    const found = resolveName(text, items, what);
    if (found.ok) return found.id;
    problems.push({ path, message: found.message });
    return text;
  };
  const value: Record<string, unknown> = { ...raw };
  if (Array.isArray(raw.fallbacks))
    value.fallbacks = raw.fallbacks.map((name: unknown, i) => resolve(name, scope.models, 'model', ['fallbacks', i]));
  if (isRecord(raw.rebuild)) {
    const rebuild: Record<string, unknown> = { ...raw.rebuild };
    if ('model' in rebuild) rebuild.model = resolve(rebuild.model, scope.models, 'model', ['rebuild', 'model']);
    if (Array.isArray(rebuild.from)) {
      rebuild.from = rebuild.from.map((f: unknown, i) =>
        isRecord(f) && 'stepId' in f
          ? { ...f, stepId: resolve(f.stepId, scope.steps, 'step of this flow', ['rebuild', 'from', i, 'stepId']) }
          : f,
      );
    }
    value.rebuild = rebuild;
  }
  return { value, problems };
}

/** "At fallbacks.0: no model is called “X”; At …": the conductor's path-first wording. */
export const describeNameProblems = (problems: readonly NameProblem[]): string =>
  problems.map((p) => `At ${p.path.join('.')}: ${p.message}`).join('; ');
