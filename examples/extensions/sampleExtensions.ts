/**
 * The sample extensions shipped in the repository, read from their sources (manifest.json
 * without its entry hash, and index.js) and packed into the file people install. Shared by
 * `npm run pack-extensions` and the test that keeps the packed files in step with the sources.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Sha256 } from '../../src/core/events/hashChain';
import { packExtension, type PackResult } from '../../src/core/extensions/extensionPackage';
import type { ExtensionManifestSource } from '../../src/core/extensions/manifest';

export const SAMPLE_EXTENSIONS = ['csv-tools', 'http-request'] as const;
export type SampleExtension = (typeof SAMPLE_EXTENSIONS)[number];

/** Where a sample's packed file lives, beside its source folder. */
export function packedFileName(sample: SampleExtension): string {
  return `${sample}.conductor-extension.json`;
}

/** The sample's manifest source and entry code, from `dir` (the examples/extensions folder). */
export function readSampleSources(dir: string, sample: SampleExtension): { manifest: ExtensionManifestSource; code: string } {
  const manifest = JSON.parse(readFileSync(resolve(dir, sample, 'manifest.json'), 'utf8')) as ExtensionManifestSource;
  const code = readFileSync(resolve(dir, sample, 'index.js'), 'utf8');
  return { manifest, code };
}

/** Packs a sample from its sources as they are now. */
export function packSample(dir: string, sample: SampleExtension, sha256: Sha256): Promise<PackResult> {
  const { manifest, code } = readSampleSources(dir, sample);
  return packExtension(manifest, code, sha256);
}
