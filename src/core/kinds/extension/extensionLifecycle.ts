import type { EventData, EventDraft } from '../../events/eventMap';
import type { StoredEvent } from '../../events/storedEvent';
import type { InstalledExtension } from './installedExtension';

/*
 * An extension's life in the conductor (seed 001's chambering flow): registered when installed,
 * activated on the first agent of one of its kinds, used by each such agent, unloaded when
 * disabled, removed or idle (no run still going uses it). Each step is an event, so replays and
 * metrics see it. This module says which lifecycle events are due; it changes nothing: the
 * conductor appends them and the fold (ActiveExtensions.observe) applies them.
 */

/**
 * Extensions activated in this conductor's life and not unloaded since, folded from the log. A
 * conductor that opens a log starts with none active (what it replays happened in an earlier life),
 * so its first use activates again, as a fresh process would.
 */
export class ActiveExtensions {
  private readonly active = new Set<string>();
  private live = false;

  /** The log has been read to its end: what comes next happens in this conductor's life. */
  markOpened(): void {
    this.live = true;
  }

  observe(event: StoredEvent): void {
    if (this.live && event.type === 'extension.activated') this.active.add(event.data.extensionId);
    if (event.type === 'extension.unloaded') this.active.delete(event.data.extensionId);
  }

  get ids(): ReadonlySet<string> {
    return this.active;
  }
}

/** What the lifecycle reads of the conductor's state. */
export interface LifecycleView {
  /** Extensions active now (ActiveExtensions.ids). */
  active: ReadonlySet<string>;
  installed: ReadonlyMap<string, InstalledExtension>;
  /** The extension whose kind an agent runs, if its kind is one an extension provides. */
  extensionOf(spawned: EventData<'agent.spawned'>): string | undefined;
  /** Extensions whose kinds steps of runs still going (or interrupted) use, leaving out `finishing`. */
  inUse(finishing: ReadonlySet<string>): ReadonlySet<string>;
}

/**
 * The drafts of one round of the conductor's decisions with the lifecycle events they imply, in
 * place: `extension.activated` before the first agent (its `gap.opened`) of an extension not active,
 * once however many of its agents the round spawns; `extension.unloaded` (idle) after a run's
 * finish when no run still going uses the extension. Returns `drafts` itself when nothing is due.
 */
export function withLifecycleEvents(drafts: EventDraft[], view: LifecycleView): EventDraft[] {
  if (view.installed.size === 0 && view.active.size === 0) return drafts;
  // What this round has activated and unloaded so far: the view is as folded before the round.
  const activeNow = new Set(view.active);
  const finishing = new Set<string>();
  const out: EventDraft[] = [];
  let changed = false;
  for (const draft of drafts) {
    if (draft.type === 'agent.spawned') {
      const extensionId = view.extensionOf(draft.data);
      const extension =
        extensionId !== undefined && !activeNow.has(extensionId) ? view.installed.get(extensionId) : undefined;
      if (extension) {
        activeNow.add(extension.extensionId);
        // Before the agent's gap, when it opens just ahead of the spawn.
        const gapOpened = out.at(-1);
        const at =
          gapOpened?.type === 'gap.opened' && gapOpened.data.gapId === draft.data.gapId ? out.length - 1 : out.length;
        out.splice(at, 0, {
          type: 'extension.activated',
          data: { extensionId: extension.extensionId, version: extension.version, hash: extension.hash },
        });
        changed = true;
      }
    }
    out.push(draft);
    if (
      draft.type === 'run.finished' &&
      draft.runId !== undefined &&
      draft.data.status !== 'interrupted' &&
      activeNow.size > 0
    ) {
      finishing.add(draft.runId);
      const used = view.inUse(finishing);
      for (const extensionId of [...activeNow].filter((id) => !used.has(id))) {
        activeNow.delete(extensionId);
        out.push({ type: 'extension.unloaded', data: { extensionId, reason: 'idle' } });
        changed = true;
      }
    }
  }
  return changed ? out : drafts;
}

/** `extension.unloaded` for an extension being disabled or removed, if it is active. */
export function unloadedIfActive(
  active: ReadonlySet<string>,
  extensionId: string,
  reason: 'disabled' | 'removed',
): EventDraft[] {
  return active.has(extensionId) ? [{ type: 'extension.unloaded', data: { extensionId, reason } }] : [];
}
