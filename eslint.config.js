import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// src/core is the engine: pure TypeScript that runs unchanged in the conductor worker, the UI and
// Node. It may not reach UI, storage, workers, timers, the ambient clock or randomness — not even
// for types. Clock, storage, random and sandbox are injected.
const coreBans = {
  '@typescript-eslint/no-restricted-imports': [
    'error',
    {
      patterns: [
        { group: ['react', 'react-*', 'react/*', '@xyflow/*', 'zustand', 'zustand/*', 'dexie', 'dexie/*', 'comlink', 'monaco-editor', 'monaco-editor/*'], message: 'src/core is pure TypeScript: inject what it needs instead.', allowTypeImports: false },
        { group: ['**/ui/*', '**/app/*', '**/storage/*', '**/runtime/*', '**/protocol/*', '**/workers/*', '**/examples/*'], message: 'src/core may not depend on the layers built on it.', allowTypeImports: false },
      ],
    },
  ],
  'no-restricted-globals': [
    'error',
    ...['window', 'document', 'localStorage', 'sessionStorage', 'indexedDB', 'navigator', 'setTimeout', 'setInterval', 'clearTimeout', 'clearInterval', 'requestAnimationFrame', 'fetch', 'performance', 'crypto', 'self', 'Worker'].map((name) => ({
      name,
      message: `src/core may not use ${name}: inject it through a port.`,
    })),
  ],
  'no-restricted-properties': [
    'error',
    { object: 'Date', property: 'now', message: 'Use the injected clock.' },
    { object: 'Math', property: 'random', message: 'Use the injected random source.' },
  ],
  'no-restricted-syntax': ['error', { selector: "NewExpression[callee.name='Date']", message: 'Use the injected clock.' }],
};

export default tseslint.config(
  { ignores: ['dist*/**', 'node_modules', 'test-results*/**', 'playwright-report', 'bench/results*', 'eslint.config.js', '**/*.tmp.*'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/only-throw-error': 'off',
      'react-hooks/set-state-in-effect': 'off',
    },
  },
  { files: ['src/core/**/*.ts'], ignores: ['src/core/**/*.test.ts'], rules: coreBans },
  {
    // Tests may poke at loosely typed values (matchers, parsed JSON) and run compiled code.
    files: ['**/*.test.ts', 'e2e/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-unsafe-assignment': 'off', '@typescript-eslint/no-unsafe-member-access': 'off', '@typescript-eslint/no-implied-eval': 'off', '@typescript-eslint/no-unsafe-call': 'off' },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { ...tseslint.configs.disableTypeChecked.languageOptions, globals: globals.node },
  },
);
