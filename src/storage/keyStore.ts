import Dexie, { type Table } from 'dexie';
import { StudioError } from '../core/errors/studioError';
import { toStorageError } from './storageErrors';

export interface KeyRecord {
  name: string;
  key: string;
  createdAt: number;
}

/** What the UI may show of a key: its name and at most its last four characters. */
export interface KeySummary {
  name: string;
  /** "••••" and the last four characters, or only "••••" for a key too short to hide the rest. */
  hint: string;
  createdAt: number;
}

export const KEYS_DB_NAME = 'conductor-studio-keys';
const NAME_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;
// Printable ASCII without spaces: anything else cannot travel in an Authorization header, and fetch
// would fail with an error that looks like a network fault.
const KEY_PATTERN = /^[\x21-\x7e]{1,4096}$/;
const SHORTEST_KEY_WITH_HINT = 12;

/**
 * API keys live in their own database, apart from the studio's: exports, share links and the event
 * log read only the studio database, so a key can never end up in one of them. Models refer to a key
 * by name; the key itself is read only at the moment of a call.
 */
class KeysDb extends Dexie {
  keys!: Table<KeyRecord, string>;

  constructor() {
    super(KEYS_DB_NAME);
    this.version(1).stores({ keys: 'name' });
  }
}

let shared: KeysDb | undefined;
/** One connection per realm; Dexie works the same in the page and in a worker. */
function keysDb(): KeysDb {
  shared ??= new KeysDb();
  return shared;
}

/** Throws a StudioError saying what is wrong with a key name, if anything. */
export function validateKeyName(name: string): void {
  if (!NAME_PATTERN.test(name)) {
    const why =
      name.length === 0
        ? 'is empty'
        : name.length > 64
          ? `is ${name.length} characters long`
          : 'contains characters other than letters, digits, dots, dashes and underscores';
    throw new StudioError(
      'invalid-record',
      `The key name “${name.slice(0, 64)}” ${why}.`,
      'Use 1 to 64 letters, digits, dots, dashes or underscores, e.g. openai or local-ollama.',
    );
  }
}

/** Throws a StudioError saying what is wrong with a key, without ever repeating the key. */
export function validateKey(key: string): void {
  if (KEY_PATTERN.test(key)) return;
  const why =
    key.length === 0
      ? 'is empty'
      : key.length > 4096
        ? `is ${key.length} characters long (at most 4096)`
        : 'contains spaces or characters that cannot be sent in a request header';
  throw new StudioError('invalid-record', `The API key ${why}.`, 'Paste the key exactly as your provider shows it.');
}

async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toStorageError(error);
  }
}

export function listKeyNames(): Promise<string[]> {
  return guarded(() => keysDb().keys.toCollection().primaryKeys());
}

/** Names with a masked hint, for a list a person sees; never the keys themselves. */
export function listKeySummaries(): Promise<KeySummary[]> {
  return guarded(async () =>
    (await keysDb().keys.toArray()).map(({ name, key, createdAt }) => ({
      name,
      createdAt,
      hint: key.length >= SHORTEST_KEY_WITH_HINT ? `••••${key.slice(-4)}` : '••••',
    })),
  );
}

export function getKey(name: string): Promise<string | undefined> {
  return guarded(async () => (await keysDb().keys.get(name))?.key);
}

/** Adds a key, or replaces the one with that name. Surrounding whitespace (from pasting) is dropped. */
export async function saveKey(name: string, key: string, now: () => number = Date.now): Promise<void> {
  validateKeyName(name);
  const trimmed = key.trim();
  validateKey(trimmed);
  await guarded(() => keysDb().keys.put({ name, key: trimmed, createdAt: now() }));
}

export async function deleteKey(name: string): Promise<void> {
  await guarded(() => keysDb().keys.delete(name));
}
