import type { HandoffFolder } from './handoffFolder';

/**
 * What a host gives handoff steps (ConductorPorts.handoff): the project's handoff folder and a way
 * to wait for it to change. Absent where no folder was chosen; then a handoff step fails saying so.
 */
export interface HandoffHost {
  folder: HandoffFolder;
  /**
   * Wall-clock milliseconds: executors write wall-clock times into claims, and a task's timeout
   * is measured against them, so the virtual clock agents see would be the wrong one here.
   */
  now(): number;
  /** Resolves when the folder may have changed (a watcher fired) or after the host's polling interval. */
  nextLook(): Promise<void>;
  /** The policy's confidence thresholds for a step, when it sets them. */
  thresholds?: { high: number; medium: number };
}
