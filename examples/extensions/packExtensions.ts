/**
 * Packs every sample extension into its installable file: `npm run pack-extensions` (from the
 * repository's root). Run it after changing a sample's manifest.json or index.js, and commit the
 * packed files with the sources; a unit test fails while the two disagree.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  MANIFEST_SCHEMA_FILE,
  manifestSchemaText,
  packedFileName,
  packSample,
  SAMPLE_EXTENSIONS,
} from './sampleExtensions';

const sha256 = (text: string): Promise<string> =>
  Promise.resolve(createHash('sha256').update(text, 'utf8').digest('hex'));

async function main(): Promise<void> {
  const dir = resolve('examples/extensions');
  let failed = false;
  for (const sample of SAMPLE_EXTENSIONS) {
    const packed = await packSample(dir, sample, sha256);
    if (!packed.ok) {
      console.error(`${sample} was not packed:\n  ${packed.problems.join('\n  ')}`);
      failed = true;
      continue;
    }
    const path = resolve(dir, packedFileName(sample));
    writeFileSync(path, packed.text);
    console.log(
      `wrote ${path} (${packed.pkg.manifest.name} ${packed.pkg.manifest.version}, manifest hash ${packed.pkg.hash.slice(0, 12)}…)`,
    );
  }
  writeFileSync(resolve(dir, MANIFEST_SCHEMA_FILE), manifestSchemaText());
  console.log(`wrote ${resolve(dir, MANIFEST_SCHEMA_FILE)}`);
  if (failed) process.exitCode = 1;
}

void main();
