import { defineConfig } from '@playwright/test';

/**
 * Runs e2e/sandbox.spec.ts, e2e/sandboxCalls.spec.ts and e2e/agentConformance.spec.ts on their own (each starts its own Vite
 * server and launches Debian's Chromium itself): npx playwright test -c e2e/sandbox.config.ts
 */
export default defineConfig({
  testDir: '.',
  testMatch: ['sandbox.spec.ts', 'sandboxCalls.spec.ts', 'agentConformance.spec.ts'],
  workers: 1,
  timeout: 60_000,
  reporter: 'list',
  forbidOnly: true,
});
