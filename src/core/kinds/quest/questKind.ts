import { StudioError } from '../../errors/studioError';
import { BUILTIN_LEVELS } from '../../quest/builtinLevels';
import type { QuestFunction, QuestLevel } from '../../quest/levelSchema';
import { questCallLine, questCallsIn } from '../../quest/questJournal';
import { QuestWorld } from '../../quest/questWorld';
import { documentSchemaOf } from '../documentSchema';
import type { AgentWork, KindModule } from '../kindModule';
import { TEMPLATE_HEADER } from '../modelFields';
import { questModelSchema, type QuestModel } from './questSchema';

const TEMPLATE = `${TEMPLATE_HEADER}
// A Function Quest function: a step of it calls the function of a level with its inputs as arguments.
{
  "kind": "quest",
  "name": "find_key",
  "level": "first-door",
  "fn": "find_key",
  "inputs": [],
  "outputs": [{ "name": "key", "type": "text" }]
}
`;

/** A model's level: the one it carries (a person's), else the built-in level of that id. */
const levelOf = (model: QuestModel): QuestLevel | undefined =>
  model.world ?? BUILTIN_LEVELS.find((l) => l.id === model.level);

const isBuiltIn = (level: QuestLevel): boolean => BUILTIN_LEVELS.some((l) => l.id === level.id);

/** An argument as the function sees it: text as it is, anything else as JSON. */
const argument = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));

/** A function's model, as a Function Quest project holds it: its parameters are the inputs, what it returns the output. */
export function questModelFor(level: QuestLevel, fn: QuestFunction): Omit<QuestModel, 'modelId' | 'version'> {
  return {
    kind: 'quest',
    name: fn.name,
    description: fn.description,
    level: level.id,
    fn: fn.name,
    ...(isBuiltIn(level) ? {} : { world: level }),
    inputs: fn.params.map((p) => ({ name: p.name, type: 'text' as const })),
    outputs: [{ name: fn.returns, type: 'text' as const }],
    timeoutMs: 10_000,
  };
}

/**
 * Function Quest functions: a step calls its level's function with its input artifacts as the
 * arguments, in a world rebuilt from the calls this run already made (the run's journal), so the
 * hidden preconditions see what was done before. A call no rule fits is a failed attempt with the
 * function's `fails` sentence. Pure: no sandbox, no clock.
 */
export const questKind: KindModule<QuestModel> = {
  key: 'quest',
  extensionId: 'built-in.quest',
  label: 'Function Quest',
  schema: questModelSchema,
  editor: 'definition',
  role: () => 'agent',
  work: (model, ctx) => {
    const level = levelOf(model);
    const done = (work: AgentWork) => Promise.resolve(work);
    if (!level)
      return done({
        ok: false,
        reason: `Function Quest has no level “${model.level}”.`,
        errorClass: 'bad-request',
        logs: [],
        durationMs: 0,
      });
    const world = new QuestWorld(level);
    for (const earlier of questCallsIn(ctx.journal, level.id)) world.replay(earlier);
    const params = level.functions.find((f) => f.name === model.fn)?.params ?? [];
    const args = Object.fromEntries(
      params.filter((p) => ctx.inputs[p.name] !== undefined).map((p) => [p.name, argument(ctx.inputs[p.name])]),
    );
    const call = world.call(model.fn, args);
    const logs = [questCallLine(level.id, call)];
    const port = model.outputs[0]?.name ?? 'result';
    return done(
      call.ok
        ? { ok: true, emitted: new Map([[port, call.value]]), logs, durationMs: 0 }
        : { ok: false, reason: call.value, errorClass: 'script-error', logs, durationMs: 0 },
    );
  },
  check(model) {
    if (model.world && model.world.id !== model.level)
      throw new StudioError(
        'invalid-command',
        `The level this model carries is “${model.world.id}”, but its \`level\` says “${model.level}”.`,
        'Make `level` the id of the level in `world`.',
      );
    if (model.world && BUILTIN_LEVELS.some((l) => l.id === model.level))
      throw new StudioError(
        'invalid-command',
        `“${model.level}” is the id of a built-in level.`,
        'Give your level an id of its own.',
      );
    const level = levelOf(model);
    if (!level)
      throw new StudioError(
        'invalid-command',
        `Function Quest has no level “${model.level}”.`,
        `Levels: ${BUILTIN_LEVELS.map((l) => l.id).join(', ')}.`,
      );
    if (!level.functions.some((f) => f.name === model.fn))
      throw new StudioError(
        'invalid-command',
        `The level “${level.title}” has no function “${model.fn}”.`,
        `Its functions: ${level.functions.map((f) => f.name).join(', ')}.`,
      );
  },
  journals: true,
  badge: () => 'quest',
  templates: [
    {
      key: 'quest',
      label: 'Function Quest function',
      hint: 'Calls a function of a Function Quest level',
      text: () => TEMPLATE,
      document: documentSchemaOf(questModelSchema),
    },
  ],
  templateOf: () => 'quest',
  docs: {
    level: 'The Function Quest level the function belongs to (its id, e.g. first-door).',
    world:
      'A level that is not built in, carried by its models so the project shares it (Function Quest → Add a level… writes it).',
    fn: 'The function of that level this model calls.',
  },
};
