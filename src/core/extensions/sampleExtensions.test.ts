import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../runtime/sha256';
import {
  MANIFEST_SCHEMA_FILE,
  manifestSchemaText,
  packedFileName,
  packSample,
  SAMPLE_EXTENSIONS,
} from '../../../examples/extensions/sampleExtensions';
import { describeCapabilities } from './capabilities';
import { parseExtensionPackage } from './extensionPackage';
import { STUDIO_VERSION } from './studioVersion';

const root = resolve(import.meta.dirname, '../../..');
const samplesDir = resolve(root, 'examples/extensions');

describe('the sample extensions', () => {
  it.each(SAMPLE_EXTENSIONS)('%s: the packed file is what packing its sources gives now', async (sample) => {
    const packed = await packSample(samplesDir, sample, sha256);
    if (!packed.ok) throw new Error(packed.problems.join('; '));
    const committed = readFileSync(resolve(samplesDir, packedFileName(sample)), 'utf8');
    expect(committed, 'run `npm run pack-extensions` and commit the packed file with its sources').toBe(packed.text);
  });

  it.each(SAMPLE_EXTENSIONS)('%s: the packed file installs', async (sample) => {
    const verdict = await parseExtensionPackage(
      readFileSync(resolve(samplesDir, packedFileName(sample)), 'utf8'),
      sha256,
    );
    expect(verdict.ok ? [] : verdict.problems).toEqual([]);
    if (verdict.ok) expect(verdict.pkg.manifest.id).toBe(sample);
  });

  it('manifest.schema.json is the manifest schema as it is now, and the sources point their editors at it', () => {
    expect(readFileSync(resolve(samplesDir, MANIFEST_SCHEMA_FILE), 'utf8'), 'run `npm run pack-extensions`').toBe(
      manifestSchemaText(),
    );
    for (const sample of SAMPLE_EXTENSIONS)
      expect(JSON.parse(readFileSync(resolve(samplesDir, sample, 'manifest.json'), 'utf8'))).toMatchObject({
        $schema: `../${MANIFEST_SCHEMA_FILE}`,
      });
  });

  it('ask for what their READMEs say: CSV tools nothing, HTTP request one local origin', async () => {
    const capsOf = async (sample: (typeof SAMPLE_EXTENSIONS)[number]) => {
      const verdict = await parseExtensionPackage(
        readFileSync(resolve(samplesDir, packedFileName(sample)), 'utf8'),
        sha256,
      );
      if (!verdict.ok) throw new Error(verdict.problems.join('; '));
      return describeCapabilities(verdict.pkg.manifest.capabilities);
    };
    expect(await capsOf('csv-tools')).toEqual(['Nothing: it runs with no network, no LLM and no keys']);
    expect(await capsOf('http-request')).toEqual(['Reach http://127.0.0.1:4610 over the network']);
  });
});

describe('STUDIO_VERSION', () => {
  it("is package.json's version", () => {
    const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { version: string };
    expect(STUDIO_VERSION).toBe(pkg.version);
  });
});
