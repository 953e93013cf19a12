import { describe, expect, it } from 'vitest';
import v3 from './fixtures/export-v3.json';
import { oneOffSigner } from './fixtures/oneOffSigner';
import {
  keyFingerprint,
  shortFingerprint,
  signExport,
  signedText,
  verifyExportSignature,
  type ExportSignature,
  type SignableExport,
} from './signature';
import { judgeSigner, NO_TRUST, verdictText, type TrustContext } from './signatureVerdict';

const subtle = globalThis.crypto.subtle;
const HASH_A = 'a'.repeat(64);
const HASH_B = 'b'.repeat(64);

const doc: SignableExport = {
  format: 'conductor-studio/project',
  version: 3,
  exportedAt: 1_000,
  contents: 'everything',
  project: { projectId: 'p_one', name: 'One', head: { seq: 7, hash: 'c'.repeat(64) } },
  artifacts: [{ hash: HASH_B }, { hash: HASH_A }],
};

describe('export signatures', () => {
  it('round-trip: a document signed with a key verifies, and names that key by its fingerprint', async () => {
    const signer = await oneOffSigner(subtle);
    const signature = await signExport(doc, signer);
    expect(signature).toMatchObject({ alg: 'ECDSA-P256-SHA256', publicKey: signer.publicKey });
    const check = await verifyExportSignature(doc, signature, subtle);
    expect(check).toEqual({ ok: true, fingerprint: await keyFingerprint(signer.publicKey, subtle) });
    expect(check.ok && check.fingerprint).toMatch(/^[0-9a-f]{64}$/);
  });

  it('cover the artifact manifest as a set: the order artifacts are listed in does not matter', async () => {
    const signature = await signExport(doc, await oneOffSigner(subtle));
    const reordered = { ...doc, artifacts: [...doc.artifacts].reverse() };
    expect(signedText(reordered)).toBe(signedText(doc));
    expect(await verifyExportSignature(reordered, signature, subtle)).toMatchObject({ ok: true });
  });

  it.each<[string, (d: SignableExport) => SignableExport]>([
    ['the head hash', (d) => ({ ...d, project: { ...d.project, head: { seq: 7, hash: 'd'.repeat(64) } } })],
    ['the head seq', (d) => ({ ...d, project: { ...d.project, head: { seq: 8, hash: 'c'.repeat(64) } } })],
    ['an artifact added to the manifest', (d) => ({ ...d, artifacts: [...d.artifacts, { hash: 'e'.repeat(64) }] })],
    ['an artifact dropped from the manifest', (d) => ({ ...d, artifacts: d.artifacts.slice(1) })],
    ['contents', (d) => ({ ...d, contents: 'definitions' })],
    [
      'the project id (moving the signature to another project)',
      (d) => ({ ...d, project: { ...d.project, projectId: 'p_two' } }),
    ],
    ['the project name', (d) => ({ ...d, project: { ...d.project, name: 'Two' } })],
    ['the format version', (d) => ({ ...d, version: 4 })],
    ['the format', (d) => ({ ...d, format: 'something/else' })],
    ['the export time', (d) => ({ ...d, exportedAt: 2_000 })],
  ])('refuse a change to %s', async (_what, change) => {
    const signature = await signExport(doc, await oneOffSigner(subtle));
    expect(await verifyExportSignature(change(doc), signature, subtle)).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('refuse a signature presented with another key, a damaged value, or a key that is not P-256', async () => {
    const signature = await signExport(doc, await oneOffSigner(subtle));
    const other = await oneOffSigner(subtle);
    expect(await verifyExportSignature(doc, { ...signature, publicKey: other.publicKey }, subtle)).toMatchObject({
      ok: false,
    });
    const flipped = signature.value.startsWith('A') ? `B${signature.value.slice(1)}` : `A${signature.value.slice(1)}`;
    expect(await verifyExportSignature(doc, { ...signature, value: flipped }, subtle)).toMatchObject({ ok: false });
    expect(await verifyExportSignature(doc, { ...signature, value: 'AAAA' }, subtle)).toMatchObject({ ok: false });
    expect(await verifyExportSignature(doc, { ...signature, publicKey: 'AAAA' }, subtle)).toEqual({
      ok: false,
      reason: 'bad-key',
    });
  });

  it('verify the frozen v3 fixture as it was written', async () => {
    const fixture = v3 as unknown as SignableExport & { signature: ExportSignature };
    expect(await verifyExportSignature(fixture, fixture.signature, subtle)).toMatchObject({ ok: true });
  });

  it('show a fingerprint short, in groups of four', () => {
    expect(shortFingerprint('0123456789abcdef'.repeat(4))).toBe('0123 4567 89ab cdef');
  });
});

describe('signature verdicts', () => {
  const signer = { fingerprint: '1'.repeat(64), publicKey: 'pk' };
  const trust = (over: Partial<TrustContext>): TrustContext => ({ ...NO_TRUST, ...over });

  it('say who signed: this studio, a trusted key by name, an unknown key, a revoked one, or nobody', () => {
    const cases = [
      judgeSigner(null, trust({ ownFingerprint: signer.fingerprint })),
      judgeSigner(signer, trust({ ownFingerprint: signer.fingerprint })),
      judgeSigner(
        signer,
        trust({ trusted: [{ fingerprint: signer.fingerprint, publicKey: 'pk', name: 'Ada', addedAt: 1 }] }),
      ),
      judgeSigner(
        signer,
        trust({
          ownFingerprint: '2'.repeat(64),
          trusted: [{ fingerprint: '3'.repeat(64), publicKey: 'x', name: 'Bob', addedAt: 1 }],
        }),
      ),
      judgeSigner(
        signer,
        trust({
          trusted: [{ fingerprint: signer.fingerprint, publicKey: 'pk', name: 'Eve', addedAt: 1, revokedAt: 2 }],
        }),
      ),
    ];
    expect(cases.map((v) => v.kind)).toEqual(['not-signed', 'this-studio', 'trusted', 'unknown', 'revoked']);
    expect(cases.map(verdictText)).toEqual([
      'Not signed',
      'Signed by this studio',
      'Signed by a key you trust (Ada)',
      'Signed by an unknown key',
      'Signed by a key you revoked: Eve',
    ]);
  });

  it('match keys by their whole fingerprint, not its short form', () => {
    const lookalike = `${signer.fingerprint.slice(0, 16)}${'9'.repeat(48)}`;
    expect(
      judgeSigner(signer, trust({ trusted: [{ fingerprint: lookalike, publicKey: 'y', name: 'Ada', addedAt: 1 }] }))
        .kind,
    ).toBe('unknown');
  });
});
