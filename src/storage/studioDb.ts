import Dexie, { type Table } from 'dexie';
import type { ArtifactRecord } from '../core/artifacts/artifactRecord';
import type { EventRecord } from '../core/events/storedEvent';

export interface ProjectRecord {
  v: 1;
  projectId: string;
  name: string;
  createdAt: number;
  updatedAt: number;
}

export const STUDIO_DB_NAME = 'conductor-studio';

/**
 * The one IndexedDB database. Events are keyed by [projectId+seq] so a project's log reads in order
 * with one range scan; artifacts by content hash, shared by all projects (same bytes, one copy).
 * Schema versions go up by one; each new version adds an `.upgrade()` when records change shape.
 */
export class StudioDb extends Dexie {
  /** Records as stored, each at the version of its type it was written with: read them with openLog. */
  events!: Table<EventRecord, [string, number]>;
  artifacts!: Table<ArtifactRecord, string>;
  projects!: Table<ProjectRecord, string>;

  constructor(name = STUDIO_DB_NAME) {
    super(name);
    this.version(1).stores({
      events: '[projectId+seq], [projectId+type]',
      artifacts: 'hash',
      projects: 'projectId, updatedAt',
    });
  }
}

let shared: StudioDb | undefined;
/** One connection per realm (page or worker). */
export function studioDb(): StudioDb {
  shared ??= new StudioDb();
  return shared;
}
