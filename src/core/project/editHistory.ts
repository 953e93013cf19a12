import type { FlowChange } from '../events/eventMap';
import type { StoredEvent } from '../events/storedEvent';
import type { FlowId } from '../ids';

export interface FlowVersion {
  seq: number;
  ts: number;
  summary: string;
}

/** Per flow: what undo and redo would act on (event seqs, newest last), and every version. */
export interface FlowHistory {
  undo: readonly number[];
  redo: readonly number[];
  versions: readonly FlowVersion[];
}

export type EditHistory = ReadonlyMap<FlowId, FlowHistory>;
export const emptyHistory: EditHistory = new Map();
const emptyFlowHistory: FlowHistory = { undo: [], redo: [], versions: [] };

/** The flow changes an edit event makes, or null if the event is not a flow edit. */
export function flowEditOf(event: StoredEvent): { flowId: FlowId; changes: FlowChange[]; undoable: boolean } | null {
  switch (event.type) {
    case 'step.added':
    case 'steps.moved':
    case 'step.renamed':
    case 'edge.added':
    case 'elements.removed':
      return { flowId: event.data.flowId, changes: [{ type: event.type, ...event.data } as FlowChange], undoable: true };
    case 'flow.changed':
      return { flowId: event.data.flowId, changes: event.data.changes, undoable: event.data.cause === 'restore' };
    default:
      return null;
  }
}

function summarise(event: StoredEvent): string {
  switch (event.type) {
    case 'step.added':
      return `Added step “${event.data.label}”`;
    case 'steps.moved':
      return event.data.moves.length === 1 ? 'Moved a step' : `Moved ${event.data.moves.length} steps`;
    case 'step.renamed':
      return `Renamed a step to “${event.data.label}”`;
    case 'edge.added':
      return `Connected ${event.data.source.port} → ${event.data.target.port}`;
    case 'elements.removed': {
      const parts = [];
      if (event.data.stepIds.length > 0) parts.push(`${event.data.stepIds.length} step${event.data.stepIds.length === 1 ? '' : 's'}`);
      if (event.data.edgeIds.length > 0) parts.push(`${event.data.edgeIds.length} edge${event.data.edgeIds.length === 1 ? '' : 's'}`);
      return `Removed ${parts.join(' and ') || 'nothing'}`;
    }
    case 'flow.changed':
      return { undo: 'Undid an edit', redo: 'Redid an edit', restore: `Restored the version of #${event.data.targetSeq ?? '?'}`, 'model-ports': 'Dropped edges to removed model ports' }[event.data.cause];
    default:
      return event.type;
  }
}

/**
 * Folds an event into the edit history. A new edit clears redo; an undo moves its target from
 * undo to redo and a redo moves it back; so both stacks are a projection of the log.
 */
export function foldEditHistory(history: EditHistory, event: StoredEvent): EditHistory {
  const edit = flowEditOf(event);
  if (!edit) return history;
  const flow = history.get(edit.flowId) ?? emptyFlowHistory;
  const versions = [...flow.versions, { seq: event.seq, ts: event.ts, summary: summarise(event) }];
  let { undo, redo } = flow;
  if (event.type === 'flow.changed' && event.data.cause === 'undo') {
    undo = undo.slice(0, -1);
    redo = [...redo, event.data.targetSeq ?? -1];
  } else if (event.type === 'flow.changed' && event.data.cause === 'redo') {
    redo = redo.slice(0, -1);
    undo = [...undo, event.data.targetSeq ?? -1];
  } else if (edit.undoable) {
    undo = [...undo, event.seq];
    redo = [];
  }
  return new Map(history).set(edit.flowId, { undo, redo, versions });
}
