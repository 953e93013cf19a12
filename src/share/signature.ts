import { z } from 'zod';

/**
 * Signed exports. Each studio install holds an ECDSA P-256 key pair; an export is signed over a
 * small statement of what it holds (see `signedText`), and an import checks that statement against
 * the file before anything is written. The crypto is passed in (`SignatureCrypto`: WebCrypto's
 * SubtleCrypto in the page, Node's in tests), so this module reads no globals.
 */
export const SIGNATURE_ALG = 'ECDSA-P256-SHA256';
const KEY_PARAMS = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGN_PARAMS = { name: 'ECDSA', hash: 'SHA-256' } as const;
/** Names what is signed, so a signature made for another purpose with the same key never passes here. */
const STATEMENT = 'conductor-studio/export-signature/1';

const base64Text = z
  .string()
  .max(4096)
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'must be base64');

export const exportSignatureSchema = z.strictObject({
  alg: z.literal(SIGNATURE_ALG),
  /** The signer's public key: base64 of its SubjectPublicKeyInfo (SPKI) bytes. */
  publicKey: base64Text,
  /** base64 of the 64-byte IEEE P1363 signature (r ‖ s) WebCrypto makes. */
  value: base64Text,
});
export type ExportSignature = z.infer<typeof exportSignatureSchema>;

export type SignatureCrypto = Pick<SubtleCrypto, 'importKey' | 'verify' | 'digest'>;

/** What signs an export: this install's private key, never extractable, behind a function. */
export interface ExportSigner {
  /** base64 SPKI of the public half. */
  publicKey: string;
  sign(data: Uint8Array<ArrayBuffer>): Promise<Uint8Array>;
}

/** The parts of an export a signature covers. */
export interface SignableExport {
  format: string;
  version: number;
  exportedAt: number;
  contents: string;
  project: { projectId: string; name: string; head: { seq: number; hash: string } | null };
  /** Only the hashes are read; each artifact's content is bound to its hash by the import's own check. */
  artifacts: ReadonlyArray<{ hash: string }>;
}

/**
 * The text that is signed: the head hash (which, through the chain, covers every event), the
 * artifact manifest (the sorted list of artifact hashes, each of which covers its content), and the
 * envelope fields an import reads outside the log (format, version, contents, project id and name,
 * time), so a signature cannot be lifted onto another document or another project.
 */
export function signedText(doc: SignableExport): string {
  const manifest = doc.artifacts.map((a) => a.hash).sort();
  return JSON.stringify([
    STATEMENT,
    doc.format,
    doc.version,
    doc.exportedAt,
    doc.contents,
    doc.project.projectId,
    doc.project.name,
    doc.project.head?.seq ?? null,
    doc.project.head?.hash ?? null,
    manifest,
  ]);
}

const utf8 = (text: string): Uint8Array<ArrayBuffer> => new TextEncoder().encode(text);

export async function signExport(doc: SignableExport, signer: ExportSigner): Promise<ExportSignature> {
  const value = await signer.sign(utf8(signedText(doc)));
  return { alg: SIGNATURE_ALG, publicKey: signer.publicKey, value: toBase64(value) };
}

/** `mismatch`: the signature is not over this content. `bad-key`: the public key it names cannot be read. */
export type SignatureCheck = { ok: true; fingerprint: string } | { ok: false; reason: 'mismatch' | 'bad-key' };

/** Checks a signature against the document it came with. Never throws: a bad key or value is a failed check. */
export async function verifyExportSignature(
  doc: SignableExport,
  signature: ExportSignature,
  subtle: SignatureCrypto,
): Promise<SignatureCheck> {
  let key: CryptoKey;
  let spki: Uint8Array<ArrayBuffer>;
  try {
    spki = fromBase64(signature.publicKey);
    key = await subtle.importKey('spki', spki, KEY_PARAMS, false, ['verify']);
  } catch {
    return { ok: false, reason: 'bad-key' };
  }
  let valid: boolean;
  try {
    valid = await subtle.verify(SIGN_PARAMS, key, fromBase64(signature.value), utf8(signedText(doc)));
  } catch {
    valid = false;
  }
  if (!valid) return { ok: false, reason: 'mismatch' };
  return { ok: true, fingerprint: await keyFingerprint(spki, subtle) };
}

/** A key's fingerprint: SHA-256 of its SPKI bytes, in lower-case hex. */
export async function keyFingerprint(
  spki: Uint8Array<ArrayBuffer> | string,
  subtle: Pick<SignatureCrypto, 'digest'>,
): Promise<string> {
  const bytes = typeof spki === 'string' ? fromBase64(spki) : spki;
  const digest = new Uint8Array(await subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The first 16 hex digits of a fingerprint in groups of four: enough to compare by eye or over the phone. */
export const shortFingerprint = (fingerprint: string): string =>
  (fingerprint.slice(0, 16).match(/.{1,4}/g) ?? []).join(' ');

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}
