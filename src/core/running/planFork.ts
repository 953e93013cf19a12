import type { PlanStep, RunPlan } from '../events/eventMap';
import type { ArtifactRef } from '../events/primitives';
import type { StepId } from '../ids';
import type { RunState } from '../run/runState';
import { compileExpectations, slotKey, type InputSource } from '../flow/compileExpectations';

const sameSource = (a: InputSource | undefined, b: InputSource | undefined): boolean =>
  a !== undefined &&
  b !== undefined &&
  (a.kind === 'run-input' ? b.kind === 'run-input' : b.kind === 'step' && a.stepId === b.stepId && a.port === b.port);

/**
 * Which outputs a fork can take from its parent. A step is reused when, at the fork point, the
 * parent had all its outputs (finished, or produced and its agent not yet answered) with the same model version, fed from the same sources, which were
 * themselves reused, so its inputs are exactly what the parent's were. Everything downstream of
 * an edited model (or a changed edge) runs again; everything upstream is paid for once. Steps in
 * `changed` (an exploration's variant changed them) run again, and so everything downstream.
 */
export function planReuse(
  parentPlan: RunPlan,
  parentAtFork: RunState,
  newPlan: RunPlan,
  sameInput: boolean,
  changed: ReadonlySet<StepId> = new Set(),
): Array<{ stepId: StepId; port: string; artifact: ArtifactRef }> {
  const oldSteps = new Map(parentPlan.steps.map((s) => [s.stepId, s]));
  const oldSources = new Map<string, InputSource>();
  for (const exp of compileExpectations(parentPlan))
    for (const need of exp.requires) oldSources.set(slotKey(exp.stepId, need.port), need.source);
  const expectations = new Map(compileExpectations(newPlan).map((e) => [e.stepId, e]));
  const decided = new Map<StepId, boolean>();

  const reusable = (step: PlanStep): boolean => {
    const known = decided.get(step.stepId);
    if (known !== undefined) return known;
    decided.set(step.stepId, false); // guards against cycles in a malformed plan
    const old = oldSteps.get(step.stepId);
    const state = parentAtFork.steps.get(step.stepId);
    const exp = expectations.get(step.stepId);
    let ok =
      !changed.has(step.stepId) &&
      !!old &&
      !!exp &&
      old.modelId === step.modelId &&
      old.modelVersion === step.modelVersion &&
      // Done, or still running with every output produced (forked at “Writer produced text”,
      // before its agent answered): what is in the log is reused, not paid for again.
      (state?.status === 'done' || state?.status === 'running');
    ok &&= step.outputs.every((p) => state?.outputs[p.name] !== undefined);
    for (const need of exp?.requires ?? []) {
      if (!ok) break;
      ok = sameSource(need.source, oldSources.get(slotKey(step.stepId, need.port)));
      if (ok && need.source.kind === 'run-input') ok = sameInput;
      if (ok && need.source.kind === 'step') {
        const upstream = newPlan.steps.find((s) => s.stepId === (need.source as { stepId: StepId }).stepId);
        ok = !!upstream && reusable(upstream);
      }
    }
    decided.set(step.stepId, ok);
    return ok;
  };

  return newPlan.steps.flatMap((step) =>
    reusable(step)
      ? step.outputs.map((p) => ({
          stepId: step.stepId,
          port: p.name,
          artifact: parentAtFork.steps.get(step.stepId)?.outputs[p.name] as ArtifactRef,
        }))
      : [],
  );
}
