import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { fileURLToPath } from 'node:url';

// The repository's own eslint.config.js, linting small texts as if they were files at the given
// paths. Type-aware rules are switched off here (they would build a TypeScript program for every
// probe and none of the bans below needs types); every other rule is the real config's.
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const eslint = new ESLint({ cwd: repoRoot, overrideConfig: [tseslint.configs.disableTypeChecked] });

async function rulesReported(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  const fatal = result?.messages.find((message) => message.fatal);
  if (fatal) throw new Error(`The probe does not parse: ${fatal.message}`);
  return (result?.messages ?? []).map((message) => message.ruleId ?? 'none');
}

const CORE = 'src/core/__probe__.ts';

/** Each of these reaches a timer, the clock, randomness, crypto, the network, storage, a worker or the host from src/core. */
const coreProbes: [string, string, string][] = [
  ['globalThis.setTimeout', 'globalThis.setTimeout(() => 1, 5);', 'no-restricted-globals'],
  ['globalThis.Date', 'export const now = globalThis.Date.now();', 'no-restricted-globals'],
  ['globalThis.crypto', 'export const id = globalThis.crypto.randomUUID();', 'no-restricted-globals'],
  ['globalThis.fetch', "void globalThis.fetch('/x');", 'no-restricted-globals'],
  ['bare globalThis', 'export const host = globalThis;', 'no-restricted-globals'],
  [
    'Reflect.get(globalThis, …)',
    "export const timer = Reflect.get(globalThis, 'setTimeout') as unknown;",
    'no-restricted-globals',
  ],
  ['self.setTimeout', 'self.setTimeout(() => 1, 5);', 'no-restricted-globals'],
  ['window.fetch', "void window.fetch('/x');", 'no-restricted-globals'],
  ['setTimeout', 'setTimeout(() => 1, 5);', 'no-restricted-globals'],
  ['queueMicrotask', 'queueMicrotask(() => undefined);', 'no-restricted-globals'],
  ['setImmediate', 'setImmediate(() => undefined);', 'no-restricted-globals'],
  ['structuredClone', 'export const copy = structuredClone({ a: 1 });', 'no-restricted-globals'],
  ['Date.now()', 'export const now = Date.now();', 'no-restricted-globals'],
  ['new Date()', 'export const now = new Date();', 'no-restricted-globals'],
  ['performance.now()', 'export const now = performance.now();', 'no-restricted-globals'],
  [
    'Intl.DateTimeFormat().resolvedOptions()',
    'export const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;',
    'no-restricted-globals',
  ],
  ['Math.random()', 'export const roll = Math.random();', 'no-restricted-properties'],
  [
    'crypto.getRandomValues',
    'export const bytes = crypto.getRandomValues(new Uint8Array(4));',
    'no-restricted-globals',
  ],
  ['fetch', "void fetch('/x');", 'no-restricted-globals'],
  ['XMLHttpRequest', 'export const request = new XMLHttpRequest();', 'no-restricted-globals'],
  ['WebSocket', "export const socket = new WebSocket('ws://x');", 'no-restricted-globals'],
  ['localStorage', "export const saved = localStorage.getItem('x');", 'no-restricted-globals'],
  ['indexedDB', "export const request = indexedDB.open('x');", 'no-restricted-globals'],
  ['Worker', "export const worker = new Worker('x.js');", 'no-restricted-globals'],
  ['BroadcastChannel', "export const channel = new BroadcastChannel('x');", 'no-restricted-globals'],
  ['MessageChannel', 'export const channel = new MessageChannel();', 'no-restricted-globals'],
  ['postMessage', "postMessage('x');", 'no-restricted-globals'],
  ['Atomics.wait', 'Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);', 'no-restricted-globals'],
  ['process.hrtime', 'export const t = process.hrtime.bigint();', 'no-restricted-globals'],
  ['WeakRef', 'export const ref = new WeakRef({});', 'no-restricted-globals'],
  ['indirect eval', "export const host: unknown = (0, eval)('this');", 'no-restricted-globals'],
  ['Function constructor', "export const host: unknown = Function('return this')();", 'no-restricted-globals'],
  [
    'a constructor found on a value',
    "export const run: unknown = (async () => undefined).constructor('return 1');",
    'no-restricted-syntax',
  ],
  ['dynamic import', "export const later = import('./other');", 'no-restricted-syntax'],
  ['import.meta', 'export const where = import.meta.url;', 'no-restricted-syntax'],
  ['toLocaleString() with the ambient locale', 'export const text = (1234).toLocaleString();', 'no-restricted-syntax'],
  ['localeCompare with the ambient locale', "export const order = 'a'.localeCompare('b');", 'no-restricted-syntax'],
  [
    "Node's timers",
    "import { setTimeout as wait } from 'node:timers/promises';\nexport const later = wait(5);",
    '@typescript-eslint/no-restricted-imports',
  ],
  [
    "Node's crypto, unprefixed",
    "import { randomUUID } from 'crypto';\nexport const id = randomUUID();",
    '@typescript-eslint/no-restricted-imports',
  ],
  [
    'storage, even for a type',
    "import type { StudioDb } from '../storage/studioDb';\nexport type Db = StudioDb;",
    '@typescript-eslint/no-restricted-imports',
  ],
  [
    'React',
    "import { useState } from 'react';\nexport const hook = useState;",
    '@typescript-eslint/no-restricted-imports',
  ],
];

describe('core lint bans', () => {
  it.each(coreProbes)('refuses %s in src/core', async (_label, code, rule) => {
    expect(await rulesReported(code, CORE)).toContain(rule);
  });

  it('accepts pure code that uses only the language, named locales and its own modules', async () => {
    const code = [
      "import { z } from 'zod';",
      "import type { StoredEvent } from '../events/storedEvent';",
      "import { canonicalJson } from '../events/canonicalJson';",
      'export const countSchema = z.number().int();',
      'export function describe(events: readonly StoredEvent[], clock: { now(): number }): string {',
      "  const names = [...new Set(events.map((event) => event.type))].sort((a, b) => a.localeCompare(b, 'en'));",
      "  return `${events.length.toLocaleString('en')} events at ${clock.now()}: ${names.join(', ')} ${canonicalJson({ n: Math.max(1, 2) })}`;",
      '}',
    ].join('\n');
    expect(await rulesReported(code, CORE)).toEqual([]);
  });

  it('applies only to src/core: a timer in the UI is fine', async () => {
    expect(
      await rulesReported('export const id = setTimeout(() => globalThis.fetch, 5);', 'src/ui/__probe__.ts'),
    ).toEqual([]);
  });

  it('does not apply to the core’s tests', async () => {
    expect(await rulesReported('export const now = Date.now() + Math.random();', 'src/core/__probe__.test.ts')).toEqual(
      [],
    );
  });
});

describe('the UI reaches storage through the session', () => {
  it.each([
    ['a value import', "import { studioDb } from '../../storage/studioDb';\nexport const db = studioDb;"],
    ['a type import', "import type { ProjectRecord } from '../../storage/studioDb';\nexport type Row = ProjectRecord;"],
    ['Dexie itself', "import { liveQuery } from 'dexie';\nexport const query = liveQuery;"],
  ])('refuses %s of storage in src/ui', async (_label, code) => {
    expect(await rulesReported(code, 'src/ui/share/__probe__.ts')).toContain(
      '@typescript-eslint/no-restricted-imports',
    );
  });

  it('lets src/app import storage', async () => {
    expect(
      await rulesReported(
        "import { studioDb } from '../storage/studioDb';\nexport const db = studioDb;",
        'src/app/__probe__.ts',
      ),
    ).toEqual([]);
  });
});
