import { StudioError } from '../errors/studioError';
import type { EventDraft } from '../events/eventMap';
import type { EdgeId, ModelId } from '../ids';
import type { ModelDefinition } from '../models/modelDefinition';
import type { ProjectDefinitions } from '../project/projectState';
import type { AnyDefinitionCommand } from './definitionCommands';
import type { PlannedCommand } from '../feature/feature';
import type { ConductorPorts } from '../ports/ports';

/**
 * Compiles a model's source and records a new version of it. Edges that used a port the new
 * version no longer has are removed in the same append, so no flow points at a missing port.
 */
export function planModelSave(
  defs: ProjectDefinitions,
  cmd: Extract<AnyDefinitionCommand, { type: 'saveModel' }>,
  ports: Pick<ConductorPorts, 'compile' | 'newId'>,
): PlannedCommand {
  const previous = cmd.modelId !== undefined ? defs.models.get(cmd.modelId) : undefined;
  if (cmd.modelId !== undefined && !previous)
    throw new StudioError('not-found', 'That model no longer exists.', 'Create it again as a new model.');
  const compiled = ports.compile(cmd.source);
  if (!compiled.ok)
    throw new StudioError(
      'compile-failed',
      `The model's code does not compile: ${compiled.message}`,
      'Fix the marked line and save again.',
    );
  const modelId = previous?.modelId ?? (ports.newId('model') as ModelId);
  const model: ModelDefinition = {
    modelId,
    kind: 'script',
    name: cmd.name,
    description: cmd.description,
    version: (previous?.version ?? 0) + 1,
    inputs: cmd.inputs,
    outputs: cmd.outputs,
    source: cmd.source,
    compiled: compiled.code,
    timeoutMs: cmd.timeoutMs,
  };
  return { drafts: [{ type: 'model.saved', data: { model } }, ...dropStaleEdges(defs, model)], createdId: modelId };
}

/** flow.changed events removing edges to ports `model`'s new version no longer has. */
export function dropStaleEdges(defs: ProjectDefinitions, model: ModelDefinition): EventDraft[] {
  const modelId = model.modelId;
  const drafts: EventDraft[] = [];
  const inputs = new Set(model.inputs.map((p) => p.name));
  const outputs = new Set(model.outputs.map((p) => p.name));
  for (const flow of defs.flows.values()) {
    const stale: EdgeId[] = [];
    for (const edge of flow.edges.values()) {
      const sourceModel = flow.steps.get(edge.source.stepId)?.modelId;
      const targetModel = flow.steps.get(edge.target.stepId)?.modelId;
      if (
        (sourceModel === modelId && !outputs.has(edge.source.port)) ||
        (targetModel === modelId && !inputs.has(edge.target.port))
      )
        stale.push(edge.edgeId);
    }
    if (stale.length > 0) {
      drafts.push({
        type: 'flow.changed',
        data: {
          flowId: flow.flowId,
          cause: 'model-ports',
          changes: [{ type: 'elements.removed', flowId: flow.flowId, stepIds: [], edgeIds: stale }],
        },
      });
    }
  }
  return drafts;
}
