import type { EventData, EventDraft } from '../events/eventMap';
import type { ProjectSettings } from '../project/projectState';
import type { GapLoop } from './flowEngine/gapLoop';

/** Why the log changed hands: the leading tab closed while this one waited, or the studio was opened again. */
export type Handover = EventData<'run.continued'>['after'];

const INTERRUPTED = 'The studio was closed while this run was going. Finished steps kept their artifacts.';

/**
 * What a conductor that has just taken the log does with the runs that were going: their agents
 * died with the page that ran them. With auto-continue on, each run goes on by itself: its dead
 * agents' gaps are closed as abandoned and `run.continued` names the agents, so exactly their steps
 * (or map items) are due again and nothing that finished runs twice. Off, each run is marked
 * interrupted and waits for a person to press Resume. Runs waiting only for a person, a timer or a
 * sub-run have no agent at work, so neither happens to them.
 */
export function planReopenedRuns(loop: GapLoop, settings: ProjectSettings, after: Handover): EventDraft[] {
  if (!settings.autoContinue) {
    return loop
      .unfinishedRuns()
      .map((runId) => ({ type: 'run.finished', runId, data: { status: 'interrupted', reason: INTERRUPTED } }));
  }
  return loop.orphanedAgents().flatMap(({ runId, agents }): EventDraft[] => [
    ...agents.map((a): EventDraft => ({
      type: 'gap.closed',
      runId,
      data: { gapId: a.gapId, resolution: 'abandoned' },
    })),
    {
      type: 'run.continued',
      runId,
      data: {
        after,
        abandoned: agents.map((a) => ({
          agentId: a.agentId,
          stepId: a.stepId,
          ...(a.item !== undefined ? { item: a.item } : {}),
        })),
      },
    },
  ]);
}
