import { StudioError } from '../../errors/studioError';
import { flowReferenceSchema } from '../../events/primitives';
import { displayName, resolveName } from '../../flow/referenceNames';
import type { KindModule } from '../kindModule';
import { documentSchemaOf } from '../documentSchema';
import { TEMPLATE_HEADER } from '../modelFields';
import { subflowModelSchema, type SubflowModel } from './subflowSchema';

function template(flows: ReadonlyArray<{ id: string; label: string }>): string {
  const listed = flows.map((f) => `//   ${JSON.stringify(f.label)}`).join('\n');
  return `${TEMPLATE_HEADER}
// A sub-flow runs another flow of this project (named by "flowId": its name) with this step's input as that run's input.
// Each output takes the output of the same name from the sub-flow's last step that has one.
// Double-click the step on the canvas to open the flow.
${listed ? `// Flows:\n${listed}\n` : '// This project has no other flow yet: make one with "New flow" above the canvas.\n'}{
  "kind": "subflow",
  "name": "Run the checks",
  "inputs": [{ "name": "input", "type": "text" }],
  "outputs": [{ "name": "output", "type": "any" }],
  "flowId": ${JSON.stringify(flows[0]?.label ?? '')},
  "timeoutMs": 600000
}
`;
}

/** Sub-flows: the step runs another flow of the project and takes its outputs. */
export const subflowKind: KindModule<SubflowModel> = {
  key: 'subflow',
  extensionId: 'built-in.subflow',
  label: 'Sub-flow',
  schema: subflowModelSchema,
  editor: 'definition',
  role: () => 'subflow',
  flowOf: (model) => model.flowId,
  resolveNames(definition, defs) {
    if (typeof definition.flowId !== 'string') return { ...definition };
    const found = resolveName(
      definition.flowId,
      [...defs.flows.values()].map((f) => ({ id: f.flowId, name: f.name })),
      'flow',
    );
    if (!found.ok)
      throw new StudioError(
        'not-found',
        `That sub-flow was not saved. At flowId: ${found.message}.`,
        'Name one of this project’s flows (Ctrl+Space lists them).',
      );
    return { ...definition, flowId: found.id };
  },
  showNames(definition, defs) {
    if (typeof definition.flowId !== 'string') return { ...definition };
    return {
      ...definition,
      flowId: displayName(
        definition.flowId,
        [...defs.flows.values()].map((f) => ({ id: f.flowId, name: f.name })),
      ),
    };
  },
  check(model, defs) {
    if (!defs.flows.has(model.flowId))
      throw new StudioError(
        'not-found',
        `There is no flow “${model.flowId}” in this project.`,
        `Flows: ${[...defs.flows.values()].map((f) => `${f.name} (${f.flowId})`).join(', ')}.`,
      );
  },
  badge: () => 'sub-flow',
  templates: [
    {
      key: 'subflow',
      label: 'Sub-flow',
      hint: 'Runs another flow of this project',
      text: template,
      document: documentSchemaOf(subflowModelSchema, { flowId: flowReferenceSchema }),
    },
  ],
  templateOf: () => 'subflow',
  docs: { flowId: 'The flow of this project to run, by its name (or id); its run input is this step’s input.' },
};
