import { artifactRecordSchema, type ArtifactRecord } from '../core/artifacts/artifactRecord';
import { StudioError } from '../core/errors/studioError';
import type { EventRecord } from '../core/events/storedEvent';
import { projectLockName } from '../protocol/conductorApi';
import { toStorageError } from '../storage/storageErrors';
import type { StudioDb } from '../storage/studioDb';
import type { ImportTarget } from './importTarget';
import type { ImportPlan } from './prepareImport';

/**
 * Writes a checked import into IndexedDB in ONE transaction over events, artifacts and projects:
 * a failure anywhere (a full disk, a closed tab) leaves no trace of it. The project's Web Lock is
 * held meanwhile, so no conductor can open the new project half written. Artifacts are
 * content-addressed: one already stored is kept as it is.
 */
export class DexieImportTarget implements ImportTarget {
  constructor(
    private readonly db: StudioDb,
    private readonly now: () => number = () => Date.now(),
  ) {}

  async projectNames(): Promise<string[]> {
    return (await this.db.projects.toArray()).map((p) => p.name);
  }

  async write(plan: ImportPlan): Promise<void> {
    await navigator.locks.request(projectLockName(plan.projectId), { ifAvailable: true }, async (lock) => {
      if (!lock)
        throw new StudioError(
          'read-only',
          'Another tab is using the project this import would create.',
          'Try the import again.',
        );
      try {
        await this.db.transaction('rw', this.db.events, this.db.artifacts, this.db.projects, async () => {
          const existing = await this.db.events
            .where('[projectId+seq]')
            .between([plan.projectId, 0], [plan.projectId, Infinity])
            .count();
          if (existing > 0)
            throw new StudioError(
              'invalid-command',
              'A project with this id exists already, so the import stopped.',
              'Try the import again.',
            );
          await this.db.events.bulkAdd(plan.events);
          const stored = await this.db.artifacts.bulkGet(plan.artifacts.map((a) => a.hash));
          const fresh = plan.artifacts.filter((_, i) => stored[i] === undefined);
          if (fresh.length > 0) await this.db.artifacts.bulkAdd(fresh);
          const at = this.now();
          await this.db.projects.add({
            v: 1,
            projectId: plan.projectId,
            name: plan.name,
            createdAt: at,
            updatedAt: at,
          });
        });
      } catch (error) {
        throw toStorageError(error);
      }
    });
  }
}

/** A project's log records and the artifacts it points at, as stored: what an export is built from. */
export async function readProjectLog(
  db: StudioDb,
  projectId: string,
): Promise<{
  records: EventRecord[];
  readArtifacts: (hashes: string[]) => Promise<Array<ArtifactRecord | undefined>>;
}> {
  const rows = await db.events.where('[projectId+seq]').between([projectId, 0], [projectId, Infinity]).toArray();
  return {
    records: rows,
    readArtifacts: async (hashes) =>
      (await db.artifacts.bulkGet(hashes)).map((raw) =>
        raw === undefined ? undefined : artifactRecordSchema.parse(raw),
      ),
  };
}
