import { describe, expect, it } from 'vitest';
import { sha256 } from '../../../runtime/sha256';
import type { EventDraft } from '../../events/eventMap';
import type { StoredEvent } from '../../events/storedEvent';
import { TestStudio } from '../../testing/testStudio';
import { IntentGaps } from './intentGaps';
import type { IntentHost } from './openGap';

const notify = {
  id: 'notify-manager',
  kind: 'reaction',
  when: { fact: 'risk.assessed' },
  expect: { fact: 'manager.notified' },
  model: 'notifier',
};
const page = {
  id: 'page-oncall',
  kind: 'reaction',
  when: { fact: 'risk.assessed' },
  expect: { fact: 'oncall.paged' },
  model: 'pager',
};

/** A log with two script models and the intents, written by a real conductor; no fact yet, so no gap. */
async function logWithIntents(intents: unknown[]): Promise<{ studio: TestStudio; events: StoredEvent[] }> {
  const studio = await new TestStudio(sha256, {}).open();
  await studio.model('notifier', [], ['facts', 'needs_person'], 'none');
  await studio.model('pager', [], ['facts', 'needs_person'], 'none');
  await studio.do({ type: 'saveIntents', source: JSON.stringify({ version: 1, intents }) });
  await studio.conductor.whenIdle();
  return { studio, events: studio.events };
}

/** Folds drafts as the log would store them (seq and time; the engine reads no hash). */
function folder(engine: IntentGaps, after: readonly StoredEvent[]) {
  let seq = after.at(-1)?.seq ?? 0;
  return (drafts: readonly EventDraft[]): void => {
    for (const draft of drafts) {
      seq += 1;
      engine.observe({ ...draft, seq, ts: 1_000 + seq, prevHash: '', hash: '' } as unknown as StoredEvent);
    }
  };
}

function hostFor(studio: TestStudio, freeSlots = 4): IntentHost {
  let n = 0;
  return {
    clockNow: () => 5_000,
    freeSlots: () => freeSlots,
    runsIdle: () => true,
    modelNamed: (name) => [...studio.definitions.models.values()].find((m) => m.name === name),
    newId: (prefix) => `${prefix}_t${(n += 1)}`,
    newSeed: () => 7,
  };
}

const fact: EventDraft = {
  type: 'fact.recorded',
  data: { factId: 'fact_t', fact: 'risk.assessed', subject: 'acme', data: {}, by: { kind: 'person' }, depth: 0 },
};

describe('the intent engine returns its decisions; the log, folded back, is the only thing that changes it', () => {
  it('decides gaps, then agents, as events it does not append; nothing counts until the events are observed', async () => {
    const { studio, events } = await logWithIntents([notify]);
    const engine = new IntentGaps();
    for (const event of events) engine.observe(event);
    const fold = folder(engine, events);
    const host = hostFor(studio);
    fold([fact]);

    const opened = engine.decide(host);
    expect(opened.map((d) => d.type)).toEqual(['intentGap.opened']);
    // Not folded yet: the engine has no open gap, so it decides nothing more (and nothing was written anywhere).
    expect(engine.decide(host)).toEqual([]);
    fold(opened);

    const spawned = engine.decide(host);
    expect(spawned.map((d) => d.type)).toEqual(['intentAgent.spawned']);
    expect(engine.agentsInFlight).toBe(0);
    // Asked again before the spawn is folded, it decides the same agent again: deciding changed nothing.
    expect(engine.decide(host).map((d) => (d.type === 'intentAgent.spawned' ? d.data.gapId : d.type))).toEqual(
      spawned.map((d) => (d.type === 'intentAgent.spawned' ? d.data.gapId : d.type)),
    );
    fold(spawned);
    expect(engine.agentsInFlight).toBe(1);
    expect(engine.decide(host)).toEqual([]);
  });

  it('counts the agents it decides in one round against each other (free slots), without recording them', async () => {
    const { studio, events } = await logWithIntents([notify, page]);
    const engine = new IntentGaps();
    for (const event of events) engine.observe(event);
    const fold = folder(engine, events);
    fold([fact]);
    fold(engine.decide(hostFor(studio)));
    const oneSlot = engine.decide(hostFor(studio, 1));
    expect(oneSlot.filter((d) => d.type === 'intentAgent.spawned')).toHaveLength(1);
    const both = engine.decide(hostFor(studio, 2));
    expect(both.filter((d) => d.type === 'intentAgent.spawned')).toHaveLength(2);
    expect(engine.agentsInFlight).toBe(0);
  });

  it('a breaker it trips sends the gap to a person only once the breaker event is folded', async () => {
    const { studio, events } = await logWithIntents([notify]);
    const engine = new IntentGaps();
    for (const event of events) engine.observe(event);
    const fold = folder(engine, events);
    // Its model was deleted meanwhile: the no-model breaker trips.
    const host = { ...hostFor(studio), modelNamed: () => undefined };
    fold([fact]);
    fold(engine.decide(host));
    const tripped = engine.decide(host);
    expect(tripped.map((d) => d.type)).toEqual(['breaker.tripped', 'inbox.added']);
    // Unfolded, the gap is not with a person: the same breaker would be decided again.
    expect(engine.decide(host).map((d) => d.type)).toEqual(['breaker.tripped', 'inbox.added']);
    fold(tripped);
    expect(engine.decide(host)).toEqual([]);
  });
});
