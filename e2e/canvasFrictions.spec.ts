import { expect, test, type Page } from '@playwright/test';
import { StudioPage } from './pages/studioPage';
import { TimelinePage } from './pages/timelinePage';

type Box = { x: number; y: number; width: number; height: number };
const overlaps = (a: Box, b: Box): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** The steps (by label) whose on-screen box the minimap covers, even in part. */
async function stepsUnderMinimap(page: Page): Promise<string[]> {
  const minimap = await page.getByLabel('Minimap', { exact: true }).boundingBox();
  if (!minimap) throw new Error('The minimap is not on screen.');
  const steps = page.locator('.react-flow__nodes').getByRole('region', { name: /^Step / });
  await expect(steps.first()).toBeVisible();
  const covered: string[] = [];
  for (const step of await steps.all()) {
    const box = await step.boundingBox();
    if (box && overlaps(box, minimap)) covered.push((await step.getAttribute('aria-label')) ?? '?');
  }
  return covered;
}

test('the minimap never covers a step: on opening each example, and after Fit view', async ({ page }) => {
  const studio = await new StudioPage(page).open();
  await expect(studio.step('review')).toBeVisible();
  expect(await stepsUnderMinimap(page)).toEqual([]);

  for (const example of ['Example: customer churn', 'Example: venture pipeline', 'Example: release checks'] as const) {
    await studio.newProject(example);
    await expect(page.getByRole('combobox', { name: 'Project' })).toContainText(example);
    await expect(
      page
        .locator('.react-flow__nodes')
        .getByRole('region', { name: /^Step / })
        .first(),
    ).toBeVisible();
    expect(await stepsUnderMinimap(page), example).toEqual([]);
  }

  // Panned so a step sits under the minimap, Fit view brings every step clear of it again.
  await studio.canvas.hover({ position: { x: 200, y: 100 } });
  await page.mouse.down();
  await page.mouse.move(700, 500, { steps: 6 });
  await page.mouse.up();
  await page.getByRole('button', { name: /fit view/i }).click();
  await expect.poll(() => stepsUnderMinimap(page)).toEqual([]);
});

test('the timeline’s jump buttons say in words where they go', async ({ page }) => {
  const studio = await new StudioPage(page).open();
  const timeline = new TimelinePage(page);
  await studio.pressRun();
  await expect(studio.run(1)).toHaveAccessibleName('Run 1: succeeded', { timeout: 30_000 });

  const jumps = [
    { name: 'Previous failure', text: 'Failure', title: /last moment an agent failed or the run failed/ },
    { name: 'Next failure', text: 'Failure', title: /next moment an agent failed or the run failed/ },
    { name: 'Next gap', text: 'Gap', title: /next gap the conductor opened/ },
    { name: 'Next agent', text: 'Agent', title: /next agent the conductor started/ },
  ];
  for (const jump of jumps) {
    const button = timeline.root.getByRole('button', { name: jump.name, exact: true });
    await expect(button).toBeVisible();
    await expect(button).toContainText(jump.text);
    await expect(button).toHaveAttribute('title', jump.title);
  }
  // The run succeeded: there is no failure to jump to, but there are gaps and agents.
  await expect(timeline.root.getByRole('button', { name: 'Next failure', exact: true })).toBeDisabled();
  await timeline.slider.fill('0');
  await timeline.root.getByRole('button', { name: 'Next gap', exact: true }).click();
  await timeline.expectAt(/Gap opened/);
});

test('the backlog table shows its columns in the order extract_features wrote them', async ({ page }) => {
  const studio = await new StudioPage(page).open();
  await studio.pressRun();
  await expect(studio.run(1)).toHaveAccessibleName('Run 1: succeeded', { timeout: 30_000 });
  await studio.selectStep('extract_features');
  const table = studio.inspector.getByRole('table');
  await expect(table.getByRole('columnheader')).toHaveText(['id', 'feature', 'priority', 'estimate']);
  await expect(table.getByRole('row').nth(1).getByRole('cell')).toHaveText(['F-1', /^Create /, 'must', '1']);
});
