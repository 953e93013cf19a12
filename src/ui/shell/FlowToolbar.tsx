import { memo } from 'react';
import type { FlowDefinition } from '../../core/project/projectState';
import { useShallow } from 'zustand/react/shallow';
import { useUi } from '../../app/uiStore';
import { togglePanel } from '../../app/panels';
import { useProjectView } from '../../app/useProjectSession';
import { useCommand } from '../useCommand';
import { FlowSwitcher } from './FlowSwitcher';
import { TidyUpButton } from '../canvas/TidyUpButton';
import './shell.css';

/** Which flow is shown, undo, redo and the version history of the flow, above the canvas. */
export const FlowToolbar = memo(function FlowToolbar({ flow }: { flow: FlowDefinition }) {
  const { history, role } = useProjectView(useShallow((v) => ({ history: v.history, role: v.role })));
  const execute = useCommand();
  const panel = useUi((s) => s.panel);
  const stacks = history.get(flow.flowId);
  const canEdit = role === 'leader';
  return (
    <div className="flow-toolbar" role="toolbar" aria-label="Flow">
      <FlowSwitcher flow={flow} />
      <button
        type="button"
        className="button small"
        aria-keyshortcuts="Control+Z"
        title="Undo (Ctrl+Z)"
        disabled={!canEdit || !stacks?.undo.length}
        onClick={() => void execute({ type: 'undo', flowId: flow.flowId })}
      >
        Undo
      </button>
      <button
        type="button"
        className="button small"
        aria-keyshortcuts="Control+Shift+Z Control+Y"
        title="Redo (Ctrl+Shift+Z or Ctrl+Y)"
        disabled={!canEdit || !stacks?.redo.length}
        onClick={() => void execute({ type: 'redo', flowId: flow.flowId })}
      >
        Redo
      </button>
      <TidyUpButton flow={flow} disabled={!canEdit} />
      <button
        type="button"
        className="button small ghost"
        aria-pressed={panel === 'history'}
        onClick={() => togglePanel('history')}
      >
        History
      </button>
    </div>
  );
});
