import { useShallow } from 'zustand/react/shallow';
import { useCallback, useMemo } from 'react';
import { openFlow, showRun, uiStore } from '../../app/uiStore';
import { useProjectView } from '../../app/useProjectSession';
import type { FlowId, RunId, StepId } from '../../core/ids';
import type { FlowDefinition } from '../../core/project/projectState';
import { PanelHeader } from '../shell/PanelHeader';
import { useCommand } from '../useCommand';
import { MetricsView } from './MetricsView';
import { useMetricsFold } from './useMetricsFold';
import { LearningEffectView } from '../learning/LearningEffectView';

/**
 * The Metrics view (Observe ▾ → Metrics): the project's log folded into metrics, live. Loaded on
 * first use, so neither it nor uPlot is in the initial bundle.
 */
export default function MetricsPanel({ flow }: { flow: FlowDefinition }) {
  const { flows: allFlows, models } = useProjectView(
    useShallow((v) => ({ flows: v.defs.flows, models: v.defs.models })),
  );
  const execute = useCommand();
  const { fold, version, now } = useMetricsFold();
  const flows = useMemo(() => [...allFlows.values()].map((f) => ({ flowId: f.flowId, name: f.name })), [allFlows]);
  const stepLabel = useCallback(
    (flowId: FlowId, stepId: StepId) => allFlows.get(flowId)?.steps.get(stepId)?.label,
    [allFlows],
  );
  const modelName = useCallback(
    (id: string) => (models.get(id as never) as { name?: string } | undefined)?.name ?? 'a removed model',
    [models],
  );
  const openRun = useCallback(
    ({ runId, flowId }: { runId: RunId; flowId: FlowId }) => {
      if (flowId !== flow.flowId) openFlow(flowId);
      showRun(runId);
    },
    [flow.flowId],
  );
  const runFlow = useCallback(async () => {
    const result = await execute({ type: 'startRun', flowId: flow.flowId, input: uiStore.getState().runInput });
    if (result.ok) showRun(null);
  }, [execute, flow.flowId]);
  return (
    <section className="panel metrics-panel" aria-label="Metrics">
      <PanelHeader title="Metrics" maximisable />
      <MetricsView
        fold={fold}
        version={version}
        flows={flows}
        stepLabel={stepLabel}
        flow={flow}
        modelName={modelName}
        now={now}
        onOpenRun={openRun}
        onRunFlow={() => void runFlow()}
      />
      <LearningEffectView flowId={flow.flowId} flowName={flow.name} />
    </section>
  );
}
