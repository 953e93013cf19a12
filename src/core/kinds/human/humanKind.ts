import type { KindModule } from '../kindModule';
import { documentSchemaOf } from '../documentSchema';
import { TEMPLATE_HEADER } from '../modelFields';
import { humanModelSchema, type HumanModel } from './humanSchema';

const TEMPLATE = `${TEMPLATE_HEADER}
// A human model: when its step is due, the inbox asks a person to type or upload each output.
{
  "kind": "human",
  "name": "Write the brief",
  "inputs": [{ "name": "request", "type": "text" }],
  "outputs": [{ "name": "brief", "type": "text" }],
  "instructions": "Read the request and write a one-page brief.",
  // How long to wait for the person, in ms (here a day).
  "timeoutMs": 86400000
}
`;

/** Human models: the inbox asks a person for each output. */
export const humanKind: KindModule<HumanModel> = {
  key: 'human',
  extensionId: 'built-in.human',
  label: 'Human',
  schema: humanModelSchema,
  editor: 'definition',
  role: () => 'ask',
  ask: (model, label) => ({
    kind: 'input',
    question:
      model.instructions.trim() !== ''
        ? model.instructions
        : `Provide ${model.outputs.map((p) => p.name).join(', ')} for “${label}”.`,
    ports: model.outputs,
  }),
  badge: () => 'person',
  templates: [
    {
      key: 'human',
      label: 'Human',
      hint: 'A person types or uploads the output, from the inbox',
      text: () => TEMPLATE,
      document: documentSchemaOf(humanModelSchema),
    },
  ],
  templateOf: () => 'human',
  docs: { instructions: 'What the person is asked to do; shown in the inbox.' },
};
