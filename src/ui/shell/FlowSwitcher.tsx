import { useCommand } from '../useCommand';
import { useState, type FormEvent } from 'react';
import type { FlowDefinition } from '../../core/project/projectState';
import { backToOuterFlow, openFlow, useUi } from '../../app/uiStore';
import { useDefinitions, useProjectView } from '../../app/useProjectSession';
import { useStudioRequest } from '../commands/studioRequests';

/** Which flow the canvas shows, a way back out of a sub-flow, and "New flow" (named inline). */
export function FlowSwitcher({ flow }: { flow: FlowDefinition }) {
  const defs = useDefinitions();
  const role = useProjectView((v) => v.role);
  const { send, refusal: error, clearRefusal } = useCommand({ refusal: 'inline' });
  const outerId = useUi((s) => s.outerFlowIds.at(-1));
  const outer = outerId !== undefined ? defs.flows.get(outerId as never) : undefined;
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const flows = [...defs.flows.values()];
  // The palette's "New flow…" opens the same naming field.
  useStudioRequest('newFlow', () => {
    if (role === 'leader') setNaming(true);
  });

  const cancel = () => (setNaming(false), setName(''), clearRefusal());
  const create = async (event: FormEvent) => {
    event.preventDefault();
    const result = await send({ type: 'createFlow', name: name.trim() });
    if (!result.ok) return;
    cancel();
    if (result.createdId !== undefined) openFlow(result.createdId);
  };

  return (
    <>
      {outer && (
        <button
          type="button"
          className="button small"
          onClick={backToOuterFlow}
          title="Back to the flow this sub-flow was opened from"
        >
          ← back to {outer.name}
        </button>
      )}
      <select
        className="flow-switcher"
        aria-label="Current flow"
        value={flow.flowId}
        onChange={(e) => openFlow(e.target.value)}
      >
        {flows.map((f) => (
          <option key={f.flowId} value={f.flowId}>
            {f.name}
          </option>
        ))}
      </select>
      {naming ? (
        <form
          className="new-flow"
          aria-label="New flow"
          onSubmit={(e) => void create(e)}
          onKeyDown={(e) => e.key === 'Escape' && (e.stopPropagation(), cancel())}
        >
          <input
            aria-label="New flow name"
            value={name}
            maxLength={120}
            autoFocus
            placeholder="Flow name"
            onChange={(e) => (setName(e.target.value), clearRefusal())}
          />
          <button type="submit" className="button small primary" disabled={name.trim() === ''}>
            Create flow
          </button>
          <button type="button" className="button small ghost" onClick={cancel}>
            Cancel
          </button>
          {error && (
            <span className="new-flow__error" role="alert">
              {error}
            </span>
          )}
        </form>
      ) : (
        <button
          type="button"
          className="button small ghost"
          disabled={role !== 'leader'}
          onClick={() => setNaming(true)}
        >
          New flow
        </button>
      )}
    </>
  );
}
