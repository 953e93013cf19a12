import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProjectTemplate } from '../protocol/conductorApi';
import { oneOffSigner } from '../share/fixtures/oneOffSigner';
import { keyFingerprint } from '../share/signature';
import { buildCli, ExampleStudio, runCli } from './cliTestSupport';

/**
 * Every shipped example's flow tests pass headless exactly as in the studio: a run of each example
 * is saved as a flow test (every output expected exactly), the project is exported signed, and the
 * built CLI, started as a person starts it, runs the test in its own QuickJS agents and passes.
 */

const dir = mkdtempSync(join(tmpdir(), 'examples-headless-'));
/** Inside the repository, so its npm imports resolve as `npm run test:flows`'s bundle's do. */
const cli = 'node_modules/.cache/cli-tests/examples-run-flow-tests.mjs';
const subtle = globalThis.crypto.subtle;
const signer = await oneOffSigner(subtle);
const fingerprint = await keyFingerprint(signer.publicKey, subtle);

beforeAll(async () => {
  await buildCli(cli);
}, 120_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Each example with script steps, and the run input a person would type. */
const EXAMPLES: ReadonlyArray<[ProjectTemplate, string]> = [
  ['example', 'a shared shopping list'],
  [
    'churn',
    JSON.stringify({
      fact: 'call.logged',
      subject: 'acme',
      data: { sentiment: 'negative', notes: 'unhappy with support' },
    }),
  ],
  ['venture', 'A recipe planner for busy families'],
  ['checks', 'export function add(a, b) { return a + b; }\ntest("adds", () => add(1, 2));'],
];

describe('the shipped examples’ flow tests, headless', () => {
  for (const [template, input] of EXAMPLES) {
    it(`${template}: a saved run passes in npm run test:flows`, async () => {
      const project = await new ExampleStudio().open(template);
      const [flowId] = project.flowIds;
      if (!flowId) throw new Error(`the ${template} example has no flow`);
      const name = await project.saveAsTest(flowId, input, `The ${template} example as run`);
      const file = join(dir, `${template}.conductor.json`);
      writeFileSync(file, await project.exportText(signer));

      const result = await runCli(cli, [file, '--trust', fingerprint.slice(0, 16)]);
      expect(result.stderr).toBe('');
      expect(result.stdout.split('\n')[0]).toMatch(/^Signed by a key you named with --trust \(fingerprint /);
      expect(result.stdout).toContain(`✓ ${name}`);
      expect(result.stdout).toContain('1 of 1 flow test passed.');
      expect(result.code).toBe(0);
    }, 120_000);
  }
});
