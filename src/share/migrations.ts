import { StudioError } from '../core/errors/studioError';
import { formatIssues } from '../core/errors/formatIssues';
import { CURRENT_EXPORT_VERSION, exportEnvelopeSchema } from './exportFormat';

/** A raw, not yet validated export document (parsed JSON). */
export type RawDoc = Record<string, unknown>;

export interface ExportMigration {
  /** The version this migration produces; ids go up by exactly one, starting at 2. */
  id: number;
  what: string;
  /** Pure: never mutates its input, never throws on odd input (the schema check comes after). */
  up(doc: RawDoc): RawDoc;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The ordered migrations. Append only; never edit one that has shipped. */
export const exportMigrations: readonly ExportMigration[] = [
  {
    id: 2,
    what: 'adds `contents` (v1 files always held everything) and `project.head` (the last event)',
    up(doc) {
      const events = Array.isArray(doc['events']) ? doc['events'] : [];
      const last: unknown = events.at(-1);
      const head =
        isRecord(last) && typeof last['seq'] === 'number' && typeof last['hash'] === 'string'
          ? { seq: last['seq'], hash: last['hash'] }
          : null;
      const project = isRecord(doc['project']) ? { ...doc['project'], head } : doc['project'];
      return { ...doc, version: 2, contents: 'everything', project };
    },
  },
  {
    id: 3,
    what: 'adds `signature` (files before v3 were never signed, so it is null: “not signed”)',
    up(doc) {
      return { ...doc, version: 3, signature: null };
    },
  },
];

/** Checks the list's invariant: ids 2, 3, 4… with no gap, ending at the current version. */
export function assertMigrationsOrdered(
  migrations: readonly ExportMigration[] = exportMigrations,
  current = CURRENT_EXPORT_VERSION,
): void {
  migrations.forEach((m, i) => {
    if (m.id !== i + 2) throw new Error(`Export migration #${i} has id ${m.id}; expected ${i + 2}`);
  });
  if (migrations.length + 1 !== current)
    throw new Error(`Export migrations end at ${migrations.length + 1}, but the current version is ${current}`);
}

/** Brings any released version up to the current one, one step at a time. Refuses unknown formats and newer versions. */
export function migrateExport(raw: unknown, migrations: readonly ExportMigration[] = exportMigrations): RawDoc {
  if (!isRecord(raw))
    throw new StudioError(
      'invalid-record',
      'This file is not a Conductor Studio export: it holds no JSON object.',
      'Pick a file the studio exported (its name ends in .conductor.json).',
    );
  const envelope = exportEnvelopeSchema.safeParse(raw);
  if (!envelope.success)
    throw new StudioError(
      'invalid-record',
      `This file is not a Conductor Studio export. ${formatIssues(envelope.error)}`,
      'Pick a file the studio exported (its name ends in .conductor.json).',
    );
  const current = migrations.length + 1;
  const { version } = envelope.data;
  if (version > current)
    throw new StudioError(
      'newer-studio',
      `This file was made by a newer studio (format version ${version}); this one reads versions up to ${current}.`,
      'Update the studio (reload it) to open it; nothing was imported.',
    );
  let doc: RawDoc = raw;
  for (const migration of migrations.slice(version - 1)) doc = migration.up(doc);
  return doc;
}
