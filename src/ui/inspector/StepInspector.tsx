import { useEffect, useState } from 'react';
import type { FlowDefinition, ProjectDefinitions } from '../../core/project/projectState';
import type { RunState } from '../../core/run/runState';
import { uiStore } from '../../app/uiStore';
import { useCommand } from '../useCommand';
import { ArtifactView } from './ArtifactView';

/** A selected step: rename it, see its model, its status in the shown run, its inputs and outputs. */
export function StepInspector({ flow, stepId, defs, run }: { flow: FlowDefinition; stepId: string; defs: ProjectDefinitions; run: RunState | undefined }) {
  const execute = useCommand();
  const step = [...flow.steps.values()].find((s) => s.stepId === stepId);
  const [label, setLabel] = useState(step?.label ?? '');
  useEffect(() => setLabel(step?.label ?? ''), [step?.label]);
  if (!step) return <p className="muted">That step was removed.</p>;
  const model = defs.models.get(step.modelId);
  const state = run?.steps.get(step.stepId);

  const rename = () => {
    const next = label.trim();
    if (!next || next === step.label) return setLabel(step.label);
    // A refused rename puts the field back; the notice says why.
    void execute({ type: 'renameStep', flowId: flow.flowId, stepId: step.stepId, label: next }).then((result) => {
      if (!result.ok) setLabel(step.label);
    });
  };

  return (
    <div className="inspector__body">
      <label className="field">
        <span>Step name</span>
        <input value={label} onChange={(e) => setLabel(e.target.value)} onBlur={rename} onKeyDown={(e) => e.key === 'Enter' && rename()} />
      </label>
      <dl className="facts">
        <dt>Model</dt>
        <dd>
          {model ? `${model.name} (v${model.version})` : 'missing'}{' '}
          {model && (
            <button type="button" className="link" onClick={() => uiStore.setState({ editingModel: model.modelId })}>
              Edit model
            </button>
          )}
        </dd>
        {state && (
          <>
            <dt>Status</dt>
            <dd className={`status-${state.status}`}>{state.status}</dd>
          </>
        )}
        {state && (
          <>
            <dt>Agents</dt>
            <dd>{state.reused ? 'none: reused from the run it was forked from' : state.agentIds.length}</dd>
          </>
        )}
        {state?.startedAt !== undefined && state.finishedAt !== undefined && (
          <>
            <dt>Took</dt>
            <dd>{Math.max(0, state.finishedAt - state.startedAt)} ms</dd>
          </>
        )}
      </dl>
      {state?.reason && (
        <p className="inspector__reason" role="status">
          {state.reason}
        </p>
      )}
      {!run && <p className="muted">Run the flow to see what this step produces.</p>}
      {state &&
        Object.entries(state.outputs).map(([port, ref]) => <ArtifactView key={port} hash={ref.hash} title={`output ${port}`} />)}
      {state && state.logs.length > 0 && (
        <details className="logs">
          <summary>Log ({state.logs.length})</summary>
          <pre>{state.logs.join('\n')}</pre>
        </details>
      )}
    </div>
  );
}
