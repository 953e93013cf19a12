import { describe, expect, it } from 'vitest';
import { StudioError } from '../core/errors/studioError';
import { hashedText, verifyChain } from '../core/events/hashChain';
import { artifactHash } from '../core/artifacts/artifactRecord';
import type { ProjectId } from '../core/ids';
import { foldAllDefinitions } from '../core/project/projectState';
import { emptyRuns, foldRuns, type RunsState } from '../core/run/runState';
import type { EventRecord, StoredEvent } from '../core/events/storedEvent';
import { openSoundLog } from '../core/log/openLog';
import { sha256 } from '../runtime/sha256';
import v1 from './fixtures/export-v1.json';
import v2 from './fixtures/export-v2.json';
import v3 from './fixtures/export-v3.json';
import { oneOffSigner } from './fixtures/oneOffSigner';
import { sampleProject } from './fixtures/sampleProject';
import { buildExport, exportText, type ExportDocument } from './buildExport';
import { importProject, MemoryImportTarget } from './importTarget';
import { checkImportSize, prepareImport, uniqueName } from './prepareImport';
import { resealEvents } from './resealEvents';
import { keyFingerprint, type ExportSigner } from './signature';
import type { TrustContext } from './signatureVerdict';

const NEW_ID = 'p_copy' as ProjectId;
const subtle = globalThis.crypto.subtle;
const opts = { sha256, subtle, newProjectId: NEW_ID, takenNames: [], now: 5_000 };
/** This test's “studio”: the key its exports are signed with. */
const studioKey = await oneOffSigner(subtle);
const studioTrust: TrustContext = { ownFingerprint: await keyFingerprint(studioKey.publicKey, subtle), trusted: [] };

/** What a person sees of the runs: statuses, step statuses and artifacts, without ids that change. */
function runsSummary(events: readonly StoredEvent[]) {
  const runs: RunsState = events.reduce(foldRuns, emptyRuns);
  return runs.order.map((id) => {
    const run = runs.runs.get(id);
    return {
      status: run?.status,
      steps: [...(run?.steps.values() ?? [])].map((s) => ({ status: s.status, outputs: s.outputs, reason: s.reason })),
    };
  });
}

/** Reads records the way the studio does: verify, then upcast and parse. */
const decoded = async (records: readonly EventRecord[]): Promise<StoredEvent[]> =>
  (await openSoundLog(records, sha256)).events;

async function freshExport(contents: 'everything' | 'definitions' = 'everything', signer: ExportSigner = studioKey) {
  const project = await sampleProject(sha256);
  const doc = await buildExport({
    records: project.events,
    readArtifacts: project.readArtifacts,
    contents,
    now: 9_000,
    sha256,
    signer,
  });
  return { project, doc, text: exportText(doc) };
}

/** What a forger does: edit an event, then recompute every hash and project.head so the chain holds. */
async function reseal(doc: ExportDocument, edit: (events: EventRecord[]) => void): Promise<ExportDocument> {
  const events = structuredClone(doc.events);
  edit(events);
  const sealed = await resealEvents(events, doc.project.projectId as ProjectId, sha256);
  const last = sealed.at(-1);
  return {
    ...doc,
    events: sealed,
    project: { ...doc.project, head: last ? { seq: last.seq, hash: last.hash } : null },
  };
}
const artifactHashOf = (kind: 'text', body: string): Promise<string> => artifactHash(kind, body, sha256);
const relabel = (events: EventRecord[]): void => {
  const step = events.find((e) => e.type === 'step.added');
  if (step) (step.data as { label: string }).label = 'approved by nobody';
};

async function refusal(text: string): Promise<StudioError> {
  const error = await prepareImport(text, opts).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StudioError);
  return error as StudioError;
}

describe('export → import', () => {
  it('round-trips everything: the copy replays to the same runs, statuses and artifacts under a new id', async () => {
    const { project, text } = await freshExport();
    const target = new MemoryImportTarget();
    const plan = await importProject(text, target, { sha256, subtle, newProjectId: NEW_ID, now: 5_000 });
    const copy = target.events.get(NEW_ID) ?? [];
    expect(copy).toHaveLength(project.events.length);
    expect(copy.every((e) => e.projectId === NEW_ID)).toBe(true);
    expect(await verifyChain(copy, sha256)).toMatchObject({ ok: true });
    expect(runsSummary(await decoded(copy))).toEqual(runsSummary(project.events));
    expect(runsSummary(await decoded(copy)).map((r) => r.status)).toEqual(['succeeded', 'failed']);
    expect(foldAllDefinitions(await decoded(copy)).projectId).toBe(NEW_ID);
    expect(plan.runs).toBe(2);
    for (const record of project.artifacts) expect(target.artifacts.get(record.hash)).toEqual(record);
  });

  it('definitions only: the models and flow as they are, no runs, no artifacts, a valid chain', async () => {
    const { project, doc, text } = await freshExport('definitions');
    expect(doc.artifacts).toEqual([]);
    const plan = await prepareImport(text, opts);
    expect(plan.runs).toBe(0);
    const before = foldAllDefinitions(project.events);
    const after = foldAllDefinitions(await decoded(plan.events));
    expect([...after.models.values()]).toEqual([...before.models.values()]);
    expect([...after.flows.values()].map((f) => [f.name, [...f.steps.values()], [...f.edges.values()]])).toEqual(
      [...before.flows.values()].map((f) => [f.name, [...f.steps.values()], [...f.edges.values()]]),
    );
  });

  it.each([
    ['v1', v1],
    ['v2', v2],
    ['v3', v3],
  ])('imports the frozen %s fixture', async (_version, fixture) => {
    const plan = await prepareImport(JSON.stringify(fixture), opts);
    expect(plan.contents).toBe('everything');
    expect(runsSummary(await decoded(plan.events)).map((r) => r.status)).toEqual(['succeeded', 'failed']);
  });

  it('never overwrites: a second import is a second project, renamed when the name is taken', async () => {
    const { text } = await freshExport();
    const target = new MemoryImportTarget();
    await importProject(text, target, { sha256, subtle, newProjectId: 'p_a' as ProjectId, now: 1 });
    const second = await importProject(text, target, { sha256, subtle, newProjectId: 'p_b' as ProjectId, now: 2 });
    expect([...target.names.values()]).toEqual(['Test project', 'Test project (imported)']);
    expect(second.notices[0]).toMatch(/already exists, so the copy is called “Test project \(imported\)”/);
    expect(second.events.at(-1)).toMatchObject({ type: 'project.renamed', data: { name: 'Test project (imported)' } });
    expect(await verifyChain(target.events.get('p_b') ?? [], sha256)).toMatchObject({ ok: true });
    expect(uniqueName('x'.repeat(120), ['x'.repeat(120)])).toHaveLength(120);
    // A copy of a copy counts on instead of piling up suffixes.
    expect(uniqueName('Test project (imported)', ['Test project', 'Test project (imported)'])).toBe(
      'Test project (imported 2)',
    );
    expect(
      uniqueName('Test project (imported 2)', ['Test project', 'Test project (imported)', 'Test project (imported 2)']),
    ).toBe('Test project (imported 3)');
  });

  it('a write that fails midway leaves nothing behind', async () => {
    const { text } = await freshExport();
    const target = new MemoryImportTarget();
    target.failNextWrite = true;
    await expect(importProject(text, target, { sha256, subtle, newProjectId: NEW_ID, now: 1 })).rejects.toMatchObject({
      name: 'QuotaExceededError',
    });
    expect(target.events.size + target.artifacts.size + target.names.size).toBe(0);
  });
});

describe('import refuses bad files, saying where', () => {
  it('by size first, before reading', () => {
    expect(() => checkImportSize(200 * 1024 * 1024)).toThrow(
      /This file is 200\.0 MB; the studio imports files up to 64\.0 MB/,
    );
    expect(() => checkImportSize(0)).toThrow(/empty/);
  });

  it('not JSON, or not an export', async () => {
    expect((await refusal('{"format": ')).message).toMatch(/not valid JSON/);
    expect((await refusal('{"hello": 1}')).message).toMatch(/not a Conductor Studio export/);
  });

  it('a tampered event breaks the chain', async () => {
    const { doc } = await freshExport();
    const tampered = structuredClone(doc);
    const renamed = tampered.events.find((e) => e.type === 'step.added');
    if (renamed) (renamed.data as { label: string }).label = 'hacked';
    const error = await refusal(JSON.stringify(tampered));
    expect(error.code).toBe('chain-broken');
    expect(error.message).toMatch(/was changed after it was written/);
  });

  it('an event of a version this studio does not know: refused as made by a newer studio, even with a sound chain', async () => {
    const { doc } = await freshExport();
    const events = structuredClone(doc.events);
    const last = events.at(-1) as EventRecord;
    const { hash: _old, ...rest } = { ...last, v: 7 };
    const newer = { ...rest, hash: await sha256(hashedText(rest)) };
    events[events.length - 1] = newer;
    const error = await refusal(
      JSON.stringify({ ...doc, events, project: { ...doc.project, head: { seq: newer.seq, hash: newer.hash } } }),
    );
    expect(error.code).toBe('newer-studio');
    expect(error.message).toMatch(/made by a newer studio.*event version 7/);
  });

  it('a removed event, or a log cut short', async () => {
    const { doc } = await freshExport();
    const removed = { ...doc, events: doc.events.filter((_, i) => i !== 3) };
    expect((await refusal(JSON.stringify(removed))).message).toMatch(/expected event #3 but found #4/);
    const cut = { ...doc, events: doc.events.slice(0, -2) };
    expect((await refusal(JSON.stringify(cut))).message).toMatch(/does not end where the file says/);
  });

  it('a tampered artifact fails its hash', async () => {
    const { doc } = await freshExport();
    const tampered = structuredClone(doc);
    const first = tampered.artifacts[0];
    if (first) first.body = `${first.body}!`;
    const error = await refusal(JSON.stringify(tampered));
    expect(error.message).toMatch(/^At artifacts\.0: artifact [0-9a-f]{12}… does not match its hash/);
  });

  it('a missing artifact', async () => {
    const { doc } = await freshExport();
    expect((await refusal(JSON.stringify({ ...doc, artifacts: doc.artifacts.slice(1) }))).message).toMatch(
      /uses artifact [0-9a-f]{12}…, which is not in the file/,
    );
  });

  it('unknown fields, with their path', async () => {
    const { doc } = await freshExport();
    expect((await refusal(JSON.stringify({ ...doc, extra: 1 }))).message).toMatch(
      /At \(top level\): Unrecognized key: "extra"/,
    );
    const events = structuredClone(doc.events) as unknown as Array<Record<string, unknown>>;
    (events[2] as Record<string, unknown>)['note'] = 'x';
    expect((await refusal(JSON.stringify({ ...doc, events }))).message).toMatch(
      /^At events\.2: Event #2 is not valid\. At \(top level\): Unrecognized key: "note"/,
    );
  });

  it('__proto__ and constructor keys pollute nothing', async () => {
    const { text } = await freshExport();
    const attacks = [
      text.replace('{"format"', '{"__proto__":{"polluted":1},"format"'),
      text.replace('"data":{"projectId"', '"data":{"__proto__":{"polluted":1},"projectId"'),
      text.replace('"inputs":{', '"inputs":{"__proto__":"aa","constructor":"bb",'),
      text.replace('"provenance":', '"constructor":{"prototype":{"polluted":1}},"provenance":'),
    ];
    for (const attack of attacks) {
      expect(attack).not.toBe(text);
      await refusal(attack);
    }
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('names holding HTML are data, kept as written', async () => {
    const { doc } = await freshExport();
    const plan = await prepareImport(exportText(doc), opts);
    expect([...foldAllDefinitions(await decoded(plan.events)).models.values()].map((m) => m.name)).toContain(
      'upper <b>case</b>',
    );
  });
});

describe('signed imports say who signed, before anything is written', () => {
  const withTrust = (trust: TrustContext) => ({ ...opts, trust });

  it('an export made here: “Signed by this studio”, with its fingerprint', async () => {
    const { text } = await freshExport();
    const plan = await prepareImport(text, withTrust(studioTrust));
    expect(plan.signature).toEqual({
      kind: 'this-studio',
      fingerprint: studioTrust.ownFingerprint,
      publicKey: studioKey.publicKey,
    });
  });

  it('definitions only is signed too (share links carry it)', async () => {
    const { text } = await freshExport('definitions');
    expect((await prepareImport(text, withTrust(studioTrust))).signature.kind).toBe('this-studio');
  });

  it('another studio’s export: “unknown” until its key is trusted by name', async () => {
    const other = await oneOffSigner(subtle);
    const fingerprint = await keyFingerprint(other.publicKey, subtle);
    const { text } = await freshExport('everything', other);
    expect((await prepareImport(text, withTrust(studioTrust))).signature).toEqual({
      kind: 'unknown',
      fingerprint,
      publicKey: other.publicKey,
    });
    const trusted = { ...studioTrust, trusted: [{ fingerprint, publicKey: other.publicKey, name: 'Ada', addedAt: 1 }] };
    expect((await prepareImport(text, withTrust(trusted))).signature).toMatchObject({
      kind: 'trusted',
      name: 'Ada',
      fingerprint,
    });
  });

  it('older exports (v1, v2) and an unsigned v3 are “not signed”', async () => {
    for (const fixture of [v1, v2, { ...v3, signature: null }]) {
      expect((await prepareImport(JSON.stringify(fixture), withTrust(studioTrust))).signature).toEqual({
        kind: 'not-signed',
      });
    }
  });

  it('a key the person revoked is refused, by name', async () => {
    const { text } = await freshExport();
    const revoked = {
      ownFingerprint: null,
      trusted: [
        {
          fingerprint: studioTrust.ownFingerprint ?? '',
          publicKey: studioKey.publicKey,
          name: 'Old laptop',
          addedAt: 1,
          revokedAt: 2,
        },
      ],
    };
    const error = await prepareImport(text, withTrust(revoked)).catch((e: unknown) => e as StudioError);
    expect(error).toBeInstanceOf(StudioError);
    expect((error as StudioError).message).toMatch(
      /^This file is signed by a key you revoked: Old laptop \(key [0-9a-f]{4} [0-9a-f]{4} [0-9a-f]{4} [0-9a-f]{4}\), so it was not imported\.$/,
    );
  });

  it('a re-sealed forgery that keeps the signature is refused, and nothing is written', async () => {
    const { doc } = await freshExport();
    const forged = await reseal(doc, relabel);
    expect(forged.project.head?.hash).not.toBe(doc.project.head?.hash);
    const target = new MemoryImportTarget();
    const error = await importProject(JSON.stringify(forged), target, {
      sha256,
      subtle,
      trust: studioTrust,
      newProjectId: NEW_ID,
      now: 1,
    }).catch((e: unknown) => e as StudioError);
    expect(error).toBeInstanceOf(StudioError);
    expect((error as StudioError).message).toBe(
      'This file’s signature does not match its content: the file was changed after it was signed, so it is not what its signer exported.',
    );
    expect((error as StudioError).hint).toBe('Nothing was imported. Ask the sender for the file again.');
    expect(target.events.size + target.artifacts.size + target.names.size).toBe(0);
  });

  it('the same forgery with the signature stripped is only “not signed”; re-signed by the forger, an unknown key', async () => {
    const { doc } = await freshExport();
    const forged = await reseal(doc, relabel);
    const { signature: _dropped, ...stripped } = forged;
    expect((await prepareImport(JSON.stringify(stripped), withTrust(studioTrust))).signature).toEqual({
      kind: 'not-signed',
    });
    expect(
      (await prepareImport(JSON.stringify({ ...forged, signature: null }), withTrust(studioTrust))).signature,
    ).toEqual({ kind: 'not-signed' });
    const forger = await oneOffSigner(subtle);
    const resigned = await buildExport({
      records: forged.events,
      readArtifacts: () => Promise.resolve(forged.artifacts),
      contents: 'everything',
      now: 9_000,
      sha256,
      signer: forger,
    });
    expect((await prepareImport(exportText(resigned), withTrust(studioTrust))).signature.kind).toBe('unknown');
  });

  it('an edited artifact manifest, contents or project id breaks the signature even where the chain still holds', async () => {
    const { doc } = await freshExport();
    // An artifact no event uses is dropped on import, but the signature still tells that it was added.
    const extraBody = 'smuggled';
    const extra = {
      ...(doc.artifacts[0] as NonNullable<(typeof doc.artifacts)[0]>),
      body: extraBody,
      hash: await artifactHashOf('text', extraBody),
    };
    const padded = { ...doc, artifacts: [...doc.artifacts, { ...extra, kind: 'text' as const }] };
    await expect(prepareImport(JSON.stringify(padded), withTrust(studioTrust))).rejects.toThrow(
      /signature does not match its content/,
    );
    await expect(
      prepareImport(JSON.stringify({ ...doc, project: { ...doc.project, name: 'Renamed' } }), withTrust(studioTrust)),
    ).rejects.toThrow(/signature does not match its content/);
    await expect(prepareImport(JSON.stringify({ ...doc, exportedAt: 1 }), withTrust(studioTrust))).rejects.toThrow(
      /signature does not match its content/,
    );
  });

  it('a signature lifted onto another export is refused', async () => {
    const { doc } = await freshExport('definitions');
    await expect(
      prepareImport(JSON.stringify({ ...doc, signature: v3.signature }), withTrust(studioTrust)),
    ).rejects.toThrow(/signature does not match its content/);
  });
});
