import type { RunState, StepStatus } from '../../core/run/runState';
import type { ArtifactRef } from '../../core/events/primitives';

export interface OutputDifference {
  port: string;
  a?: ArtifactRef;
  b?: ArtifactRef;
  same: boolean;
}

export interface StepComparison {
  stepId: string;
  label: string;
  a?: StepStatus;
  b?: StepStatus;
  outputs: OutputDifference[];
  differs: boolean;
}

/** Step by step: statuses in each run and whether each output's artifact is the same (by hash). */
export function compareRuns(a: RunState, b: RunState): StepComparison[] {
  const labels = new Map<string, string>();
  for (const s of [...a.plan.steps, ...b.plan.steps]) if (!labels.has(s.stepId)) labels.set(s.stepId, s.label);
  return [...labels].map(([stepId, label]) => {
    const sa = a.steps.get(stepId as never);
    const sb = b.steps.get(stepId as never);
    const ports = new Set([...Object.keys(sa?.outputs ?? {}), ...Object.keys(sb?.outputs ?? {})]);
    const outputs = [...ports].map((port) => {
      const oa = sa?.outputs[port];
      const ob = sb?.outputs[port];
      return { port, ...(oa ? { a: oa } : {}), ...(ob ? { b: ob } : {}), same: oa?.hash === ob?.hash };
    });
    const differs = sa?.status !== sb?.status || outputs.some((o) => !o.same);
    return { stepId, label, ...(sa ? { a: sa.status } : {}), ...(sb ? { b: sb.status } : {}), outputs, differs };
  });
}
