import { StudioError } from '../errors/studioError';
import type { FlowChange } from '../events/eventMap';
import type { FlowId } from '../ids';
import type { EditHistory } from '../project/editHistory';
import { diffFlows } from '../project/flowChanges';
import { foldAllDefinitions, type ProjectDefinitions } from '../project/projectState';
import type { PlannedCommand } from '../feature/feature';
import type { EventLog } from '../ports/ports';

/** The forward and inverse changes of every flow edit, recorded as the conductor observes them. */
export type EditChanges = ReadonlyMap<number, { forward: FlowChange[]; inverse: FlowChange[] }>;

export function planUndoRedo(
  kind: 'undo' | 'redo',
  flowId: FlowId,
  history: EditHistory,
  edits: EditChanges,
): PlannedCommand {
  const stack = history.get(flowId)?.[kind] ?? [];
  const targetSeq = stack.at(-1);
  const edit = targetSeq === undefined ? undefined : edits.get(targetSeq);
  if (targetSeq === undefined || !edit)
    throw new StudioError(
      'invalid-command',
      kind === 'undo' ? 'There is nothing to undo.' : 'There is nothing to redo.',
    );
  return {
    drafts: [
      {
        type: 'flow.changed',
        data: { flowId, cause: kind, targetSeq, changes: kind === 'undo' ? edit.inverse : edit.forward },
      },
    ],
  };
}

/** Restores the flow as it was right after event `atSeq`, as one undoable change. */
export async function planRestore(
  defs: ProjectDefinitions,
  flowId: FlowId,
  atSeq: number,
  log: EventLog,
): Promise<PlannedCommand> {
  const current = defs.flows.get(flowId);
  if (!current) throw new StudioError('not-found', 'That flow no longer exists.');
  const then = foldAllDefinitions((await log.readAll()).filter((e) => e.seq <= atSeq)).flows.get(flowId);
  if (!then) throw new StudioError('not-found', 'That flow did not exist yet at that point.', 'Pick a later version.');
  const changes = diffFlows(current, then);
  if (changes.length === 0) throw new StudioError('invalid-command', 'The flow is already the same as that version.');
  return { drafts: [{ type: 'flow.changed', data: { flowId, cause: 'restore', targetSeq: atSeq, changes } }] };
}
