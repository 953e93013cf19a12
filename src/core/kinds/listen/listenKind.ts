import { StudioError } from '../../errors/studioError';
import type { KindModule } from '../kindModule';
import { documentSchemaOf } from '../documentSchema';
import { TEMPLATE_HEADER } from '../modelFields';
import { compileListenFilter } from './listenFilter';
import { listenModelSchema, type ListenModel } from './listenSchema';

const TEMPLATE = `${TEMPLATE_HEADER}
// A listen step waits for a message on the bus (ctx.bus.post in another step's code) instead of
// an edge. It becomes due when a message on its topic arrives for which its filter holds; its
// output carries the message to the steps after it.
{
  "kind": "listen",
  "name": "Take a work item",
  "inputs": [],
  "outputs": [{ "name": "message", "type": "json" }],
  "topic": "work-items",
  // A CEL condition over message (the body), topic and from (who posted it).
  "filter": "message.item > 0",
  // How many messages it takes: 1 passes the message itself, more pass them as a list.
  "take": 1
}
`;

/** Listen: the conductor makes the step due when messages it filters for arrive on the bus (see listenWatch.ts). */
export const listenKind: KindModule<ListenModel> = {
  key: 'listen',
  extensionId: 'built-in.listen',
  label: 'Listen',
  schema: listenModelSchema,
  editor: 'definition',
  role: () => 'listen',
  check(model) {
    const filter = compileListenFilter(model.filter);
    if (!filter.ok)
      throw new StudioError(
        'listen-filter-invalid',
        `${filter.message}.`,
        'Write it in CEL over message, topic and from, like message.item > 0 or from == "Producer". Nothing was saved.',
      );
    if (model.outputs.length !== 1)
      throw new StudioError(
        'invalid-command',
        `A listen model has one output (the message it heard); this one has ${model.outputs.length}.`,
        'Keep one output, like { "name": "message", "type": "json" }. Nothing was saved.',
      );
  },
  badge: (model) => `listens: ${model.topic}`,
  templates: [
    {
      key: 'listen',
      label: 'Listen',
      hint: 'Becomes due when a message on the bus matches its filter',
      text: () => TEMPLATE,
      document: documentSchemaOf(listenModelSchema),
    },
  ],
  templateOf: () => 'listen',
  docs: {
    topic: 'The bus topic it listens on: a slug like work-items (what ctx.bus.post names).',
    filter:
      'A CEL condition over `message` (the body), `topic` and `from` (who posted it, by name); true takes every message.',
    take: 'How many messages it takes before it is done: 1 passes the message itself, more pass them as a list, in order.',
  },
};
