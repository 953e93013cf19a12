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
    case 'step.configured':
    case 'step.modelChanged':
      return {
        flowId: event.data.flowId,
        changes: [{ type: event.type, ...event.data } as FlowChange],
        undoable: true,
      };
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
      if (event.data.stepIds.length > 0)
        parts.push(`${event.data.stepIds.length} step${event.data.stepIds.length === 1 ? '' : 's'}`);
      if (event.data.edgeIds.length > 0)
        parts.push(`${event.data.edgeIds.length} edge${event.data.edgeIds.length === 1 ? '' : 's'}`);
      return `Removed ${parts.join(' and ') || 'nothing'}`;
    }
    case 'step.configured':
      return 'Changed a step’s settings';
    case 'step.modelChanged':
      return 'Changed a step’s model';
    case 'flow.changed':
      return {
        undo: 'Undid an edit',
        redo: 'Redid an edit',
        restore: `Restored the version of #${event.data.targetSeq ?? '?'}`,
        'model-ports': 'Dropped edges to removed model ports',
      }[event.data.cause];
    default:
      return event.type;
  }
}

/**
 * Folds events into the edit history. A new edit clears redo; an undo moves its target from undo
 * to redo and a redo moves it back; so both stacks are a projection of the log. Each flow's
 * lists are copied at most once per batch.
 */
export function foldEditHistoryBatch(history: EditHistory, events: Iterable<StoredEvent>): EditHistory {
  let next: Map<FlowId, FlowHistory> | null = null;
  const owned = new Map<FlowId, { undo: number[]; redo: number[]; versions: FlowVersion[] }>();
  for (const event of events) {
    const edit = flowEditOf(event);
    if (!edit) continue;
    let flow = owned.get(edit.flowId);
    if (!flow) {
      const before = history.get(edit.flowId) ?? emptyFlowHistory;
      flow = { undo: [...before.undo], redo: [...before.redo], versions: [...before.versions] };
      owned.set(edit.flowId, flow);
      next ??= new Map(history);
      next.set(edit.flowId, flow);
    }
    flow.versions.push({ seq: event.seq, ts: event.ts, summary: summarise(event) });
    if (event.type === 'flow.changed' && event.data.cause === 'undo') {
      flow.undo.pop();
      flow.redo.push(event.data.targetSeq ?? -1);
    } else if (event.type === 'flow.changed' && event.data.cause === 'redo') {
      flow.redo.pop();
      flow.undo.push(event.data.targetSeq ?? -1);
    } else if (edit.undoable) {
      flow.undo.push(event.seq);
      flow.redo.length = 0;
    }
  }
  return next ?? history;
}

export function foldEditHistory(history: EditHistory, event: StoredEvent): EditHistory {
  return foldEditHistoryBatch(history, [event]);
}
