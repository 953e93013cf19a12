import { tmpdir } from 'node:os';
import { defineConfig } from '@playwright/test';
import { chromiumArgs, chromiumPath } from './e2e/support/chromium.mjs';

// Overridable so several people (or agents) can build and test side by side on one machine.
const port = Number(process.env.STUDIO_E2E_PORT ?? 4173);
const outDir = process.env.STUDIO_DIST ?? 'dist';
const llmPort = Number(process.env.STUDIO_LLM_PORT ?? 4599);
// Anthropic, Gemini and Ollama stand-ins share one port (their paths differ); 100 above the LLM port
// by default, clear of the other ports parallel runs are given.
export const providersPort = Number(process.env.STUDIO_PROVIDERS_PORT ?? llmPort + 100);
// The runner (runner/): a real restate-server and two runner processes on loopback, away from
// Restate's default ports. e2e/runner.spec.ts reads the processes' ids from its data dir.
const runnerBase = Number(process.env.STUDIO_RUNNER_PORT_BASE ?? 18_080);
export const runnerApiPort = runnerBase + 10;
export const runnerDir = `${tmpdir()}/studio-e2e-runner-${runnerApiPort}`;

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
    {
      command: `node e2e/support/providerServers.mjs --port ${providersPort}`,
      url: `http://127.0.0.1:${providersPort}/__requests`,
      reuseExistingServer: !process.env.CI,
      timeout: 30_000,
    },
    // STUDIO_NO_RUNNER=1 leaves the runner out, for a local run of specs that do not need it.
    ...(process.env.STUDIO_NO_RUNNER
      ? []
      : [
          {
            command: 'npm run runner --silent',
            url: `http://127.0.0.1:${runnerApiPort}/v1/runner`,
            reuseExistingServer: !process.env.CI,
            timeout: 120_000,
            env: {
              RUNNER_DIR: runnerDir,
              RUNNER_PROCESSES: '2',
              RESTATE_INGRESS_PORT: String(runnerBase),
              RESTATE_ADMIN_PORT: String(runnerBase + 1),
              RESTATE_NODE_PORT: String(runnerBase + 2),
              RUNNER_BALANCER_PORT: String(runnerBase + 3),
              RUNNER_WORKER_PORT: String(runnerBase + 4),
              RUNNER_API_PORT: String(runnerApiPort),
              RUNNER_PUBLIC_PORT: String(runnerApiPort + 1),
              RUNNER_ALLOWED_ORIGINS: `http://127.0.0.1:${port}`,
            },
          },
        ]),
  ],
});
