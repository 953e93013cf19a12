import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createEventCodec } from '../events/eventCodec';
import type { StoredEvent } from '../events/storedEvent';
import { command, defineFeature, pageFoldEach } from '../feature/feature';
import { buildCatalogue, foldConductorStates, foldPageViews, initialConductorStates } from './buildCatalogue';
import { EVENT_TYPES, RUN_EVENT_TYPES, studioCatalogue } from './studioCatalogue';

/** A feature as a newcomer would write one: a note a person pins to a run. */
const notes = defineFeature({
  name: 'notes',
  events: { 'note.pinned': z.strictObject({ text: z.string().max(200) }) },
  runEventTypes: ['note.pinned'],
  commands: [
    command(z.strictObject({ type: z.literal('pinNote'), runId: z.string(), text: z.string().max(200) }), {
      wakesLoop: false,
      plan: (cmd) => ({
        drafts: [{ type: 'note.pinned' as never, runId: cmd.runId, data: { text: cmd.text } as never }],
      }),
    }),
  ],
  conductorFold: {
    initial: () => 0,
    fold: (count: number, event: StoredEvent) => (event.type === ('note.pinned' as never) ? count + 1 : count),
  },
  pageFold: pageFoldEach('notes', [] as string[], (texts, event) =>
    event.type === ('note.pinned' as never) ? [...texts, (event.data as unknown as { text: string }).text] : texts,
  ),
});

const pinned = (seq: number, text: string) =>
  ({
    v: 1,
    projectId: 'p',
    seq,
    ts: 0,
    type: 'note.pinned',
    runId: 'run_1',
    data: { text },
    prevHash: '0'.repeat(64),
    hash: '0'.repeat(64),
  }) as unknown as StoredEvent;

describe('the catalogue builds everything from the list of features', () => {
  it('a new feature is one object: its events decode, its command is found, its folds run', () => {
    const catalogue = buildCatalogue([notes]);
    const codec = createEventCodec(catalogue.events);
    expect(codec.decode(pinned(0, 'look here')).data).toEqual({ text: 'look here' });
    expect(() => codec.decode({ ...pinned(0, 'x'), runId: undefined })).toThrow(/run events must carry a runId/);
    expect([...catalogue.commands.keys()]).toEqual(['pinNote']);
    expect(catalogue.loopCommands.has('pinNote')).toBe(false);
    const states = initialConductorStates(catalogue, { definitions: () => ({}) as never, modelAt: () => undefined });
    foldConductorStates(catalogue, states, pinned(0, 'a'));
    foldConductorStates(catalogue, states, pinned(1, 'b'));
    expect(states.get(notes.conductorFold)).toBe(2);
    expect(foldPageViews(catalogue, {}, [pinned(0, 'a'), pinned(1, 'b')])).toEqual({ notes: ['a', 'b'] });
  });

  it('refuses two features that claim the same event type, command or view, naming both', () => {
    const copy = { ...notes, name: 'copy' };
    expect(() => buildCatalogue([notes, { name: 'copy', events: notes.events }])).toThrow(
      'The features notes and copy both declare the event type note.pinned',
    );
    expect(() => buildCatalogue([notes, { name: 'copy', commands: notes.commands }])).toThrow(
      'both declare the command pinNote',
    );
    expect(() => buildCatalogue([notes, { name: 'copy', pageFold: copy.pageFold }])).toThrow(
      'both declare the page view notes',
    );
    expect(() => buildCatalogue([notes, notes])).toThrow('both declare the feature name');
  });

  it('refuses a run event or an upcaster of a type the feature does not declare', () => {
    expect(() => buildCatalogue([{ name: 'odd', runEventTypes: ['note.pinned'] }])).toThrow(
      'names note.pinned as a run event but does not declare it',
    );
    expect(() =>
      buildCatalogue([{ name: 'odd', upcasters: [{ type: 'run.started', to: 2, what: '', up: (d) => d }] }]),
    ).toThrow('an upcaster of run.started, an event type it does not declare');
  });

  it('the studio catalogue holds each event type once, run events among them, and the run commands', () => {
    expect(new Set(EVENT_TYPES).size).toBe(EVENT_TYPES.length);
    expect(RUN_EVENT_TYPES.has('run.held')).toBe(true);
    expect(RUN_EVENT_TYPES.has('alerts.saved')).toBe(false);
    expect(studioCatalogue.loopCommands.has('releaseRun')).toBe(true);
  });
});
