import { defineConfig } from 'vitest/config';

// The runner's tests: Node only, some start a real restate-server and runner processes, so they
// run on their own (`npm run test:runner`) and keep `npm run test:unit` fast.
export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['runner/test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    globalSetup: ['runner/test/globalSetup.ts'],
  },
});
