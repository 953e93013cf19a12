/**
 * The sample extensions shipped in the repository, read from their sources (manifest.json
 * without its entry hash, and index.js) and packed into the file people install. Shared by
 * `npm run pack-extensions` and the test that keeps the packed files in step with the sources.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Sha256 } from '../../src/core/events/hashChain';
import { packExtension, type PackResult } from '../../src/core/extensions/extensionPackage';
import { extensionManifestJsonSchema, type ExtensionManifestSource } from '../../src/core/extensions/manifest';

export const SAMPLE_EXTENSIONS = ['csv-tools', 'http-request'] as const;
export type SampleExtension = (typeof SAMPLE_EXTENSIONS)[number];

/** Where a sample's packed file lives, beside its source folder. */
export function packedFileName(sample: SampleExtension): string {
  return `${sample}.conductor-extension.json`;
}

/** The sample's manifest source and entry code, from `dir` (the examples/extensions folder). */
export function readSampleSources(
  dir: string,
  sample: SampleExtension,
): { manifest: ExtensionManifestSource; code: string } {
  // `$schema` points an author's editor at manifest.schema.json; it is not part of the manifest.
  const { $schema: _schema, ...manifest } = JSON.parse(
    readFileSync(resolve(dir, sample, 'manifest.json'), 'utf8'),
  ) as ExtensionManifestSource & { $schema?: string };
  const code = readFileSync(resolve(dir, sample, 'index.js'), 'utf8');
  return { manifest, code };
}

/** What `manifest.schema.json` holds: the manifest's JSON Schema (as written), for editors' completion and hover. */
export const MANIFEST_SCHEMA_FILE = 'manifest.schema.json';
export const manifestSchemaText = (): string =>
  `${JSON.stringify({ $id: 'https://conductor.studio/schemas/extension-manifest.json', ...extensionManifestJsonSchema() }, null, 2)}\n`;

/** Packs a sample from its sources as they are now. */
export function packSample(dir: string, sample: SampleExtension, sha256: Sha256): Promise<PackResult> {
  const { manifest, code } = readSampleSources(dir, sample);
  return packExtension(manifest, code, sha256);
}
