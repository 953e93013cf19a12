import { resolve } from 'node:path';
import type { HandoffHost } from '../../src/core/handoff/handoffHost';
import { NodeHandoffFolder } from '../../src/headless/handoff/nodeHandoffFolder';

/** How often a waiting handoff step looks at the folder again (executors on other machines may share it over a network file system, where watchers miss changes). */
const LOOK_EVERY_MS = 500;

/**
 * The runner's handoff folder: RUNNER_HANDOFF_DIR, the workspace whose `.conductor/handoff/` a team's
 * executors watch (docs/handoff.md). Unset: none, and handoff steps fail saying so.
 */
export function runnerHandoffHost(dir = process.env['RUNNER_HANDOFF_DIR']): HandoffHost | undefined {
  if (dir === undefined || dir.trim() === '') return undefined;
  return {
    folder: new NodeHandoffFolder(resolve(dir)),
    now: () => Date.now(),
    nextLook: () => new Promise((wake) => setTimeout(wake, LOOK_EVERY_MS)),
  };
}
