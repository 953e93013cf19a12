import { describe, expect, it } from 'vitest';
import { extensionManifestJsonSchema, parseManifest } from './manifest';
import { testManifest } from './testManifest';

const problemsOf = (value: unknown, studioVersion?: string): string[] => {
  const verdict = parseManifest(value, studioVersion === undefined ? {} : { studioVersion });
  return verdict.ok ? [] : verdict.problems;
};

describe('the extension manifest', () => {
  it('accepts a valid manifest and normalises its origins', () => {
    const verdict = parseManifest({
      ...testManifest(),
      capabilities: {
        network: ['HTTP://LocalHost:80/', 'https://api.example.com:443'],
        llm: true,
        secrets: ['OPENAI_KEY'],
      },
    });
    expect(verdict.ok).toBe(true);
    if (verdict.ok)
      expect(verdict.manifest.capabilities.network).toEqual(['http://localhost', 'https://api.example.com']);
  });

  it('names the path of every problem of a malformed manifest', () => {
    const kind = testManifest().provides[0];
    const problems = problemsOf({
      ...testManifest(),
      id: 'Word Tools',
      version: '1.2',
      description: 'x'.repeat(501),
      provides: [
        {
          ...kind,
          badge: 'a badge far too long',
          outputs: [],
          inputs: [
            { name: 'text', type: 'text' },
            { name: 'text', type: 'json' },
          ],
          colour: 'red',
        },
      ],
      entry: { sha256: 'not a hash' },
      name: 5,
      capabilities: { llm: 'yes' },
    });
    const expected = [
      'At id:',
      'At version:',
      'At description: is longer than 500',
      'At provides.0.badge: is longer than 16 characters',
      'At provides.0.outputs: a kind needs at least one output',
      'At provides.0.inputs: port names must be unique',
      'At provides.0.colour: is not a field here',
      'At entry.sha256: must be a SHA-256',
      'At name: must be a string, not a number',
      'At capabilities.llm: must be a boolean, not a string',
    ];
    for (const start of expected)
      expect(
        problems.some((p) => p.startsWith(start)),
        `${start} in ${problems.join(' | ')}`,
      ).toBe(true);
    expect(problems).toHaveLength(expected.length);
  });

  it('names the choices when a value is not one of them', () => {
    const kind = testManifest().provides[0];
    expect(problemsOf({ ...testManifest(), provides: [{ ...kind, inputs: [{ name: 'text', type: 'txt' }] }] })).toEqual(
      ['At provides.0.inputs.0.type: must be one of "text", "json", "table" or "any"'],
    );
  });

  it('says which fields are missing', () => {
    const { author: _author, provides: _provides, ...rest } = testManifest();
    expect(problemsOf(rest)).toEqual([
      'At author: is missing (it must be a string)',
      'At provides: is missing (it must be an array)',
    ]);
  });

  it('refuses an unknown capability, naming it and the ones that exist', () => {
    expect(problemsOf({ ...testManifest(), capabilities: { network: [], filesystem: ['/'], shell: true } })).toEqual([
      'At capabilities.filesystem: unknown capability; an extension may ask for network, llm or secrets',
      'At capabilities.shell: unknown capability; an extension may ask for network, llm or secrets',
    ]);
  });

  it('refuses network entries that are not exactly an http(s) origin', () => {
    const problems = problemsOf({
      ...testManifest(),
      capabilities: {
        network: ['http://127.0.0.1:4610/api', 'ftp://example.com', 'nonsense', 'https://user:pw@example.com'],
      },
    });
    expect(problems).toEqual([
      expect.stringMatching(
        /^At capabilities\.network\.0: .*has a path; write the origin alone, such as http:\/\/127\.0\.0\.1:4610$/,
      ),
      expect.stringMatching(/^At capabilities\.network\.1: .*is not an http\(s\) origin/),
      expect.stringMatching(/^At capabilities\.network\.2: .*is not a URL/),
      expect.stringMatching(/^At capabilities\.network\.3: .*user name or password/),
    ]);
  });

  it('refuses an origin listed twice once normalised', () => {
    expect(problemsOf({ ...testManifest(), capabilities: { network: ['http://a.test', 'HTTP://a.test/'] } })).toEqual([
      'At capabilities.network: lists an origin twice',
    ]);
  });

  it('refuses a kind provided twice, pointing at both', () => {
    const kind = testManifest().provides[0];
    expect(problemsOf({ ...testManifest(), provides: [kind, { ...kind, label: 'Again' }] })).toEqual([
      'At provides.1.kind: “count-words” is provided twice (also at provides.0); give each kind its own name',
    ]);
  });

  it('refuses a manifest that needs a newer studio, with a sentence', () => {
    expect(problemsOf({ ...testManifest(), minStudioVersion: '0.2.0' }, '0.1.9')).toEqual([
      'At minStudioVersion: “Word tools” needs studio 0.2.0 or newer, and this is 0.1.9; update the studio to install it',
    ]);
    expect(problemsOf({ ...testManifest(), minStudioVersion: '0.1.10' }, '0.1.9')).toHaveLength(1);
    expect(problemsOf({ ...testManifest(), minStudioVersion: '0.1.9' }, '0.1.10')).toEqual([]);
  });

  it('checks the settings schema: it must convert, its defaults must fit, docs and required name real fields', () => {
    const kind = testManifest().provides[0];
    const settings = {
      type: 'object',
      properties: {
        n: { type: 'integer', default: 'three' },
        when: { if: { type: 'string' }, then: { minLength: 1 } },
      },
      required: ['n', 'ghost'],
    };
    const problems = problemsOf({ ...testManifest(), provides: [{ ...kind, settings, docs: { nope: 'hover' } }] });
    expect(problems).toEqual([
      'At provides.0.settings.required.1: names “ghost”, which is not one of its properties',
      expect.stringMatching(
        /^At provides\.0\.settings: is not a JSON Schema the studio can check settings with \(Conditional schemas/,
      ),
      'At provides.0.docs.nope: documents “nope”, which is not one of its settings',
    ]);
    const badDefault = problemsOf({
      ...testManifest(),
      provides: [{ ...kind, settings: { type: 'object', properties: { n: { type: 'integer', default: 'three' } } } }],
    }).filter((p) => !p.includes('docs'));
    expect(badDefault).toEqual([
      expect.stringMatching(/^At provides\.0\.settings\.properties\.n\.default: does not fit its own schema/),
    ]);
    expect(
      problemsOf({ ...testManifest(), provides: [{ ...kind, settings: { type: 'array', properties: {} } }] }),
    ).toEqual([expect.stringMatching(/^At provides\.0\.settings\.type: must be "object"/)]);
    expect(
      problemsOf({
        ...testManifest(),
        provides: [{ ...kind, settings: { type: 'object', properties: { n: 'integer' } } }],
      }),
    ).toEqual(['At provides.0.settings.properties.n: must be a JSON Schema object such as { "type": "string" }']);
  });

  it('gives the editor a JSON Schema of the manifest as written', () => {
    const schema = extensionManifestJsonSchema() as {
      properties: Record<string, { description?: string }>;
      required: string[];
      additionalProperties: boolean;
    };
    expect(schema.required).toEqual(
      expect.arrayContaining(['id', 'name', 'version', 'provides', 'capabilities', 'entry']),
    );
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys((schema.properties.capabilities as { properties: object }).properties)).toEqual([
      'network',
      'llm',
      'secrets',
    ]);
    expect(schema.properties.badge).toBeUndefined();
    expect(schema.properties.minStudioVersion?.description).toMatch(/oldest studio/);
  });
});
