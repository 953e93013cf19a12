import type { ProjectSession } from '../../app/projectSession';
import { openFlow, uiStore } from '../../app/uiStore';
import type { RunsState } from '../../core/run/runState';

/**
 * Moves the timeline to an event: shows its run (opening the run's flow if another is on the
 * canvas), puts the cursor on the event and selects the step it is about. Returns a sentence
 * when it cannot (an event that belongs to no run has no place on a timeline).
 */
export function showEventOnTimeline(
  session: ProjectSession,
  runs: RunsState,
  shownFlowId: string | undefined,
  event: { seq: number; runId?: string | undefined; stepId?: string | undefined },
): string | null {
  if (event.runId === undefined) return `Event #${event.seq} belongs to no run, so the timeline cannot show it.`;
  const run = runs.runs.get(event.runId as never);
  const replay = session.replayOf(event.runId);
  if (!run || !replay) return `The run of event #${event.seq} is not loaded.`;
  if (run.flowId !== shownFlowId) openFlow(run.flowId);
  const index = replay.indexOfSeq(event.seq);
  uiStore.setState({
    runId: run.runId,
    cursor: index,
    playing: false,
    compareRunId: null,
    viewingVersion: null,
    ...(event.stepId !== undefined ? { selection: { kind: 'step', id: event.stepId } } : {}),
  });
  return null;
}
