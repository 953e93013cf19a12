import { expect, test } from '@playwright/test';
import { StudioPage } from './pages/studioPage';
import { RenderTracker } from './support/renderTracker';

test('a run’s events re-render what draws the run, and leave the models, the toolbars and the open panel alone', async ({
  page,
}) => {
  const renders = await RenderTracker.install(page);
  const studio = await new StudioPage(page).open();
  await page.getByRole('button', { name: 'Policies', exact: true }).click();
  const policies = page.getByRole('complementary', { name: 'Policies' });
  // Monaco has loaded and the document is in it: what follows is the run's doing alone.
  await expect(policies.getByRole('textbox', { name: 'Policies document' })).toBeAttached();
  await expect(policies.getByText('Unsaved changes')).toBeHidden();

  await renders.start();
  await studio.pressRun();
  await expect(studio.run(1)).toHaveAccessibleName('Run 1: succeeded', { timeout: 30_000 });
  await renders.stop();

  // The tracker sees the run: the runs list and the canvas re-rendered as it went.
  expect(await renders.rendersIn(page.getByRole('region', { name: 'Runs' }))).toBeGreaterThan(0);
  expect(await renders.rendersIn(studio.step('review'))).toBeGreaterThan(0);
  // What draws no run state did not render once in all the run's folds.
  expect(await renders.rendersIn(page.getByRole('region', { name: 'Models' }))).toBe(0);
  expect(await renders.rendersIn(page.getByRole('toolbar', { name: 'Flow' }))).toBe(0);
  expect(await renders.rendersIn(page.getByRole('toolbar', { name: 'Intents and gaps' }))).toBe(0);
  expect(await renders.rendersIn(policies)).toBe(0);
});
