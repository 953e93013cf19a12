import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import {
  comparable,
  conformanceTask,
  exampleCases,
  HAND_MADE_CASES,
  type Comparable,
  type ConformanceCase,
} from '../src/runtime/quickjs/conformanceCases';
import { startSandboxHarness, type SandboxHarnessServer } from './support/sandboxHarnessServer';
import { chromiumArgs, chromiumPath } from './support/chromium.mjs';

/**
 * The agent conformance suite, browser side: the same cases as src/runtime/quickjs/conformance.test.ts
 * (the headless CLI's and the runner's QuickJS hosts), run in real Chromium workers through the real
 * SandboxPool (e2e/harness/sandbox.html), each compiled once in Node by the studio's compiler and
 * sent as is. Every result must equal the one kept in the shared cases and conformanceExpected.json:
 * the same emitted values, the same log, the same sentence and class on failure.
 */

test.use({ browserName: 'chromium', launchOptions: { executablePath: chromiumPath() as string, args: chromiumArgs } });

const expectedExamples = JSON.parse(
  readFileSync(new URL('../src/runtime/quickjs/conformanceExpected.json', import.meta.url), 'utf8'),
) as Record<string, Comparable>;
const cases: Array<{ c: ConformanceCase; expected: Comparable | undefined }> = [
  ...HAND_MADE_CASES.map((c) => ({ c, expected: c.expected })),
  ...exampleCases().map((c) => ({ c, expected: expectedExamples[c.name] })),
];

let server: SandboxHarnessServer | undefined;

test.beforeAll(async () => {
  server = await startSandboxHarness();
});

test.afterAll(async () => {
  await server?.close();
});

test('the browser sandbox runs every conformance case exactly as the QuickJS hosts do', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto(`${server?.baseUrl ?? ''}/e2e/harness/sandbox.html`);
  await expect(page.locator('#status')).toHaveText('ready');
  expect(cases.length).toBeGreaterThan(40);
  for (const { c, expected } of cases) {
    const task = conformanceTask(c);
    const result = await page.evaluate(([code, inputs, opts]) => window.runAgent(code, inputs, opts), [
      task.code,
      task.inputs,
      {
        raw: true,
        agentId: task.agentId,
        outputPorts: task.outputPorts,
        seed: task.seed,
        now: task.now,
        deadlineMs: task.deadlineMs,
        ...(task.settings ? { settings: task.settings } : {}),
        ...(c.withHost ? { host: { answer: 'echo' as const } } : {}),
      },
    ] as const);
    expect(comparable(result), c.name).toEqual(expected);
  }
});
