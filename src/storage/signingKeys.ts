import Dexie, { type Table } from 'dexie';
import { StudioError } from '../core/errors/studioError';
import { keyFingerprint, toBase64, type ExportSigner } from '../share/signature';
import type { TrustContext, TrustedKey } from '../share/signatureVerdict';
import { toStorageError } from './storageErrors';

/** This install's key pair. The private key is a non-extractable CryptoKey: IndexedDB stores it, nothing can read its bytes. */
interface OwnKeyRecord {
  id: 'this-studio';
  privateKey: CryptoKey;
  /** base64 SPKI of the public half. */
  publicKey: string;
  fingerprint: string;
  createdAt: number;
}

export const SIGNING_DB_NAME = 'conductor-studio-signing';
const OWN_ID = 'this-studio';
const MAX_NAME = 80;

/**
 * Signing keys live in a database of their own, like API keys: exports and the event log read only
 * the studio database, so the key pair never travels with a project, and clearing projects keeps
 * this install's identity.
 */
class SigningDb extends Dexie {
  own!: Table<OwnKeyRecord, string>;
  trusted!: Table<TrustedKey, string>;

  constructor() {
    super(SIGNING_DB_NAME);
    this.version(1).stores({ own: 'id', trusted: 'fingerprint' });
  }
}

let shared: SigningDb | undefined;
const signingDb = (): SigningDb => (shared ??= new SigningDb());

async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toStorageError(error);
  }
}

let ownKey: Promise<OwnKeyRecord> | undefined;

/** This install's key pair, made on first use. Two tabs making one at once keep whichever was stored first. */
function ownKeyRecord(now: () => number): Promise<OwnKeyRecord> {
  ownKey ??= guarded(async () => {
    const db = signingDb();
    const stored = await db.own.get(OWN_ID);
    if (stored) return stored;
    const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
    const spki = new Uint8Array(await crypto.subtle.exportKey('spki', pair.publicKey));
    const record: OwnKeyRecord = {
      id: OWN_ID,
      privateKey: pair.privateKey,
      publicKey: toBase64(spki),
      fingerprint: await keyFingerprint(spki, crypto.subtle),
      createdAt: now(),
    };
    try {
      await db.own.add(record);
      return record;
    } catch (error) {
      const winner = (error as { name?: string }).name === 'ConstraintError' ? await db.own.get(OWN_ID) : undefined;
      if (winner) return winner;
      throw error;
    }
  }).catch((error: unknown) => {
    ownKey = undefined;
    throw error;
  });
  return ownKey;
}

/** Signs with this install's private key. */
export async function studioSigner(now: () => number = Date.now): Promise<ExportSigner> {
  const own = await ownKeyRecord(now);
  return {
    publicKey: own.publicKey,
    sign: async (data) =>
      new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, own.privateKey, data)),
  };
}

export async function ownFingerprint(now: () => number = Date.now): Promise<string> {
  return (await ownKeyRecord(now)).fingerprint;
}

export function listTrustedKeys(): Promise<TrustedKey[]> {
  return guarded(async () => (await signingDb().trusted.toArray()).sort((a, b) => a.addedAt - b.addedAt));
}

/** What an import compares its signer with. */
export async function trustContext(): Promise<TrustContext> {
  const [own, trusted] = await Promise.all([ownFingerprint(), listTrustedKeys()]);
  return { ownFingerprint: own, trusted };
}

function checkedName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0)
    throw new StudioError(
      'invalid-command',
      'A trusted key needs a name.',
      'Name it after the person or studio it belongs to, e.g. “Ada’s laptop”.',
    );
  if (trimmed.length > MAX_NAME)
    throw new StudioError(
      'invalid-command',
      `That name is ${trimmed.length} characters long; names hold up to ${MAX_NAME}.`,
      'Use a shorter name.',
    );
  return trimmed;
}

/** Trusts a key under a name (or renames it and trusts it again, if it was revoked). */
export async function trustKey(
  key: { fingerprint: string; publicKey: string },
  name: string,
  now: () => number = Date.now,
): Promise<void> {
  const label = checkedName(name);
  await guarded(async () => {
    const fingerprint = await keyFingerprint(key.publicKey, crypto.subtle);
    if (fingerprint !== key.fingerprint)
      throw new StudioError(
        'invalid-record',
        'That key’s fingerprint does not match the key.',
        'Import the file again and trust its key from there.',
      );
    await signingDb().trusted.put({ fingerprint, publicKey: key.publicKey, name: label, addedAt: now() });
  });
}

export async function renameTrustedKey(fingerprint: string, name: string): Promise<void> {
  const label = checkedName(name);
  await guarded(() => signingDb().trusted.update(fingerprint, { name: label }));
}

/** Revoked keys stay listed, so files they signed are refused and said to be, not taken for strangers'. */
export async function revokeTrustedKey(fingerprint: string, now: () => number = Date.now): Promise<void> {
  await guarded(() => signingDb().trusted.update(fingerprint, { revokedAt: now() }));
}

export async function removeTrustedKey(fingerprint: string): Promise<void> {
  await guarded(() => signingDb().trusted.delete(fingerprint));
}
