import { useEffect, useState } from 'react';
import type { FlowDefinition, ProjectDefinitions } from '../../core/project/projectState';
import type { RunState } from '../../core/run/runState';
import { useUi } from '../../app/uiStore';
import { openModelEditor } from '../modelEditor/unsavedDraft';
import { useCommand } from '../useCommand';
import { ArtifactView } from './ArtifactView';
import { StepSettingsEditor } from '../stepSettings/StepSettingsEditor';
import { LiveStream } from './LiveStream';
import { ProducedBy, StepAttempts } from './StepAttempts';
import { StepAsks } from './StepAsks';
import { StepRunFacts, StepViolations } from './StepRunFacts';
import { SpendMeters } from '../runs/SpendMeters';
import { kindLabel } from '../canvas/stepBadges';
import { kindsOf } from '../../app/kinds';
import './stepInspector.css';
import { openExplain } from '../explain/explainStore';
import { LearnedChoice } from '../learning/LearnedChoice';
import { ImportedFrom } from '../import/ImportedFrom';

/**
 * A selected step: rename it, see its model and settings, and what happened to it in the shown
 * run: status, every attempt, who produced its outputs, asks and answers, violations, spend
 * against its budget, and its artifacts (streaming in live while an LLM writes them).
 */
export function StepInspector({
  flow,
  stepId,
  defs,
  run,
}: {
  flow: FlowDefinition;
  stepId: string;
  defs: ProjectDefinitions;
  run: RunState | undefined;
}) {
  const execute = useCommand();
  const live = useUi((s) => s.cursor === null);
  const step = [...flow.steps.values()].find((s) => s.stepId === stepId);
  const [label, setLabel] = useState(step?.label ?? '');
  useEffect(() => setLabel(step?.label ?? ''), [step?.label]);
  if (!step) return <p className="muted">That step was removed.</p>;
  const model = defs.models.get(step.modelId);
  const state = run?.steps.get(step.stepId);
  const planned = run?.plan.steps.find((s) => s.stepId === step.stepId);
  const stepBudget = planned?.policy?.budget?.step;
  const kind = kindLabel(kindsOf(defs), model);
  const working = state?.attempts.filter((a) => a.outcome === undefined) ?? [];
  const hasSpend = state !== undefined && (state.spend.tokens > 0 || state.spend.costUsd > 0);

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
        <input
          value={label}
          onChange={(e) => setLabel(e.target.value)}
          onBlur={rename}
          onKeyDown={(e) => e.key === 'Enter' && rename()}
        />
      </label>
      <dl className="facts">
        <dt>Model</dt>
        <dd>
          {model ? `${model.name} (v${model.version})` : 'missing'}
          {kind && <span className={`kind-tag kind-tag--${kind.kind}`}>{kind.text}</span>}{' '}
          {model && (
            <button type="button" className="link" onClick={() => openModelEditor(model.modelId)}>
              Edit model
            </button>
          )}
        </dd>
        <ImportedFrom stepId={step.stepId} />
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
        {state && <StepRunFacts state={state} />}
      </dl>
      {state && run && (
        <button
          type="button"
          className="button small"
          onClick={() => openExplain({ kind: 'step', runId: run.runId, stepId: step.stepId })}
        >
          Explain “{step.label}”
        </button>
      )}
      <StepSettingsEditor flowId={flow.flowId} stepId={step.stepId} />
      {state?.reason && (
        <p className={`inspector__reason ${state.status === 'skipped' ? 'is-skipped' : ''}`} role="status">
          {state.status === 'skipped' ? `Skipped: ${state.reason}` : state.reason}
        </p>
      )}
      {state && <ProducedBy state={state} ownModelId={planned?.modelId ?? step.modelId} defs={defs} />}
      {state && (hasSpend || stepBudget) && (
        <section className="inspector-section" aria-label="Step spend">
          <h3>Spend{stepBudget ? ' against the step budget' : ''}</h3>
          <SpendMeters label="Step" spend={state.spend} limits={stepBudget} />
        </section>
      )}
      {state && run && (
        <StepAsks runId={run.runId} asks={state.asks} stepLabel={step.label} live={live && run.status === 'running'} />
      )}
      {state && <StepViolations violations={state.violations} />}
      {!run && <p className="muted">Run the flow to see what this step produces.</p>}
      {live &&
        working.map((a) => (
          <LiveStream
            key={a.agentId}
            agentId={a.agentId}
            title={a.item !== undefined ? `item ${a.item + 1}` : 'output so far'}
          />
        ))}
      {state &&
        Object.entries(state.outputs).map(([port, ref]) => (
          <ArtifactView key={port} hash={ref.hash} title={`output ${port}`} />
        ))}
      {state && <LearnedChoice choice={state.modelChoice} defs={defs} />}
      {state && (
        <StepAttempts
          attempts={state.attempts}
          ownModelId={planned?.modelId ?? step.modelId}
          defs={defs}
          retry={planned ? planned.settings?.retry : step.settings?.retry}
          onExplain={(agentId) => openExplain({ kind: 'agent', agentId })}
        />
      )}
      {state && state.logs.length > 0 && (
        <details className="logs">
          <summary>Log ({state.logs.length})</summary>
          <pre>{state.logs.join('\n')}</pre>
        </details>
      )}
    </div>
  );
}
