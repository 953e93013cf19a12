/**
 * Step statuses: the one glossary of where a step of a run stands. The run projection shows a
 * status (what a person sees on the canvas, in the inspector and the timeline); the gap loop
 * tracks a phase, which is a status with the detail the scheduler needs. Every phase means exactly
 * one status (`STATUS_OF_PHASE`), so the two never name the same moment differently, and no word
 * means two things. A differential property test holds them to it on random logs.
 *
 * - **waiting**: not started yet. Phases: `blocked` (some of its inputs are not there yet),
 *   `due` (they are, and nothing has been sent for it yet: also a step whose agent stopped with
 *   the page, waiting for a resume, and a step a person allowed past its budget), `unreachable`
 *   (its inputs will never arrive; its skip is not yet written).
 * - **running**: an agent or a sub-flow run is working on it, or a person's answer is being
 *   carried out. Phase `running`.
 * - **asking**: a person was asked and has not answered. Phase `asking`.
 * - **retrying**: a try failed and the next one waits for its backoff. Phase `retrying`.
 * - **failed**: its latest try failed. Phases: `failed` (for good), `deciding` (whether it is
 *   retried, skipped or failed for good is not yet written).
 * - **done**: it has all its outputs and whatever produced them has finished. Phase `done`.
 * - **skipped**: it will not run (a branch not taken, inputs that never came, a non-critical step
 *   that failed). Phase `skipped`.
 */
export type StepStatus = 'waiting' | 'running' | 'asking' | 'retrying' | 'failed' | 'done' | 'skipped';

/** Where a step stands in the gap loop: a status, refined (see StepStatus). */
export type StepPhase =
  'blocked' | 'due' | 'unreachable' | 'running' | 'asking' | 'retrying' | 'deciding' | 'failed' | 'done' | 'skipped';

export const STATUS_OF_PHASE: Readonly<Record<StepPhase, StepStatus>> = {
  blocked: 'waiting',
  due: 'waiting',
  unreachable: 'waiting',
  running: 'running',
  asking: 'asking',
  retrying: 'retrying',
  deciding: 'failed',
  failed: 'failed',
  done: 'done',
  skipped: 'skipped',
};
