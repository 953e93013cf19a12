import type { ProjectDefinitions } from '../core/project/projectState';
import type { RunsState } from '../core/run/runState';
import type { EditHistory } from '../core/project/editHistory';
import type { StoredEvent } from '../core/events/storedEvent';
import type { ConductorRole } from '../protocol/conductorApi';
import type { IntentsView } from '../core/intents/intentsView';
import type { AlertsView } from '../core/alerts/alertsView';
import type { BusView } from '../core/bus/busView';
import type { ImportsView } from '../core/import/importFeature';
import type { RunId } from '../core/ids';

/** Runs the conductor continued by itself in one hand-over, seen while this tab had the project open. */
export interface RunsContinued {
  /** The seq of the first `run.continued` of the hand-over: tells one hand-over from another. */
  seq: number;
  after: 'takeover' | 'reopen';
  runIds: readonly RunId[];
}

/**
 * What the UI renders for an open project: projections of the log, never a second copy of the
 * truth. A new object whenever an event is folded in; unchanged parts keep their identity.
 */
export interface ProjectView {
  status: 'opening' | 'ready' | 'failed';
  /** Set when status is 'failed': a sentence for the person. */
  error?: string;
  /** `read-only`: the log failed its integrity check; it shows as it was up to the first bad event, and nothing writes to it. */
  role: ConductorRole | 'opening' | 'read-only';
  /** Set for a damaged log: which event failed and why, in a sentence for the person. */
  damage?: string;
  defs: ProjectDefinitions;
  runs: RunsState;
  /** Per flow: what undo and redo would act on, and its versions. */
  history: EditHistory;
  /** Intents, facts, gaps, agents, breakers and the inbox (absent in views built by hand, e.g. benches). */
  intents?: IntentsView;
  /** Alerts fired and resolved, and runs they hold (absent in views built by hand). */
  alerts?: AlertsView;
  /** The message bus: every message, claims, and per run its count and latest (absent in views built by hand). */
  bus?: BusView;
  /** Where an imported project came from (Rivet, n8n), and each step's source node (absent in views built by hand). */
  imports?: ImportsView;
  /**
   * The events of the latest live update (they arrive in batches), for live effects such as the
   * canvas animating artifact.produced. History loaded from storage never appears here.
   */
  liveEvents: readonly StoredEvent[];
  /** Hand-overs since this tab opened the project, oldest first (absent in views built by hand). */
  continued?: readonly RunsContinued[];
}
