import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../runtime/sha256';
import { canonicalJson } from '../events/canonicalJson';
import { MAX_EXTENSION_CODE_CHARS, packExtension, parseExtensionPackage } from './extensionPackage';
import { testManifestSource } from './testManifest';

const code =
  "exports.kinds = { 'count-words': async (ctx) => ctx.emit('count', ctx.inputs.text.split(/\\s+/).length) };\n";

async function packed(manifest = testManifestSource(), source = code): Promise<Record<string, unknown>> {
  const result = await packExtension(manifest, source, sha256);
  if (!result.ok) throw new Error(result.problems.join('; '));
  return JSON.parse(result.text) as Record<string, unknown>;
}

const problemsOf = async (file: unknown, studioVersion?: string): Promise<string[]> => {
  const verdict = await parseExtensionPackage(
    typeof file === 'string' ? file : JSON.stringify(file),
    sha256,
    studioVersion === undefined ? {} : { studioVersion },
  );
  return verdict.ok ? [] : verdict.problems;
};

describe('the extension file', () => {
  it('packs a manifest and its code into a file that parses back, identified by the manifest hash', async () => {
    const result = await packExtension(testManifestSource(), code, sha256);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.text.endsWith('}\n')).toBe(true);
    const file = JSON.parse(result.text) as {
      format: string;
      formatVersion: number;
      manifest: { entry: { sha256: string } };
      code: string;
    };
    expect(file.format).toBe('conductor-extension');
    expect(file.formatVersion).toBe(1);
    expect(file.manifest.entry.sha256).toBe(await sha256(code));
    expect(file.code).toBe(code);
    const verdict = await parseExtensionPackage(result.text, sha256);
    expect(verdict).toEqual({
      ok: true,
      pkg: { manifest: result.pkg.manifest, code, hash: await sha256(canonicalJson(result.pkg.manifest)) },
    });
  });

  it('gives a different hash when only the code changes', async () => {
    const a = await packExtension(testManifestSource(), code, sha256);
    const b = await packExtension(testManifestSource(), `${code}// changed\n`, sha256);
    expect(a.ok && b.ok && a.pkg.hash !== b.pkg.hash).toBe(true);
  });

  it('refuses text that is not JSON, or JSON that is not an extension', async () => {
    expect(await problemsOf('{"format": ')).toEqual([
      expect.stringMatching(
        /^At \(top level\): the file is not JSON \(.+\); choose a \.conductor-extension\.json file$/,
      ),
    ]);
    expect(await problemsOf([1, 2])).toEqual([
      'At (top level): the file holds a list, not an extension; choose a .conductor-extension.json file',
    ]);
    expect(await problemsOf({ ...(await packed()), format: 'conductor-project' })).toEqual([
      'At format: is “conductor-project”, so this is not a Conductor extension (an extension file says "conductor-extension")',
    ]);
    const { format: _format, ...noFormat } = await packed();
    expect(await problemsOf(noFormat)).toEqual([
      expect.stringMatching(/^At format: is missing, so this is not a Conductor extension/),
    ]);
  });

  it('refuses a file made by a newer studio', async () => {
    expect(await problemsOf({ ...(await packed()), formatVersion: 2 })).toEqual([
      'At formatVersion: is 2: the file was made by a newer studio (this one reads version 1); update the studio to install it',
    ]);
    expect(await problemsOf({ ...(await packed()), formatVersion: 0.5 })).toEqual([
      'At formatVersion: must be a whole number from 1 (this file has 0.5)',
    ]);
  });

  it('refuses a manifest that needs a newer studio', async () => {
    // Packing checks too: it never writes a file this studio would refuse.
    expect((await packExtension({ ...testManifestSource(), minStudioVersion: '9.0.0' }, code, sha256)).ok).toBe(false);
    const result = await packExtension({ ...testManifestSource(), minStudioVersion: '9.0.0' }, code, sha256, {
      studioVersion: '9.0.0',
    });
    expect(result.ok).toBe(true);
    if (result.ok)
      expect(await problemsOf(result.text)).toEqual([
        'At manifest.minStudioVersion: “Word tools” needs studio 9.0.0 or newer, and this is 0.1.0; update the studio to install it',
      ]);
  });

  it('refuses a malformed manifest with the path of each problem under manifest', async () => {
    const file = await packed();
    const manifest = file.manifest as Record<string, unknown>;
    expect(
      await problemsOf({ ...file, manifest: { ...manifest, version: 'one', capabilities: { filesystem: true } } }),
    ).toEqual([
      'At manifest.version: must be a version x.y.z, such as 1.0.0',
      'At manifest.capabilities.filesystem: unknown capability; an extension may ask for network, llm or secrets',
    ]);
    const { manifest: _m, ...noManifest } = file;
    expect(await problemsOf(noManifest)).toEqual(['At manifest: is missing (it must be an object)']);
  });

  it('refuses duplicate kinds within the manifest', async () => {
    const source = testManifestSource();
    const kind = source.provides[0];
    if (kind === undefined) throw new Error('the test manifest provides a kind');
    const result = await packExtension({ ...source, provides: [kind, kind] }, code, sha256);
    expect(result).toEqual({
      ok: false,
      problems: [
        'At manifest.provides.1.kind: “count-words” is provided twice (also at provides.0); give each kind its own name',
      ],
    });
  });

  it('refuses code whose hash is not the one its manifest names', async () => {
    const file = await packed();
    const claimed = (file.manifest as { entry: { sha256: string } }).entry.sha256;
    const changed = `${code}fetch('https://evil.example');\n`;
    expect(await problemsOf({ ...file, code: changed })).toEqual([
      `At code: the code's sha256 is ${await sha256(changed)} but the manifest says ${claimed}: the file was changed after it was packed; pack it again or get a fresh copy`,
    ]);
  });

  it('refuses code that is too large, not text, or missing, and fields a file does not have', async () => {
    const big = 'x'.repeat(MAX_EXTENSION_CODE_CHARS + 1);
    expect(await problemsOf({ ...(await packed()), code: big })).toEqual([
      'At code: is 500,001 characters; the limit is 500,000',
    ]);
    expect(await problemsOf({ ...(await packed()), code: 42, signature: 'x' })).toEqual([
      'At signature: is not a field of an extension file; remove it',
      'At code: must be the JavaScript text of the extension, not 42',
    ]);
    const { code: _code, ...noCode } = await packed();
    expect(await problemsOf(noCode)).toEqual(['At code: is missing (it must be the JavaScript text of the extension)']);
  });

  it('never throws, whatever the file holds: it answers with problems', async () => {
    const base = await packed();
    const anyFile = fc.oneof(
      fc.string(),
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc
        .record({ manifest: fc.jsonValue(), code: fc.oneof(fc.string(), fc.jsonValue()) })
        .map((over) => JSON.stringify({ ...base, ...over })),
      fc
        .dictionary(
          fc.constantFrom('id', 'name', 'provides', 'capabilities', 'entry', 'version', '__proto__'),
          fc.jsonValue(),
        )
        .map((over) => JSON.stringify({ ...base, manifest: { ...(base.manifest as object), ...over } })),
    );
    await fc.assert(
      fc.asyncProperty(anyFile, async (text) => {
        const verdict = await parseExtensionPackage(text, sha256);
        expect(verdict.ok || verdict.problems.length > 0).toBe(true);
        if (!verdict.ok)
          for (const problem of verdict.problems)
            expect(problem).toMatch(
              /^At (\(top level\)|(?:[\w$-]+|"(?:[^"\\]|\\.)*")(?:\.(?:[\w$-]+|"(?:[^"\\]|\\.)*"))*): \S/,
            );
      }),
      { numRuns: 300 },
    );
  });
});
