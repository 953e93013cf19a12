import { describe, expect, it } from 'vitest';
import type { EventDraft } from '../../events/eventMap';
import type { StoredEvent } from '../../events/storedEvent';
import { ActiveExtensions, unloadedIfActive, withLifecycleEvents, type LifecycleView } from './extensionLifecycle';
import type { InstalledExtension } from './installedExtension';

const installed = (extensionId: string): InstalledExtension => ({
  extensionId,
  name: extensionId,
  version: '1.0.0',
  description: '',
  author: '',
  hash: 'a'.repeat(64),
  capabilities: { network: [], llm: false, secrets: [] },
  provides: [],
  code: '',
  manifest: {},
  enabled: true,
});

/** A spawn of an agent whose model is `modelId` (the view maps models to extensions), after its gap. */
const spawn = (runId: string, gapId: string, modelId: string): EventDraft[] => [
  { type: 'gap.opened', runId, data: { gapId, kind: 'reaction', stepId: 's', causeSeqs: [1] } } as EventDraft,
  {
    type: 'agent.spawned',
    runId,
    data: {
      agentId: `a_${gapId}`,
      gapId,
      stepId: 's',
      modelId,
      modelVersion: 1,
      goal: 'g',
      inputs: {},
      deadlineMs: 1_000,
      seed: 1,
      now: 0,
    },
  } as unknown as EventDraft,
];
const finish = (runId: string): EventDraft => ({ type: 'run.finished', runId, data: { status: 'succeeded' } });

/** A set any write to throws: the lifecycle must only read the folded state. */
function readOnly(ids: string[]): ReadonlySet<string> {
  const set = new Set(ids);
  for (const write of ['add', 'delete', 'clear'])
    Object.defineProperty(set, write, {
      value: () => {
        throw new Error(`the lifecycle wrote to the folded state (${write})`);
      },
    });
  return set;
}

/** Runs still going and the extension each one's steps use. */
function view(active: string[], going: Record<string, string>): LifecycleView {
  return {
    active: readOnly(active),
    installed: new Map(['csv', 'pdf'].map((id) => [id, installed(id)])),
    extensionOf: (spawned) => (spawned.modelId.startsWith('ext:') ? spawned.modelId.slice(4) : undefined),
    inUse: (finishing) =>
      new Set(
        Object.entries(going)
          .filter(([runId]) => !finishing.has(runId))
          .map(([, extensionId]) => extensionId),
      ),
  };
}
const types = (drafts: EventDraft[]) =>
  drafts.map((d) =>
    d.type.startsWith('extension.') ? `${d.type}:${(d.data as { extensionId: string }).extensionId}` : d.type,
  );

describe('the extension lifecycle says which events are due and changes nothing', () => {
  it('activates an extension once, before the gap of its first agent in the round', () => {
    const v = view([], { r1: 'csv' });
    const drafts = [...spawn('r1', 'g1', 'ext:csv'), ...spawn('r1', 'g2', 'ext:csv'), ...spawn('r1', 'g3', 'script')];
    expect(types(withLifecycleEvents(drafts, v))).toEqual([
      'extension.activated:csv',
      'gap.opened',
      'agent.spawned',
      'gap.opened',
      'agent.spawned',
      'gap.opened',
      'agent.spawned',
    ]);
    expect(v.active.size).toBe(0);
    // The same round again, before anything was folded: the same events, since deciding wrote nothing.
    expect(types(withLifecycleEvents(drafts, v))[0]).toBe('extension.activated:csv');
  });

  it('an extension already active is not activated again; a round with nothing due is returned as it was', () => {
    const drafts = spawn('r1', 'g1', 'ext:csv');
    expect(withLifecycleEvents(drafts, view(['csv'], { r1: 'csv' }))).toBe(drafts);
  });

  it('unloads an idle extension after the finish of the last run that used it, not while another going run uses it', () => {
    const going = { r1: 'csv', r2: 'csv', r3: 'pdf' };
    expect(types(withLifecycleEvents([finish('r1')], view(['csv', 'pdf'], going)))).toEqual(['run.finished']);
    // Two runs finish in one round: the extension both used is idle after the second.
    expect(types(withLifecycleEvents([finish('r1'), finish('r2')], view(['csv', 'pdf'], going)))).toEqual([
      'run.finished',
      'run.finished',
      'extension.unloaded:csv',
    ]);
    // Activated and left idle within one round: unloaded in the same round, once.
    const round = [...spawn('r3', 'g9', 'ext:csv'), finish('r3')];
    expect(types(withLifecycleEvents(round, view(['pdf'], { r3: 'pdf' })))).toEqual([
      'extension.activated:csv',
      'gap.opened',
      'agent.spawned',
      'run.finished',
      'extension.unloaded:pdf',
      'extension.unloaded:csv',
    ]);
  });

  it('an interrupted run unloads nothing: it may be resumed', () => {
    const interrupted: EventDraft = {
      type: 'run.finished',
      runId: 'r1',
      data: { status: 'interrupted', reason: 'closed' },
    };
    expect(types(withLifecycleEvents([interrupted], view(['csv'], {})))).toEqual(['run.finished']);
  });

  it('disabling or removing unloads only an active extension', () => {
    expect(unloadedIfActive(new Set(['csv']), 'csv', 'disabled')).toEqual([
      { type: 'extension.unloaded', data: { extensionId: 'csv', reason: 'disabled' } },
    ]);
    expect(unloadedIfActive(new Set(['csv']), 'pdf', 'removed')).toEqual([]);
  });

  it('the fold applies the events: activations replayed from an earlier life do not count, unloads do', () => {
    let seq = 0;
    const stored = (draft: EventDraft) =>
      ({ ...draft, seq: (seq += 1), ts: seq, prevHash: '', hash: '' }) as unknown as StoredEvent;
    const activated: EventDraft = {
      type: 'extension.activated',
      data: { extensionId: 'csv', version: '1.0.0', hash: 'a'.repeat(64) },
    };
    const active = new ActiveExtensions();
    active.observe(stored(activated));
    expect([...active.ids]).toEqual([]);
    active.markOpened();
    active.observe(stored(activated));
    expect([...active.ids]).toEqual(['csv']);
    active.observe(stored({ type: 'extension.unloaded', data: { extensionId: 'csv', reason: 'idle' } }));
    expect([...active.ids]).toEqual([]);
  });
});
