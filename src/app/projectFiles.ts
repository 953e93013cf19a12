import { studioDb } from '../storage/studioDb';
import { DexieImportTarget, readProjectLog } from '../share/dexieImportTarget';
import type { ImportTarget } from '../share/importTarget';

// The UI's way to what exports, imports and share links read and write: it never opens the
// studio database itself (lint: src/ui may not import src/storage), so which database and which
// transaction an import uses is decided here, in one place.

/** A project's log as stored, with a reader for its artifacts (works in a follower tab too). */
export function readStoredProject(projectId: string): ReturnType<typeof readProjectLog> {
  return readProjectLog(studioDb(), projectId);
}

/** Where an import writes: this browser's studio database, all in one transaction. */
export function importTargetHere(): ImportTarget {
  return new DexieImportTarget(studioDb());
}
