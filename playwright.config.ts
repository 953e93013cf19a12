import { defineConfig } from '@playwright/test';
import { chromiumArgs, chromiumPath } from './e2e/support/chromium.mjs';

// Overridable so several people (or agents) can build and test side by side on one machine.
const port = Number(process.env.STUDIO_E2E_PORT ?? 4173);
const outDir = process.env.STUDIO_DIST ?? 'dist';
const llmPort = Number(process.env.STUDIO_LLM_PORT ?? 4599);

export default defineConfig({
  testDir: './e2e',
  outputDir: process.env.STUDIO_TEST_RESULTS ?? 'test-results',
  testMatch: '**/*.spec.ts',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: 'chromium',
    launchOptions: { executablePath: chromiumPath() as string, args: chromiumArgs },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    viewport: { width: 1440, height: 900 },
  },
  // The production build, as people get it; and a local OpenAI-compatible server standing in for
  // LLM providers (it streams SSE like the real API and can be told to fail, stall or rate-limit).
  webServer: [
    {
      command: `npx vite preview --port ${port} --strictPort --host 127.0.0.1 --outDir ${outDir}`,
      url: `http://127.0.0.1:${port}`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
    {
      command: `node e2e/support/llmServer.mjs --port ${llmPort}`,
      url: `http://127.0.0.1:${llmPort}/v1/models`,
      reuseExistingServer: !process.env.CI,
      timeout: 30_000,
    },
  ],
});
