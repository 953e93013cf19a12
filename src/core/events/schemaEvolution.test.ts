import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { sha256 } from '../../runtime/sha256';
import { BUILT_IN_KIND_LIST } from '../kinds/builtinKindList';
import { extensionModelSchema } from '../kinds/extension/extensionModelSchema';
import { scriptModelSchema } from '../kinds/script/scriptSchema';
import { foldAllDefinitions } from '../project/projectState';
import { emptyRuns, foldRuns } from '../run/runState';
import { TestStudio, emitAll } from '../testing/testStudio';
import { createEventCodec, type EventCatalogue } from './eventCodec';
import { defaultEventCodec } from '../log/studioEventCodec';
import type { EventDraft } from './eventMap';
import { RUN_EVENT_TYPES, eventDataSchemas, studioCatalogue } from '../catalogue/studioCatalogue';
import type { EventUpcaster } from './eventUpcasters';

/** Every upcaster that ever shipped, gathered from the features by the catalogue. */
const eventUpcasters = studioCatalogue.events.upcasters;
import { verifyChain } from './hashChain';
import { sealEvents } from '../log/sealEvents';
import { openLog } from '../log/openLog';
import type { StoredEvent } from './storedEvent';

/**
 * Tomorrow's studio, as a test imagines it: the model schema (which `model.saved` embeds) gains a
 * defaulted field, `tags`, and renames `timeoutMs` to `deadlineMs` for script models. So
 * `model.saved` goes from today's version to the next, with one upcaster.
 */
const today = eventUpcasters.filter((u) => u.type === 'model.saved').length + 1;
const tomorrow = today + 1;
const evolvedScript = scriptModelSchema
  .omit({ timeoutMs: true })
  .extend({ tags: z.array(z.string()).default([]), deadlineMs: z.number().int().positive() });
const evolvedModel = z.discriminatedUnion('kind', [
  evolvedScript,
  ...BUILT_IN_KIND_LIST.slice(1).map((kind) => kind.schema as unknown as typeof extensionModelSchema),
  extensionModelSchema,
]);
const modelSavedV3: EventUpcaster = {
  type: 'model.saved',
  to: tomorrow,
  what: 'script models: `timeoutMs` is now `deadlineMs`; `tags` added (defaults to none)',
  up(data) {
    const { model } = data as { model: Record<string, unknown> };
    if (model['kind'] !== 'script') return data;
    const { timeoutMs, ...rest } = model;
    return { model: { ...rest, deadlineMs: timeoutMs } };
  },
};
const evolved: EventCatalogue = {
  schemas: { ...eventDataSchemas, 'model.saved': z.strictObject({ model: evolvedModel }) },
  upcasters: [...eventUpcasters, modelSavedV3],
  runEventTypes: RUN_EVENT_TYPES,
};

/** Today's studio writes a log: two script models, a flow, and a run that succeeded. */
async function logWrittenToday() {
  const studio = await new TestStudio(sha256, {
    upper: emitAll((i) => String(i['text']).toUpperCase()),
    exclaim: emitAll((i) => `${String(i['text'])}!`),
  }).open();
  const flowId =
    [...studio.definitions.flows.keys()][0] ?? (await studio.do({ type: 'createFlow', name: 'Main flow' }));
  const a = await studio.do({
    type: 'addStep',
    flowId,
    modelId: await studio.model('upper', ['text'], ['text'], 'upper'),
    position: { x: 0, y: 0 },
  });
  const b = await studio.do({
    type: 'addStep',
    flowId,
    modelId: await studio.model('exclaim', ['text'], ['text'], 'exclaim'),
    position: { x: 300, y: 0 },
  });
  await studio.do({
    type: 'connect',
    flowId,
    source: { stepId: a, port: 'text' },
    target: { stepId: b, port: 'text' },
  });
  await studio.do({ type: 'startRun', flowId, input: 'hello' });
  await studio.conductor.whenIdle();
  // What IndexedDB holds: structured clones of the records, exactly as sealed.
  return structuredClone<StoredEvent[]>(studio.events);
}

const summary = (events: readonly StoredEvent[]) => {
  const runs = events.reduce(foldRuns, emptyRuns);
  return runs.order.map((id) => {
    const run = runs.runs.get(id);
    return { status: run?.status, steps: [...(run?.steps.values() ?? [])].map((s) => [s.status, s.outputs]) };
  });
};

describe('a log written before a schema change still opens, verifies and replays', () => {
  it('the defaulted and the renamed field: verified as stored, then upcast and parsed', async () => {
    const records = await logWrittenToday();
    const codec = createEventCodec(evolved);
    const opened = await openLog(records, sha256, codec);
    expect(opened.damage).toBeUndefined();
    expect(opened.events).toHaveLength(records.length);

    const models = opened.events
      .filter((e) => e.type === 'model.saved')
      .map((e) => e.data.model as unknown as Record<string, unknown>);
    expect(models.length).toBeGreaterThan(0);
    for (const model of models) {
      expect(model).toMatchObject({ kind: 'script', tags: [], deadlineMs: 10_000 });
      expect(model).not.toHaveProperty('timeoutMs');
    }
    expect(opened.events.find((e) => e.type === 'model.saved')?.v).toBe(tomorrow);
    // Nothing stored was rewritten: the records still say today's version, with their own hashes.
    expect(
      records
        .filter((r) => r.type === 'model.saved')
        .every((r) => r.v === today && 'timeoutMs' in (r.data as { model: object }).model),
    ).toBe(true);
    expect(opened.events.map((e) => e.hash)).toEqual(records.map((r) => r.hash));

    // …and it replays as it did: the same runs, step statuses and artifacts, the same flow.
    expect(summary(opened.events)).toEqual(summary(records));
    expect(summary(opened.events)[0]?.status).toBe('succeeded');
    expect([...foldAllDefinitions(opened.events).flows.values()].map((f) => f.steps.size)).toEqual(
      [...foldAllDefinitions(records).flows.values()].map((f) => f.steps.size),
    );
  });

  it('why the order matters: parsing first fills in the default, and the chain no longer verifies', async () => {
    const records = await logWrittenToday();
    const codec = createEventCodec(evolved);
    const parsedFirst = records.map((r) => ({ ...codec.decode(r), v: r.v }));
    const verdict = await verifyChain(parsedFirst, sha256);
    expect(verdict).toMatchObject({ ok: false, reason: expect.stringMatching(/was changed after it was written/) });
  });

  it('new events are written at the next version beside the old ones, and the mixed log opens', async () => {
    const records = await logWrittenToday();
    const codec = createEventCodec(evolved);
    const last = records.at(-1) as StoredEvent;
    const model = {
      modelId: 'm_new',
      kind: 'script',
      name: 'new',
      version: 1,
      inputs: [],
      outputs: [{ name: 'out', type: 'text' }],
      source: 'x',
      compiled: 'x',
      deadlineMs: 500,
    };
    const appended = await sealEvents({
      projectId: last.projectId,
      head: { seq: last.seq, hash: last.hash },
      drafts: [{ type: 'model.saved', data: { model } } as unknown as EventDraft],
      now: 9_000,
      sha256,
      codec,
    });
    expect(appended[0]).toMatchObject({ v: tomorrow, data: { model: { tags: [], deadlineMs: 500 } } });
    const opened = await openLog([...records, ...appended], sha256, codec);
    expect(opened.damage).toBeUndefined();
    expect(opened.events.at(-1)).toMatchObject({ v: tomorrow, data: { model: { name: 'new', deadlineMs: 500 } } });

    // Today's studio meets tomorrow's record: it says so, rather than calling the log damaged.
    await expect(openLog([...records, ...appended], sha256, defaultEventCodec)).rejects.toMatchObject({
      code: 'newer-studio',
      message: expect.stringContaining(`made by a newer studio (event version ${tomorrow})`),
    });
  });

  it('upcasters go 2, 3, 4… per type: a gap or a repeat is refused when the codec is built', () => {
    expect(() =>
      createEventCodec({ ...evolved, upcasters: [...eventUpcasters, { ...modelSavedV3, to: tomorrow + 1 }] }),
    ).toThrow(/must go 2, 3, 4/);
    expect(() => createEventCodec({ ...evolved, upcasters: [...eventUpcasters, modelSavedV3, modelSavedV3] })).toThrow(
      /must go 2, 3, 4/,
    );
    expect(() => createEventCodec({ ...evolved, upcasters: [{ ...modelSavedV3, type: 'no.such' as never }] })).toThrow(
      /unknown event type/,
    );
  });

  it('a record whose chain fails is reported with the first bad event, and what came before still opens', async () => {
    const records = await logWrittenToday();
    const tampered = structuredClone(records);
    (tampered[5] as { ts: number }).ts += 1;
    const opened = await openLog(tampered, sha256);
    expect(opened.damage).toMatchObject({ seq: 5, reason: expect.stringMatching(/event #5 was changed/) });
    expect(opened.events.map((e) => e.seq)).toEqual([0, 1, 2, 3, 4]);
    expect(opened.head).toEqual({ seq: 4, hash: records[4]?.hash });
  });
});
