import { expect, test } from '@playwright/test';
import { ProjectMenu } from './pages/projectMenu';
import { StudioPage } from './pages/studioPage';
import { TimelinePage } from './pages/timelinePage';
import { setMonacoText } from './support/monacoEditor';

const REVIEW_V2 = `export default async function run(ctx: Ctx) {
  const code = String(ctx.inputs.code);
  const tests = String(ctx.inputs.tests);
  ctx.emit('report', { verdict: 'shipped', lines: code.split('\\n').length + tests.split('\\n').length });
}
`;

test('scrubbing back shows the canvas, statuses and artifacts exactly as they were at that moment', async ({
  page,
}) => {
  const studio = await new StudioPage(page).open();
  const timeline = new TimelinePage(page);
  await studio.pressRun();
  await expect(studio.run(1)).toHaveAccessibleName('Run 1: succeeded', { timeout: 30_000 });
  await timeline.expectAt(/Run succeeded/);

  await timeline.scrubTo(/“extract_features” produced backlog/);
  await expect(studio.stepStatus('enhance_prompt')).toHaveText('done');
  await expect(studio.stepStatus('extract_features')).toHaveText('running');
  await expect(studio.stepStatus('review')).toHaveText('waiting');
  await studio.selectStep('extract_features');
  await expect(studio.inspector.getByRole('table').getByRole('cell', { name: 'Work offline' })).toBeVisible();

  // One step back: the backlog did not exist yet.
  await timeline.root.getByRole('button', { name: 'Step back' }).click();
  await expect(studio.inspector.getByRole('table')).toHaveCount(0);
  await expect(studio.stepStatus('extract_features')).toHaveText('running');

  // Jumping to agents, then back to the end.
  await timeline.root.getByRole('button', { name: 'Next agent' }).click();
  await timeline.expectAt(/Agent sent to/);
  await page.getByRole('button', { name: 'Back to live' }).click();
  await expect(studio.stepStatus('review')).toHaveText('done');

  // Playing the run back from the start: statuses change again and artifacts travel again.
  await timeline.slider.fill('0');
  await expect(studio.stepStatus('review')).toHaveText('waiting');
  await timeline.root.getByRole('combobox', { name: 'Speed' }).selectOption('4');
  await timeline.root.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByRole('img', { name: 'artifact moving along edge' }).first()).toBeAttached();
  await expect(studio.stepStatus('review')).toHaveText('done', { timeout: 20_000 });
  await expect(timeline.root.getByRole('button', { name: 'Play' })).toBeVisible();
});

test('forking with an edited model reuses every step before it and runs only what changed', async ({ page }) => {
  const studio = await new StudioPage(page).open();
  await studio.pressRun();
  await expect(studio.run(1)).toHaveAccessibleName('Run 1: succeeded', { timeout: 30_000 });

  await page.getByRole('button', { name: 'Edit model review' }).click();
  await setMonacoText(page, 'Model code', REVIEW_V2);
  await studio.modelEditor.getByRole('button', { name: 'Save model' }).click();
  await expect(studio.modelEditor.getByText('Saved as version 2')).toBeVisible();
  await page.keyboard.press('Escape');

  await page.getByRole('region', { name: 'Timeline' }).getByRole('button', { name: 'Fork from here' }).click();
  await expect(studio.run(2)).toHaveAccessibleName('Run 2: succeeded', { timeout: 30_000 });
  await expect(page.getByRole('button', { name: 'Run 2: succeeded' })).toContainText('fork of 1');
  for (const label of ['enhance_prompt', 'extract_features', 'generate_code', 'write_tests']) {
    await expect(studio.stepStatus(label)).toHaveText('reused');
  }
  await expect(studio.stepStatus('review')).toHaveText('done');
  // No model was called for a reused step: its inspector says so, and the new review ran once.
  await studio.selectStep('generate_code');
  await expect(studio.inspector.getByText('none: reused from the run it was forked from')).toBeVisible();
  await studio.selectStep('review');
  await expect(studio.inspector.getByLabel('Artifact output report')).toContainText('"verdict": "shipped"');

  // The two runs side by side: only review differs, with a diff of its report.
  await page.getByRole('button', { name: 'Compare with run 1' }).click();
  const compare = page.getByRole('complementary', { name: 'Compare runs' });
  await expect(compare.getByText('1 of 5 steps differ.')).toBeVisible();
  await expect(compare.getByRole('row', { name: 'review: differs' })).toBeVisible();
  await expect(compare.getByRole('row', { name: 'generate_code: same' })).toBeVisible();
  await expect(compare.getByLabel('Differences in review.report')).toContainText('+   "verdict": "shipped"');
  await expect(compare.getByLabel('Differences in review.report')).toContainText('-   "verdict": "approved"');
});

test('with auto-continue off, a run cut off by closing the tab is marked interrupted, and resuming runs only the unfinished steps', async ({
  context,
}) => {
  const first = await new StudioPage(await context.newPage()).open();
  await new ProjectMenu(first.page).setAutoContinue(false);
  await first.pressRun();
  await expect(first.stepStatus('generate_code')).toHaveText('running', { timeout: 20_000 });
  await first.page.close();

  const studio = await new StudioPage(await context.newPage()).open();
  await expect(studio.run(1)).toHaveAccessibleName('Run 1: interrupted');
  await expect(studio.stepStatus('enhance_prompt')).toHaveText('done');
  await expect(studio.stepStatus('review')).toHaveText('waiting');
  await studio.page.getByRole('button', { name: 'Resume run 1' }).click();
  await expect(studio.run(1)).toHaveAccessibleName('Run 1: succeeded', { timeout: 30_000 });
  // Finished steps were not redone: one agent each.
  for (const label of ['enhance_prompt', 'extract_features']) {
    await studio.selectStep(label);
    await expect(studio.inspector.getByRole('definition').filter({ hasText: /^1$/ })).toBeVisible();
  }
  await studio.selectStep('review');
  await expect(studio.inspector.getByLabel('Artifact output report')).toContainText('approved');
});

test('undo and redo a deletion with the keyboard and the toolbar, and restore an earlier version', async ({ page }) => {
  const studio = await new StudioPage(page).open();
  const edges = page.getByRole('group', { name: /^Edge from / });
  await studio.selectStep('write_tests');
  await page.keyboard.press('Delete');
  await expect(studio.step('write_tests')).toHaveCount(0);
  await expect(edges).toHaveCount(3);

  await page.keyboard.press('ControlOrMeta+z');
  await expect(studio.step('write_tests')).toBeVisible();
  await expect(edges).toHaveCount(5);
  await page.keyboard.press('ControlOrMeta+Shift+z');
  await expect(studio.step('write_tests')).toHaveCount(0);
  await page.getByRole('toolbar', { name: 'Flow' }).getByRole('button', { name: 'Undo' }).click();
  await expect(edges).toHaveCount(5);
  await page.getByRole('toolbar', { name: 'Flow' }).getByRole('button', { name: 'Redo' }).click();
  await expect(edges).toHaveCount(3);

  // The version history: view the flow before the deletion, then restore it.
  await page.getByRole('toolbar', { name: 'Flow' }).getByRole('button', { name: 'History' }).click();
  const history = page.getByRole('complementary', { name: 'Version history' });
  await expect(history.getByText('Removed 1 step and 2 edges').first()).toBeVisible();
  // The version just before the deletion: the example's last edit, its last connection.
  await history
    .getByRole('listitem')
    .filter({ hasText: 'Connected tests → tests' })
    .getByRole('button', { name: /^View version/ })
    .click();
  await expect(page.getByRole('status').filter({ hasText: 'earlier version of this flow' })).toBeVisible();
  await expect(studio.step('write_tests')).toBeVisible();
  // An earlier version is read-only: Delete changes nothing.
  await studio.selectStep('write_tests');
  await page.keyboard.press('Delete');
  await expect(studio.step('write_tests')).toBeVisible();
  await page.getByRole('button', { name: 'Restore this version' }).click();
  await expect(page.getByText('earlier version of this flow')).toHaveCount(0);
  await expect(studio.step('write_tests')).toBeVisible();
  await expect(edges).toHaveCount(5);
  await page.reload();
  await expect(studio.step('write_tests')).toBeVisible();
});
