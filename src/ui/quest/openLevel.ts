import { refusalSentence } from '../useCommand';
import { uiStore } from '../../app/uiStore';
import type { Command, CommandResult } from '../../core/conductor/commands';
import { questModelFor } from '../../core/kinds/quest/questKind';
import type { QuestLevel } from '../../core/quest/levelSchema';
import { levelFlowName } from '../../core/quest/questProgress';
import type { ProjectDefinitions } from '../../core/project/projectState';

const showFlow = (flowId: string) =>
  uiStore.setState({ flowId, runId: null, selection: null, cursor: null, viewingVersion: null });

/**
 * Puts a level on the canvas (built in, or one a person wrote: its models then carry it): its flow if the project has one, else a new empty flow and the
 * level's functions as models (named after the function; a name another level already uses gets
 * the level's number, so the Models list never shows two alike). Says what went wrong, if anything.
 */
export async function openLevel(
  level: QuestLevel,
  defs: ProjectDefinitions,
  execute: (command: Command) => Promise<CommandResult>,
): Promise<string | undefined> {
  const existing = [...defs.flows.values()].find((f) => f.name === levelFlowName(level));
  if (existing) {
    showFlow(existing.flowId);
    return undefined;
  }
  const models = [...defs.models.values()];
  for (const fn of level.functions) {
    if (models.some((m) => m.kind === 'quest' && m.level === level.id && m.fn === fn.name)) continue;
    const model = questModelFor(level, fn);
    const name = models.some((m) => m.name === model.name) ? `${model.name} (level ${level.order})` : model.name;
    const saved = await execute({ type: 'saveModelDefinition', definition: { ...model, name } });
    if (!saved.ok) return refusalSentence(saved.error);
  }
  const created = await execute({ type: 'createFlow', name: levelFlowName(level) });
  if (!created.ok) return refusalSentence(created.error);
  if (created.createdId) showFlow(created.createdId);
  return undefined;
}
