import { describe, expect, it } from 'vitest';
import v1 from './fixtures/export-v1.json';
import v2 from './fixtures/export-v2.json';
import v3 from './fixtures/export-v3.json';
import { CURRENT_EXPORT_VERSION, exportDocSchema } from './exportFormat';
import { assertMigrationsOrdered, exportMigrations, migrateExport, type ExportMigration } from './migrations';

/** Every export version ever released, frozen: each must still migrate to a valid current document. */
const fixtures: Record<number, unknown> = { 1: v1, 2: v2, 3: v3 };

describe('export migrations', () => {
  it('have ids that go up by exactly one, ending at the current version', () => {
    expect(() => assertMigrationsOrdered()).not.toThrow();
    expect(exportMigrations.map((m) => m.id)).toEqual(
      Array.from({ length: CURRENT_EXPORT_VERSION - 1 }, (_, i) => i + 2),
    );
    const gap: ExportMigration[] = [
      { id: 2, what: '', up: (d) => d },
      { id: 4, what: '', up: (d) => d },
    ];
    expect(() => assertMigrationsOrdered(gap, 4)).toThrow(/has id 4; expected 3/);
  });

  it('keep a frozen fixture for every version ever released', () => {
    expect(Object.keys(fixtures).map(Number)).toEqual(Array.from({ length: CURRENT_EXPORT_VERSION }, (_, i) => i + 1));
    for (const [version, fixture] of Object.entries(fixtures))
      expect((fixture as { version: number }).version).toBe(Number(version));
  });

  it.each(Object.entries(fixtures))('bring the v%s fixture to a valid current document', (_version, fixture) => {
    const migrated = migrateExport(fixture);
    const parsed = exportDocSchema.safeParse(migrated);
    expect(parsed.success, parsed.success ? '' : parsed.error.message).toBe(true);
    expect(migrated['version']).toBe(CURRENT_EXPORT_VERSION);
  });

  it('v1 → v2 says the file holds everything and records where its log ends', () => {
    const migrated = migrateExport(v1);
    const last = v1.events.at(-1);
    expect(migrated).toMatchObject({
      version: 3,
      contents: 'everything',
      project: { projectId: 'p_test', head: { seq: last?.seq, hash: last?.hash } },
    });
    // Pure: the fixture itself is untouched.
    expect(v1).not.toHaveProperty('contents');
    expect(v1.project).not.toHaveProperty('head');
  });

  it('v2 → v3 marks files from before signing as not signed, and leaves the rest as it was', () => {
    const migrated = migrateExport(v2);
    const { version: _v, ...before } = v2;
    expect(migrated).toEqual({ ...before, version: 3, signature: null });
    expect(v2).not.toHaveProperty('signature');
    // A v2 file cannot smuggle in a signature: there was none before v3.
    expect(migrateExport({ ...v2, signature: v3.signature })['signature']).toBeNull();
  });

  it('leave a v3 file, and its signature, exactly as written', () => {
    expect(migrateExport(v3)).toBe(v3);
  });

  it('are pure and total on odd input: the schema check reports, the migration never throws', () => {
    for (const odd of [
      { format: 'conductor-studio/project', version: 1 },
      { format: 'conductor-studio/project', version: 1, project: 3, events: 'x' },
    ]) {
      const frozen = structuredClone(odd);
      expect(() => migrateExport(odd)).not.toThrow();
      expect(odd).toEqual(frozen);
    }
  });

  it('refuse other files and newer versions with a sentence', () => {
    expect(() => migrateExport([1])).toThrow(/holds no JSON object/);
    expect(() => migrateExport({ format: 'excalidraw', version: 2 })).toThrow(
      /At format: this is not a Conductor Studio export/,
    );
    expect(() => migrateExport({ format: 'conductor-studio/project', version: 99 })).toThrow(
      /made by a newer studio \(format version 99\); this one reads versions up to 3/,
    );
  });
});
