import { StudioError } from '../../errors/studioError';
import type { KindModule } from '../kindModule';
import { documentSchemaOf } from '../documentSchema';
import { TEMPLATE_HEADER } from '../modelFields';
import { subflowModelSchema, type SubflowModel } from './subflowSchema';

function template(flows: ReadonlyArray<{ id: string; label: string }>): string {
  const listed = flows.map((f) => `//   ${JSON.stringify(f.id)}: ${f.label}`).join('\n');
  return `${TEMPLATE_HEADER}
// A sub-flow runs another flow of this project with this step's input as that run's input.
// Each output takes the output of the same name from the sub-flow's last step that has one.
// Double-click the step on the canvas to open the flow.
${listed ? `// Flows:\n${listed}\n` : '// This project has no other flow yet: make one with "New flow" above the canvas.\n'}{
  "kind": "subflow",
  "name": "Run the checks",
  "inputs": [{ "name": "input", "type": "text" }],
  "outputs": [{ "name": "output", "type": "any" }],
  "flowId": ${JSON.stringify(flows[0]?.id ?? '')},
  "timeoutMs": 600000
}
`;
}

/** Sub-flows: the step runs another flow of the project and takes its outputs. */
export const subflowKind: KindModule<SubflowModel> = {
  key: 'subflow',
  extensionId: 'built-in.subflow',
  label: 'Sub-flow',
  editor: 'definition',
  role: () => 'subflow',
  flowOf: (model) => model.flowId,
  check(model, defs) {
    if (!defs.flows.has(model.flowId)) throw new StudioError('not-found', `There is no flow “${model.flowId}” in this project.`, `Flows: ${[...defs.flows.values()].map((f) => `${f.name} (${f.flowId})`).join(', ')}.`);
  },
  badge: () => 'sub-flow',
  templates: [{ key: 'subflow', label: 'Sub-flow', hint: 'Runs another flow of this project', text: template, document: documentSchemaOf(subflowModelSchema) }],
  templateOf: () => 'subflow',
  docs: { flowId: 'The flow of this project to run; its run input is this step’s input.' },
};
