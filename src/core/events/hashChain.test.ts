import { describe, expect, it } from 'vitest';
import { sha256 } from '../../runtime/sha256';
import type { ProjectId } from '../ids';
import { canonicalJson } from './canonicalJson';
import type { EventDraft } from './eventMap';
import { verifyChain } from './hashChain';
import { sealEvents } from '../log/sealEvents';
import { GENESIS_HASH, type StoredEvent } from './storedEvent';
import { parseStoredEvent } from '../log/studioEventCodec';

const projectId = 'p_chain' as ProjectId;
const drafts: EventDraft[] = [
  { type: 'project.created', data: { projectId, name: 'Chain' } },
  { type: 'flow.created', data: { flowId: 'flow_1' as never, name: 'Main' } },
  { type: 'project.renamed', data: { name: 'Renamed' } },
];

async function chain(): Promise<StoredEvent[]> {
  return sealEvents({ projectId, head: null, drafts, now: 42, sha256 });
}

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[1,{"y":2,"z":1}]},"b":1}',
    );
  });
  it('refuses values JSON cannot carry faithfully', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(/NaN/);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(/function/);
  });
});

describe('the hash chain', () => {
  it('links each event to the one before, starting from the genesis hash', async () => {
    const events = await chain();
    expect(events.map((e) => e.seq)).toEqual([0, 1, 2]);
    expect(events[0]?.prevHash).toBe(GENESIS_HASH);
    expect(events[1]?.prevHash).toBe(events[0]?.hash);
    expect(events[2]?.prevHash).toBe(events[1]?.hash);
    expect(await verifyChain(events, sha256)).toEqual({ ok: true, head: { seq: 2, hash: events[2]?.hash } });
  });

  it('continues from a head across appends', async () => {
    const first = await chain();
    const last = first.at(-1) as StoredEvent;
    const more = await sealEvents({
      projectId,
      head: { seq: last.seq, hash: last.hash },
      drafts: [{ type: 'project.renamed', data: { name: 'Again' } }],
      now: 43,
      sha256,
    });
    expect(more[0]?.seq).toBe(3);
    expect((await verifyChain([...first, ...more], sha256)).ok).toBe(true);
  });

  it('detects an edited payload', async () => {
    const events = await chain();
    const tampered = events.map((e) =>
      e.seq === 1 ? ({ ...e, data: { ...e.data, name: 'Evil' } } as StoredEvent) : e,
    );
    expect(await verifyChain(tampered, sha256)).toMatchObject({
      ok: false,
      seq: 1,
      reason: expect.stringContaining('changed'),
    });
  });

  it('detects a removed, reordered or relinked event', async () => {
    const events = await chain();
    const [a, b, c] = events as [StoredEvent, StoredEvent, StoredEvent];
    expect(await verifyChain([a, c], sha256)).toMatchObject({ ok: false, seq: 2 });
    expect(await verifyChain([b, a, c], sha256)).toMatchObject({ ok: false, seq: 1 });
    expect(await verifyChain([a, { ...b, prevHash: GENESIS_HASH }, c], sha256)).toMatchObject({ ok: false, seq: 1 });
  });

  it('detects a re-hashed edit, because the next event still names the old hash', async () => {
    const events = await chain();
    const edited = { ...events[1], data: { flowId: 'flow_1', name: 'Evil' } } as StoredEvent;
    const { hash: _old, ...rest } = edited;
    const rehashed = { ...edited, hash: await sha256(canonicalJson(rest)) };
    expect(await verifyChain([events[0] as StoredEvent, rehashed, events[2] as StoredEvent], sha256)).toMatchObject({
      ok: false,
      seq: 2,
    });
  });

  it('refuses an invalid draft and seals none of the batch', async () => {
    await expect(
      sealEvents({
        projectId,
        head: null,
        drafts: [drafts[0] as EventDraft, { type: 'project.renamed', data: { name: '' } }],
        now: 1,
        sha256,
      }),
    ).rejects.toThrow(/At name: cannot be empty/);
  });

  it('refuses a run event without a runId', async () => {
    await expect(
      sealEvents({
        projectId,
        head: null,
        drafts: [{ type: 'gap.closed', data: { gapId: 'g' as never, resolution: 'filled' } }],
        now: 1,
        sha256,
      }),
    ).rejects.toThrow(/runId is missing/);
  });
});

describe('parseStoredEvent', () => {
  it('accepts what sealEvents produced', async () => {
    const [first] = await chain();
    expect(parseStoredEvent(JSON.parse(JSON.stringify(first)))).toEqual(first);
  });

  it('names the path of what is wrong', async () => {
    const [first] = await chain();
    expect(() => parseStoredEvent({ ...first, seq: -1 })).toThrow(/At seq:/);
    expect(() => parseStoredEvent({ ...first, data: { ...first?.data, extra: 1 } })).toThrow(/At data/);
    expect(() => parseStoredEvent({ ...first, type: 'nope' })).toThrow(/type/);
  });

  it('refuses prototype-polluting ids', async () => {
    const [first] = await chain();
    expect(() => parseStoredEvent({ ...first, projectId: '__proto__' })).toThrow(/reserved/);
  });
});
