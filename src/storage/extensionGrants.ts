import Dexie, { type Table } from 'dexie';
import type { ExtensionGrant, ExtensionGrants } from '../core/conductor/ports';
import { toStorageError } from './storageErrors';

interface GrantRecord extends ExtensionGrant {
  grantedAt: number;
}

export const GRANTS_DB_NAME = 'conductor-studio-extension-grants';

/**
 * Approvals of extensions' capabilities, by the extension's hash (its manifest, which names its
 * code's hash). A database of their own, like API keys and signing keys: a project's log and its
 * exports never carry an approval, so whoever opens a shared project approves for themselves, and
 * a changed extension (another hash) asks again.
 */
class GrantsDb extends Dexie {
  grants!: Table<GrantRecord, string>;
  constructor() {
    super(GRANTS_DB_NAME);
    this.version(1).stores({ grants: 'hash, extensionId' });
  }
}

let shared: GrantsDb | undefined;
const grantsDb = (): GrantsDb => (shared ??= new GrantsDb());

async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toStorageError(error);
  }
}

/** This browser's approvals, for the conductor (in its worker) and the page (the import dialog, the Extensions panel). */
export const extensionGrants: ExtensionGrants & { approvedAmong(hashes: readonly string[]): Promise<Set<string>> } = {
  isApproved: (hash) => guarded(async () => (await grantsDb().grants.get(hash)) !== undefined),
  approve: (grant) => guarded(async () => void (await grantsDb().grants.put({ ...grant, grantedAt: Date.now() }))),
  approvedAmong: (hashes) =>
    guarded(async () => new Set((await grantsDb().grants.bulkGet([...hashes])).flatMap((g) => (g ? [g.hash] : [])))),
};
