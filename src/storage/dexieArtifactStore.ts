import type { ArtifactRecord } from '../core/artifacts/artifactRecord';
import { artifactRecordSchema } from '../core/artifacts/artifactRecord';
import type { ArtifactStore } from '../core/conductor/ports';
import type { ArtifactHash } from '../core/ids';
import type { StudioDb } from './studioDb';
import { toStorageError } from './storageErrors';

/** Content-addressed: writing the same bytes twice keeps the first record and its provenance. */
export class DexieArtifactStore implements ArtifactStore {
  constructor(private readonly db: StudioDb) {}

  async put(record: ArtifactRecord): Promise<void> {
    try {
      await this.db.transaction('rw', this.db.artifacts, async () => {
        if (!(await this.db.artifacts.get(record.hash))) await this.db.artifacts.add(record);
      });
    } catch (error) {
      throw toStorageError(error);
    }
  }

  async get(hash: ArtifactHash): Promise<ArtifactRecord | undefined> {
    const raw = await this.db.artifacts.get(hash);
    return raw === undefined ? undefined : artifactRecordSchema.parse(raw);
  }
}
