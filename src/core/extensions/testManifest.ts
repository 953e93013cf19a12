import type { ExtensionManifestSource } from './manifest';

/** A valid manifest source for tests to start from and break one field at a time. */
export function testManifestSource(): ExtensionManifestSource {
  return {
    id: 'word-tools',
    name: 'Word tools',
    version: '1.2.3',
    description: 'Counts words.',
    author: 'A. Tester',
    minStudioVersion: '0.1.0',
    provides: [
      {
        kind: 'count-words',
        label: 'Count words',
        description: 'Counts the words of its input.',
        badge: 'WC',
        inputs: [{ name: 'text', type: 'text' }],
        outputs: [{ name: 'count', type: 'json' }],
        settings: {
          type: 'object',
          properties: {
            minLength: { type: 'integer', minimum: 1, default: 1 },
            caseSensitive: { type: 'boolean', default: false },
          },
          additionalProperties: false,
        },
        docs: { minLength: 'Shorter words are not counted.' },
      },
    ],
    capabilities: {},
  };
}

/** The same manifest with an entry hash, as it appears inside a packed file. */
export function testManifest(): ExtensionManifestSource & { entry: { sha256: string } } {
  return { ...testManifestSource(), entry: { sha256: 'a'.repeat(64) } };
}
