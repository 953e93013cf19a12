import { expect, test, type Locator } from '@playwright/test';
import { StudioPage } from './pages/studioPage';

async function boxOf(locator: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  const box = await locator.boundingBox();
  if (!box) throw new Error('Not on screen');
  return box;
}

function overlaps(
  a: { x: number; y: number; width: number; height: number },
  b: { x: number; y: number; width: number; height: number },
): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

test('a confirmation goes by itself, an error stays until dismissed, and the stack covers no toolbar, the timeline or Fork', async ({
  page,
}) => {
  const studio = await new StudioPage(page).open();
  await studio.pressRun();
  await expect(studio.run(1)).toHaveAccessibleName('Run 1: succeeded', { timeout: 30_000 });

  // An error: an input that already has an edge refuses a second one.
  await studio.connect('enhance_prompt', 'brief', 'extract_features', 'brief');
  const error = page.getByRole('alert').filter({ hasText: 'Input “brief” is already connected.' });
  await expect(error).toBeVisible();
  // Confirmations: two new models.
  await studio.createModel({ name: 'first_helper', code: 'export default async function run(ctx: Ctx) {}\n' });
  await studio.createModel({ name: 'second_helper', code: 'export default async function run(ctx: Ctx) {}\n' });
  const confirmation = page.getByRole('status').filter({ hasText: 'Model “second_helper” created.' });
  await expect(confirmation).toBeVisible();

  const stack = page.getByRole('region', { name: 'Notices' });
  await page.screenshot({ path: test.info().outputPath('notices.png') });
  const stackBox = await boxOf(stack);
  for (const [what, locator] of [
    ['the top bar', page.getByRole('banner')],
    ['the flow toolbar', page.getByRole('toolbar', { name: 'Flow' })],
    ['the intents toolbar', page.getByRole('toolbar', { name: 'Intents and gaps' })],
    ['the timeline', page.getByRole('region', { name: 'Timeline' })],
    ['Fork', page.getByRole('button', { name: 'Fork from here' })],
  ] as const) {
    expect(overlaps(stackBox, await boxOf(locator)), `the notices cover ${what}`).toBe(false);
  }

  await page.mouse.move(0, 0);
  await expect(confirmation).toBeHidden({ timeout: 12_000 });
  await expect(error).toBeVisible();
  await error.getByRole('button', { name: 'Dismiss' }).click();
  await expect(error).toBeHidden();
});

test('opening another project takes down the notices about the one before', async ({ page }) => {
  const studio = await new StudioPage(page).open();
  await studio.connect('enhance_prompt', 'brief', 'extract_features', 'brief');
  await expect(page.getByRole('alert').filter({ hasText: 'is already connected' })).toBeVisible();
  await studio.newProject('Empty project');
  await expect(page.getByRole('heading', { name: 'This flow is empty' })).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'is already connected' })).toHaveCount(0);
});
