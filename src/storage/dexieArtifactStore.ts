import type { ArtifactRecord } from '../core/artifacts/artifactRecord';
import { artifactRecordSchema } from '../core/artifacts/artifactRecord';
import { GroupCommitQueue } from '../core/conductor/groupCommit';
import type { ArtifactStore } from '../core/conductor/ports';
import type { ArtifactHash } from '../core/ids';
import type { StudioDb } from './studioDb';
import { toStorageError } from './storageErrors';

/** Recently written or read artifacts kept in memory, up to this many characters of body. */
const CACHE_CHARS = 4_000_000;

/**
 * Content-addressed: writing the same bytes twice keeps the first record and its provenance.
 *
 * Puts go through the same group-commit queue as the event log's appends: puts that arrive while a
 * transaction is open share the next one, and each resolves only after its transaction committed. Records are
 * immutable, so recently written and read ones are also kept in a small in-memory cache: an agent
 * usually reads what the previous agent just wrote, and should not wait on IndexedDB for it.
 */
export class DexieArtifactStore implements ArtifactStore {
  private readonly queue = new GroupCommitQueue<ArtifactRecord, void>({
    prepare: (record) => record,
    commit: (batch) => this.write(batch),
  });
  private readonly cache = new Map<string, ArtifactRecord>();
  private cachedChars = 0;

  constructor(private readonly db: StudioDb) {}

  put(record: ArtifactRecord): Promise<void> {
    if (this.cache.has(record.hash)) return Promise.resolve();
    return this.queue.enqueue(record);
  }

  async get(hash: ArtifactHash): Promise<ArtifactRecord | undefined> {
    const cached = this.cache.get(hash);
    if (cached) return cached;
    const raw = await this.db.artifacts
      .get(hash)
      .catch((error: unknown) => Promise.reject(toStorageError(error, 'reading')));
    if (raw === undefined) return undefined;
    const record = artifactRecordSchema.parse(raw);
    this.remember(record);
    return record;
  }

  private async write(batch: readonly ArtifactRecord[]): Promise<void[]> {
    try {
      await this.db.transaction('rw', this.db.artifacts, async () => {
        const hashes = [...new Set(batch.map((record) => record.hash))];
        const existing = await this.db.artifacts.bulkGet(hashes);
        const stored = new Set(hashes.filter((_, i) => existing[i] !== undefined));
        const fresh: ArtifactRecord[] = [];
        for (const record of batch) {
          if (stored.has(record.hash)) continue;
          stored.add(record.hash); // the first of equal records in a batch wins, as across batches
          fresh.push(record);
        }
        if (fresh.length > 0) await this.db.artifacts.bulkAdd(fresh);
      });
    } catch (error) {
      throw toStorageError(error);
    }
    for (const record of batch) this.remember(record);
    return batch.map(() => undefined);
  }

  private remember(record: ArtifactRecord): void {
    if (this.cache.has(record.hash) || record.body.length > CACHE_CHARS / 4) return;
    this.cache.set(record.hash, record);
    this.cachedChars += record.body.length;
    for (const [hash, old] of this.cache) {
      if (this.cachedChars <= CACHE_CHARS) break;
      this.cache.delete(hash);
      this.cachedChars -= old.body.length;
    }
  }
}
