import { expect, test } from '@playwright/test';
import { StudioPage } from './pages/studioPage';

test('a first visit opens the built-in example, and it runs to completion with no API key', async ({ page }) => {
  const studio = await new StudioPage(page).open();
  for (const label of ['enhance_prompt', 'extract_features', 'generate_code', 'write_tests', 'review']) {
    await expect(studio.step(label)).toBeVisible();
  }
  await expect(page.getByText('No runs yet. Press Run to start one.')).toBeVisible();

  await studio.pressRun();
  // Statuses update live: the first step runs while the last still waits.
  await expect(studio.stepStatus('enhance_prompt')).toHaveText('running');
  await expect(studio.stepStatus('review')).toHaveText('waiting');
  // An artifact visibly travels along the edges leaving a step that produced one.
  await expect(page.getByRole('img', { name: 'artifact moving along edge' }).first()).toBeAttached();

  await expect(studio.run(1)).toHaveAccessibleName('Run 1: succeeded', { timeout: 30_000 });
  for (const label of ['enhance_prompt', 'extract_features', 'generate_code', 'write_tests', 'review']) {
    await expect(studio.stepStatus(label)).toHaveText('done');
  }

  // The backlog is tabular: the inspector shows it as a table.
  await studio.selectStep('extract_features');
  const table = studio.inspector.getByRole('table');
  await expect(table.getByRole('columnheader', { name: 'feature' })).toBeVisible();
  await expect(table.getByRole('cell', { name: 'F-1', exact: true })).toBeVisible();

  // The join's output is JSON, from both branches.
  await studio.selectStep('review');
  await expect(studio.inspector.getByLabel('Artifact output report')).toContainText('"verdict": "approved"');
});

test('selecting an edge shows the artifact that travelled along it', async ({ page }) => {
  const studio = await new StudioPage(page).open();
  await studio.pressRun();
  await expect(studio.run(1)).toHaveAccessibleName('Run 1: succeeded', { timeout: 30_000 });
  await page.getByRole('group', { name: 'Edge from extract_features backlog to write_tests backlog' }).click();
  const artifact = studio.inspector.getByLabel('Artifact extract_features.backlog');
  await expect(artifact.getByRole('cell', { name: 'Work offline' })).toBeVisible();
  await expect(artifact).toContainText('table');
});
