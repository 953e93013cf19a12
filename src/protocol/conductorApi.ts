import type { Command, CommandResult } from '../core/conductor/commands';
import type { SerializedStudioError } from '../core/errors/studioError';

export type ProjectTemplate = 'example' | 'empty' | 'churn' | 'venture' | 'checks' | 'quest';

/** Who this tab is for a project: the one writer, or a follower of another tab's conductor. */
export type ConductorRole = 'leader' | 'follower';

/**
 * The conductor worker's whole surface, exposed with Comlink. Kept narrow: every argument is
 * validated inside the worker, and errors come back as data (CommandResult), never as throws.
 */
export interface ConductorApi {
  /**
   * Opens the project's log (creating it from `template` if it doesn't exist yet) and becomes its
   * writer once this tab holds the project's Web Lock. Resolves with the role this tab got.
   * `sandboxPort` reaches the page's sandbox iframe (src/app/sandboxFrame.ts); without it agents
   * run in workers of this tab's process, capped at MAX_SANDBOX_DEADLINE_MS.
   */
  open(
    projectId: string,
    name: string,
    template: ProjectTemplate,
    onRole: (role: ConductorRole) => void,
    sandboxPort?: MessagePort,
  ): Promise<OpenResult>;
  execute(command: Command): Promise<CommandResult>;
}

export type OpenResult = { ok: true; role: ConductorRole } | { ok: false; error: SerializedStudioError };

/** What the conductor broadcasts on `eventsChannelName(projectId)` after each append. */
/** Text an LLM agent has streamed so far (null: the call is over). Ephemeral: never in the log. */
export interface StreamMessage {
  type: 'stream';
  projectId: string;
  agentId: string;
  text: string | null;
}

/**
 * A failure the person must hear of at once: a studio bug (code `internal`, with `detail` for
 * "Copy details"), or a failure the conductor could not write to the log. Unvalidated on arrival.
 */
export interface FaultMessage {
  type: 'fault';
  projectId: string;
  error: unknown;
}

export interface AppendedMessage {
  type: 'appended';
  projectId: string;
  /** Stored events, unvalidated on arrival: receivers parse each one. */
  events: unknown[];
}

export const eventsChannelName = (projectId: string): string => `conductor-studio:events:${projectId}`;
export const projectLockName = (projectId: string): string => `conductor-studio:conductor:${projectId}`;
