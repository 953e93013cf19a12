import type { ArtifactRecord } from '../core/artifacts/artifactRecord';
import type { EventRecord } from '../core/events/storedEvent';
import { prepareImport, type ImportPlan, type PrepareImportOptions } from './prepareImport';

/** Where a checked import is written: all of it in one transaction, or none of it. */
export interface ImportTarget {
  /** Names of the projects already there, so a copy can be told apart. */
  projectNames(): Promise<string[]>;
  write(plan: ImportPlan): Promise<void>;
}

/** Checks the file, then writes it. Nothing is written unless every check passed. */
export async function importProject(
  text: string,
  target: ImportTarget,
  opts: Omit<PrepareImportOptions, 'takenNames'>,
): Promise<ImportPlan> {
  const plan = await prepareImport(text, { ...opts, takenNames: await target.projectNames() });
  opts.onProgress?.('writing', 0, plan.events.length);
  await target.write(plan);
  return plan;
}

/** An ImportTarget in memory with the same all-or-nothing rule, for Node tests. */
export class MemoryImportTarget implements ImportTarget {
  readonly events = new Map<string, EventRecord[]>();
  readonly artifacts = new Map<string, ArtifactRecord>();
  readonly names = new Map<string, string>();
  /** Makes the next write fail midway (after some records), as a full disk would. */
  failNextWrite = false;

  projectNames(): Promise<string[]> {
    return Promise.resolve([...this.names.values()]);
  }

  write(plan: ImportPlan): Promise<void> {
    if (this.events.has(plan.projectId)) return Promise.reject(new Error(`project ${plan.projectId} exists`));
    // Stage everything, then commit in one step: a failure while staging leaves no trace.
    const staged = { events: [...plan.events], artifacts: new Map(this.artifacts) };
    for (const [i, record] of plan.artifacts.entries()) {
      if (this.failNextWrite && i >= plan.artifacts.length / 2) {
        this.failNextWrite = false;
        return Promise.reject(Object.assign(new Error('quota'), { name: 'QuotaExceededError' }));
      }
      if (!staged.artifacts.has(record.hash)) staged.artifacts.set(record.hash, record);
    }
    this.events.set(plan.projectId, staged.events);
    for (const [hash, record] of staged.artifacts) this.artifacts.set(hash, record);
    this.names.set(plan.projectId, plan.name);
    return Promise.resolve();
  }
}
