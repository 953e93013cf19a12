import { defineConfig } from '@playwright/test';

/**
 * Runs e2e/sandbox.spec.ts on its own (it starts its own Vite server and launches Debian's
 * Chromium itself): npx playwright test -c e2e/sandbox.config.ts
 */
export default defineConfig({
  testDir: '.',
  testMatch: 'sandbox.spec.ts',
  workers: 1,
  timeout: 60_000,
  reporter: 'list',
  forbidOnly: true,
});
