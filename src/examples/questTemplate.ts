import type { EventDraft } from '../core/events/eventMap';
import type { FlowId, ModelId } from '../core/ids';
import { questModelFor } from '../core/kinds/quest/questKind';
import { modelSchema } from '../core/models/modelDefinition';
import { BUILTIN_LEVELS } from '../core/quest/builtinLevels';
import type { QuestLevel } from '../core/quest/levelSchema';
import { levelFlowName } from '../core/quest/questProgress';

/** A level's empty flow and its functions as models: what a person plays the level with. */
export function questLevelEvents(level: QuestLevel, newId: (prefix: string) => string): EventDraft[] {
  const models: EventDraft[] = level.functions.map((fn) => ({
    type: 'model.saved',
    data: { model: modelSchema.parse({ ...questModelFor(level, fn), modelId: newId('model') as ModelId, version: 1 }) },
  }));
  return [...models, { type: 'flow.created', data: { flowId: newId('flow') as FlowId, name: levelFlowName(level) } }];
}

/** Function Quest: a new project opens on level 1, its functions ready in the Models list. */
export function questTemplateEvents(newId: (prefix: string) => string): EventDraft[] {
  const first = BUILTIN_LEVELS[0];
  if (!first) throw new Error('Function Quest has no levels.');
  return questLevelEvents(first, newId);
}
