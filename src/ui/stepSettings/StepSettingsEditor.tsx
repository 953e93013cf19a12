import { create } from 'zustand';
import { kindsOf } from '../../app/kinds';
import { openFlow } from '../../app/uiStore';
import { useDefinitions } from '../../app/useProjectSession';
import { MaximiseButton } from '../shell/MaximiseButton';
import { StepSettingsDocument } from './StepSettingsDocument';
import { describeSettings } from './stepSettingsText';
import './stepSettings.css';

/** Whether the settings are expanded: kept while a person moves from step to step. */
const useExpanded = create<{ open: boolean }>(() => ({ open: false }));

/**
 * A step's settings (retry, fallbacks, critical, join, map, rebuild, policy) as a JSON-with-comments
 * document, for the step inspector. Collapsed, it only names what is set, and Monaco is not loaded.
 */
export function StepSettingsEditor({ flowId, stepId }: { flowId: string; stepId: string }) {
  const defs = useDefinitions();
  const open = useExpanded((s) => s.open);
  const flow = defs.flows.get(flowId as never);
  const step = flow?.steps.get(stepId as never);
  if (!flow || !step) return null;
  const model = defs.models.get(step.modelId);
  const inner = model ? kindsOf(defs).of(model)?.flowOf?.(model) : undefined;
  const subflow = inner !== undefined ? defs.flows.get(inner) : undefined;
  return (
    <section className="step-settings" aria-label="Step settings">
      {subflow && (
        <button type="button" className="button small" onClick={() => openFlow(subflow.flowId, flowId)}>
          Open sub-flow “{subflow.name}”
        </button>
      )}
      <details open={open} onToggle={(e) => useExpanded.setState({ open: e.currentTarget.open })}>
        <summary data-testid="step-settings-toggle">
          Step settings <span className="muted">({describeSettings(step.settings)})</span>
        </summary>
        {open && (
          <>
            <MaximiseButton what="step settings" />
            <StepSettingsDocument key={`${flowId}/${stepId}`} flow={flow} step={step} />
          </>
        )}
      </details>
    </section>
  );
}
