import { expect, test } from '@playwright/test';
import { StudioPage } from './pages/studioPage';

// This spec needs the e2e build (`vite build --mode e2e`, as `npm run test:e2e` makes it): only
// there does a model named "__throw_in_conductor…" make the conductor throw while it decides its
// step (src/core/conductor/testHooks.ts). In the normal build the name means nothing.
const PROBE = '__throw_in_conductor probe';
const ECHO = "export default async function run(ctx: Ctx) {\n  ctx.emit('output', String(ctx.inputs.input));\n}\n";
const SENTENCE = /Something went wrong in the studio — code (internal-[0-9A-F]{4}); nothing you saved was lost\./;

test('a bug in the conductor fails its step and its run at once, with a code, and offers its details for a report', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const studio = await new StudioPage(page).open();
  await studio.projectWithOneStep({ name: PROBE, code: ECHO });

  await studio.pressRun();
  // No reload: the failure is in the log at once, so the step and the run say so.
  await expect(studio.stepStatus(PROBE)).toHaveText('failed');
  await expect(studio.run(1)).toHaveAccessibleName('Run 1: failed');
  const runReason = page.locator('.run-item__reason');
  await expect(runReason).toContainText(`Step “${PROBE}” failed:`);
  await expect(runReason).toHaveText(SENTENCE);
  const code = SENTENCE.exec((await runReason.textContent()) ?? '')?.[1] ?? 'no code';

  await studio.selectStep(PROBE);
  await expect(studio.inspector.getByRole('status').filter({ hasText: code })).toHaveText(SENTENCE);

  // The page was told of the bug in words, never as a storage failure or a stack trace.
  const notice = page.getByRole('alert').filter({ hasText: 'Something went wrong in the studio' });
  await expect(notice).toContainText(code);
  await expect(notice).toContainText('Copy the details and report them.');
  await expect(notice).not.toContainText(/storage|Injected conductor bug|\bat .*\.js/);
  await page.screenshot({ path: test.info().outputPath('conductor-bug-notice.png') });

  await notice.getByRole('button', { name: 'Copy details' }).click();
  await expect(notice.getByRole('button', { name: 'Copied' })).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain('Code: internal (E013)');
  expect(copied).toContain(code);
  expect(copied).toMatch(/Studio version: \d+\.\d+\.\d+/);
  expect(copied).toContain(`Browser: ${await page.evaluate(() => navigator.userAgent)}`);
  expect(copied).toMatch(/Time: \d{4}-\d\d-\d\dT/);
  // The detail the notice never shows: where it was caught and what was thrown.
  expect(copied).toContain('while deciding what a run does next');
  expect(copied).toContain(`Injected conductor bug: a step of model “${PROBE}”`);
});
