/// <reference lib="webworker" />
import * as Comlink from 'comlink';
import { describeError } from '../src/core/errors/studioError';
import { projectIdSchema } from '../src/core/events/primitives';
import { studioDb } from '../src/storage/studioDb';
import {
  projectLockName,
  type ConductorApi,
  type ConductorRole,
  type OpenResult,
  type ProjectTemplate,
} from '../src/protocol/conductorApi';
import type { Command, CommandResult } from '../src/core/conductor/commands';
import { labelSchema } from '../src/core/events/primitives';
import { ConductorHost } from './conductorHost';

let host: ConductorHost | undefined;
let hostReady: Promise<void> | undefined;

const readOnly: CommandResult = {
  ok: false,
  error: {
    code: 'read-only',
    message: 'Another tab is running this project, so this tab only follows it.',
    hint: 'Make changes in that tab, or close it and this one takes over.',
  },
};

/**
 * Becomes the project's writer when this worker holds its Web Lock. The lock is held until the
 * worker dies (its tab closes), so two tabs never both write. A tab that waits is a follower,
 * and is told through `onRole` when it takes over.
 */
function lead(
  projectId: string,
  name: string,
  template: ProjectTemplate,
  onRole: (role: ConductorRole) => void,
  mode: 'now' | 'wait',
  sandboxPort: MessagePort | undefined,
): Promise<boolean> {
  return new Promise((granted) => {
    void navigator.locks.request(
      projectLockName(projectId),
      mode === 'now' ? { ifAvailable: true } : {},
      async (lock) => {
        if (!lock) return granted(false);
        const next = new ConductorHost(studioDb(), projectIdSchema.parse(projectId), sandboxPort);
        // A tab that waited has taken over from one that closed; one that got the lock at once is a (re)opening.
        hostReady = next.open(name, template, mode === 'wait' ? 'takeover' : 'reopen');
        host = next;
        granted(true);
        const opened = await hostReady.then(() => true).catch(() => false);
        if (mode === 'wait' && opened) onRole('leader');
        if (!opened) return; // release the lock: a tab whose log failed to open must not hold it
        await new Promise<never>(() => undefined);
      },
    );
  });
}

const api: ConductorApi = {
  async open(projectId, name, template, onRole, sandboxPort): Promise<OpenResult> {
    try {
      const id = projectIdSchema.parse(projectId);
      const title = labelSchema.parse(name);
      const port = sandboxPort instanceof MessagePort ? sandboxPort : undefined;
      if (await lead(id, title, template, onRole, 'now', port)) {
        await hostReady;
        return { ok: true, role: 'leader' };
      }
      void lead(id, title, template, onRole, 'wait', port);
      return { ok: true, role: 'follower' };
    } catch (error) {
      return { ok: false, error: describeError(error, 'open') };
    }
  },
  async execute(command: Command): Promise<CommandResult> {
    if (!host || !hostReady) return readOnly;
    try {
      await hostReady;
      return await host.execute(command);
    } catch (error) {
      return { ok: false, error: describeError(error) };
    }
  },
};

Comlink.expose(api);
