import { defineConfig } from 'vitest/config';

// Unit tests run in Node: the core needs no browser. Browser behaviour is tested by Playwright in e2e/.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'workers/**/*.test.ts', 'lint/**/*.test.ts'],
    environment: 'node',
  },
});
