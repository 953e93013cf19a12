import { expect, test } from '@playwright/test';
import { softwarePipelineModels } from '../src/examples/softwarePipelineModels';
import { StudioPage } from './pages/studioPage';
import { setMonacoText } from './support/monacoEditor';

/** The review model, broken: it no longer reports a verdict the test expects. */
const BROKEN_REVIEW = `export default async function run(ctx: Ctx) {
  ctx.emit('report', { verdict: 'shipped', functions: 0, tests: 0, coverage: 0 });
}
`;
const REVIEW = softwarePipelineModels.find((m) => m.key === 'review')?.source ?? '';

async function saveReview(studio: StudioPage, code: string, version: number): Promise<void> {
  const page = studio.page;
  await page.getByRole('button', { name: 'Edit model review' }).click();
  await setMonacoText(page, 'Model code', code);
  await studio.modelEditor.getByRole('button', { name: 'Save model' }).click();
  await expect(studio.modelEditor.getByText(`Saved as version ${version}`)).toBeVisible();
  await page.keyboard.press('Escape');
}

test('save a run as a test, break the model and see the test fail with a diff, fix it and see it pass', async ({
  page,
}) => {
  // Four runs of the example and two model edits in Monaco.
  test.slow();
  const studio = await new StudioPage(page).open();
  await studio.pressRun();
  await expect(studio.run(1)).toHaveAccessibleName('Run 1: succeeded', { timeout: 30_000 });

  await page.getByRole('button', { name: 'Observe ▾' }).click();
  await page.getByRole('menuitem', { name: 'Flow tests' }).click();
  const panel = page.getByRole('region', { name: 'Flow tests' });
  // Empty, it says what a flow test is and how to make one from the run just finished.
  await expect(panel).toContainText('No flow tests for “Software pipeline” yet.');
  await expect(panel).toContainText('Save its finished run as a test with Save as test…');
  await panel.getByRole('button', { name: 'Save as test…' }).click();
  const form = panel.getByRole('form', { name: 'Save as test' });
  await form.getByLabel('Test name').fill('Pipeline is approved');
  await form.getByLabel('Expect review → report').selectOption('subset');
  await form.getByLabel('Expect generate_code → code').selectOption('cel');
  await form.getByLabel('CEL predicate for generate_code → code').fill('artifact.contains("export function")');
  await form.getByLabel(/^Pin enhance_prompt/).check();
  await page.screenshot({ path: test.info().outputPath('flow-tests-save-form.png') });
  await form.getByRole('button', { name: 'Save test' }).click();
  await expect(form).toBeHidden();
  const item = panel.getByRole('listitem', { name: 'Pipeline is approved: not run yet' });
  await expect(item).toContainText('pinned: enhance_prompt');

  await panel.getByRole('button', { name: 'Run all tests' }).click();
  await expect(panel.getByRole('listitem', { name: 'Pipeline is approved: passed' })).toBeVisible({ timeout: 30_000 });
  await expect(panel.getByRole('status')).toHaveText('1 of 1 test passed.');
  await page.screenshot({ path: test.info().outputPath('flow-tests-passed.png') });

  // Break the model: the test fails, and says how, with expected against actual.
  await saveReview(studio, BROKEN_REVIEW, 2);
  await panel.getByRole('button', { name: 'Run all tests' }).click();
  const failed = panel.getByRole('listitem', { name: 'Pipeline is approved: failed' });
  await expect(failed).toBeVisible({ timeout: 30_000 });
  await expect(failed.getByRole('region', { name: 'review → report: failed' })).toContainText(
    'does not contain what the test expects',
  );
  const diff = failed.getByLabel('Expected vs actual for review → report');
  await expect(diff).toContainText('-   "verdict": "approved"');
  await expect(diff).toContainText('+   "verdict": "shipped"');
  await expect(panel.getByRole('status')).toHaveText('0 of 1 test passed.');
  await page.screenshot({ path: test.info().outputPath('flow-tests-failed.png') });

  // Fixed, it passes again; the history keeps all three verdicts.
  await saveReview(studio, REVIEW, 3);
  await panel.getByRole('button', { name: 'Run Pipeline is approved' }).click();
  await expect(panel.getByRole('listitem', { name: 'Pipeline is approved: passed' })).toBeVisible({ timeout: 30_000 });
  await panel.getByRole('button', { name: 'History (3)' }).click();
  await expect(panel.getByRole('list', { name: 'History of Pipeline is approved' }).getByRole('listitem')).toHaveText([
    /passed/,
    /failed/,
    /passed/,
  ]);
});
