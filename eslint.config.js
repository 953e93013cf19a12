import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// src/core is the engine: pure TypeScript that runs unchanged in the conductor worker, the UI and
// Node. It may not reach UI, storage, workers, timers, the ambient clock or randomness — not even
// for types. Clock, storage, random and sandbox are injected. The bans cover the ways around the
// obvious names too: `globalThis.setTimeout`, `Reflect.get(globalThis, 'fetch')` and
// `Function('return this')()` all start from a banned global, and Node's modules from a banned import.
// lint/lintProbes.test.ts proves each form is reported. (Import cycles: lint/importCycles.mjs.)
const nodeModules = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];

/** Globals src/core may not touch, grouped by why. */
const coreBannedGlobals = {
  'is the host: reach it through a port': [
    'globalThis',
    'global',
    'window',
    'self',
    'frames',
    'parent',
    'top',
    'opener',
    'document',
    'navigator',
    'location',
    'process',
    'require',
    'importScripts',
  ],
  'is an ambient timer: schedule through the injected clock': [
    'setTimeout',
    'setInterval',
    'clearTimeout',
    'clearInterval',
    'setImmediate',
    'clearImmediate',
    'queueMicrotask',
    'requestAnimationFrame',
    'cancelAnimationFrame',
    'requestIdleCallback',
    'cancelIdleCallback',
    'scheduler',
  ],
  'is the ambient clock or locale: use the injected clock, and format times outside the core': [
    'Date',
    'performance',
    'Intl',
  ],
  'is ambient randomness or crypto: use the injected random source or hasher': ['crypto'],
  'is network: the conductor calls models through its ports': [
    'fetch',
    'XMLHttpRequest',
    'WebSocket',
    'WebTransport',
    'EventSource',
    'RTCPeerConnection',
  ],
  'is storage: use the injected event log and artifact store': [
    'localStorage',
    'sessionStorage',
    'indexedDB',
    'caches',
  ],
  'is a worker or a message channel: the hosts in workers/ and src/runtime own those': [
    'Worker',
    'SharedWorker',
    'BroadcastChannel',
    'MessageChannel',
    'MessagePort',
    'postMessage',
  ],
  'shares memory with other threads (Atomics.wait is a timer too)': ['Atomics', 'SharedArrayBuffer'],
  'depends on the garbage collector, so replays could differ': ['WeakRef', 'FinalizationRegistry'],
  'runs code from text': ['eval', 'Function'],
  'is a host API, not JavaScript: copy plain data explicitly': ['structuredClone'],
};

const coreBans = {
  '@typescript-eslint/no-restricted-imports': [
    'error',
    {
      patterns: [
        {
          group: [
            'react',
            'react-*',
            'react/*',
            '@xyflow/*',
            'zustand',
            'zustand/*',
            'dexie',
            'dexie/*',
            'comlink',
            'monaco-editor',
            'monaco-editor/*',
          ],
          message: 'src/core is pure TypeScript: inject what it needs instead.',
          allowTypeImports: false,
        },
        {
          group: [
            '**/ui/*',
            '**/app/*',
            '**/storage/*',
            '**/runtime/*',
            '**/protocol/*',
            '**/workers/*',
            '**/examples/*',
          ],
          message: 'src/core may not depend on the layers built on it.',
          allowTypeImports: false,
        },
      ],
      // Exact names: a pattern would also match our own folders that share a module's name (events/).
      paths: nodeModules.map((name) => ({
        name,
        message:
          "src/core runs in browsers too: Node's modules are not there (and their timers, clock and crypto are ambient).",
        allowTypeImports: false,
      })),
    },
  ],
  'no-restricted-globals': [
    'error',
    ...Object.entries(coreBannedGlobals).flatMap(([why, names]) =>
      names.map((name) => ({ name, message: `src/core may not use ${name}: it ${why}.` })),
    ),
  ],
  'no-restricted-properties': [
    'error',
    { object: 'Math', property: 'random', message: 'Use the injected random source.' },
  ],
  'no-restricted-syntax': [
    'error',
    {
      selector: 'ImportExpression',
      message: 'src/core may not import at run time: a dynamic import escapes the layering rules.',
    },
    {
      selector: 'MetaProperty[meta.name="import"]',
      message: 'src/core may not read import.meta: it belongs to the host and the bundler.',
    },
    {
      selector: 'CallExpression[callee.property.name="constructor"], NewExpression[callee.property.name="constructor"]',
      message:
        'src/core may not call a constructor found on a value: that is how Function is reached without its name.',
    },
    {
      selector: 'CallExpression[callee.property.name=/^toLocale/][arguments.length=0]',
      message:
        'Name the locale (toLocaleString("en")): the ambient one differs between machines, and replays must agree.',
    },
    {
      selector: 'CallExpression[callee.property.name="localeCompare"][arguments.length<2]',
      message:
        'Name the locale (a.localeCompare(b, "en")) or compare code points: the ambient locale differs between machines.',
    },
  ],
};

export default tseslint.config(
  {
    ignores: [
      'dist*/**',
      'runner/dist/**',
      '.runner/**',
      'node_modules',
      'test-results*/**',
      'playwright-report',
      'bench/results*',
      'eslint.config.js',
      '**/*.tmp.*',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/only-throw-error': 'off',
      'react-hooks/set-state-in-effect': 'off',
    },
  },
  // Tests and the fixture generator (a Node script run by `npm run fixtures`) are not the engine.
  {
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/**/*.test.ts', 'src/core/**/fixtures/generate*.ts'],
    rules: coreBans,
  },
  {
    // The UI reaches what is stored through the session (src/app), never the database itself, so
    // every read and write keeps one path (and one place to validate and to report failures).
    files: ['src/ui/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/storage', '**/storage/*', 'dexie', 'dexie/*'],
              message: 'src/ui goes through the session (src/app) to reach storage.',
              allowTypeImports: false,
            },
          ],
        },
      ],
    },
  },
  {
    // Tests may poke at loosely typed values (matchers, parsed JSON) and run compiled code.
    files: ['**/*.test.ts', 'e2e/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-implied-eval': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { ...tseslint.configs.disableTypeChecked.languageOptions, globals: globals.node },
  },
);
