import { GapLoop } from '../core/conductor/flowEngine/gapLoop';
import type { EventDraft } from '../core/events/eventMap';
import type { StoredEvent } from '../core/events/storedEvent';
import type { ModelDefinition } from '../core/models/modelDefinition';

const REASON = 'This run was going when the project was exported. Resume it to finish it here.';

/**
 * Runs that had agents at work when the file was exported. Nobody here started them, so the copy
 * does not continue them by itself (as it would after a closed tab): it marks them interrupted,
 * and Resume finishes them. Found exactly as a conductor finds them (the gap loop over the log).
 */
export function interruptImportedRuns(events: readonly StoredEvent[]): EventDraft[] {
  const models = new Map<string, ModelDefinition>();
  const loop = new GapLoop((ref) => models.get(`${ref.modelId}@${ref.modelVersion}`));
  for (const event of events) {
    if (event.type === 'model.saved')
      models.set(`${event.data.model.modelId}@${event.data.model.version}`, event.data.model);
    loop.observe(event);
  }
  return loop
    .unfinishedRuns()
    .map((runId) => ({ type: 'run.finished', runId, data: { status: 'interrupted', reason: REASON } }));
}
