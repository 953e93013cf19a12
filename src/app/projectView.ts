import type { ProjectDefinitions } from '../core/project/projectState';
import type { RunsState } from '../core/run/runState';
import type { StoredEvent } from '../core/events/storedEvent';
import type { ConductorRole } from '../protocol/conductorApi';

/**
 * What the UI renders for an open project: projections of the log, never a second copy of the
 * truth. A new object whenever an event is folded in; unchanged parts keep their identity.
 */
export interface ProjectView {
  status: 'opening' | 'ready' | 'failed';
  /** Set when status is 'failed': a sentence for the person. */
  error?: string;
  role: ConductorRole | 'opening';
  defs: ProjectDefinitions;
  runs: RunsState;
  /** The newest event folded in, for live effects (the canvas animates artifact.produced). */
  lastEvent: StoredEvent | null;
}
