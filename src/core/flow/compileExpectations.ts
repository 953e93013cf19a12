import type { RunPlan } from '../events/eventMap';
import type { StepId } from '../ids';

/** Where an input port's artifact comes from: another step's output, or the run's own input. */
export type InputSource = { kind: 'step'; stepId: StepId; port: string } | { kind: 'run-input' };

/**
 * "Once every input of `stepId` exists, expect its outputs." A flow is a set of these; a due
 * expectation whose outputs are missing is a reaction gap. Later shapes (branch, join policy,
 * deadline, reconstruction) are further expectation kinds, not another engine.
 */
export interface StepExpectation {
  kind: 'step-outputs';
  stepId: StepId;
  requires: ReadonlyArray<{ port: string; source: InputSource }>;
  produces: readonly string[];
}

/** Key of an artifact slot: the output `port` of step `stepId`. */
export const slotKey = (stepId: string, port: string): string => `${stepId}\u0000${port}`;

/**
 * Compiles a run plan into expectations. Input ports with no edge take the run's input, so a
 * flow's entry steps need no special node.
 */
export function compileExpectations(plan: RunPlan): StepExpectation[] {
  const incoming = new Map<string, InputSource>();
  for (const edge of plan.edges) {
    incoming.set(slotKey(edge.target.stepId, edge.target.port), {
      kind: 'step',
      stepId: edge.source.stepId,
      port: edge.source.port,
    });
  }
  return plan.steps.map((step) => ({
    kind: 'step-outputs',
    stepId: step.stepId,
    requires: step.inputs.map((p) => ({
      port: p.name,
      source: incoming.get(slotKey(step.stepId, p.name)) ?? { kind: 'run-input' },
    })),
    produces: step.outputs.map((p) => p.name),
  }));
}
