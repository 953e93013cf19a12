import { expect, test, type Locator, type Page } from '@playwright/test';
import { StudioPage } from './pages/studioPage';
import { CommandPalette } from './pages/commandPalette';

const PASSING = "import { add } from './add';\ntest('adds', () => expect(add(1, 2)).toBe(3));";
const FAILING = 'document.body.innerHTML = eval(userInput);';

async function openMetrics(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'Observe ▾' }).click();
  await page.getByRole('menu', { name: 'Observe' }).getByRole('menuitem', { name: 'Metrics' }).click();
  return page.getByRole('region', { name: 'Metrics' });
}

/** How many pixels of a chart's canvas are drawn in the theme colour `variable` (the series' points or bars). */
function pixelsInColour(chart: Locator, variable: string): Promise<number> {
  return chart.locator('canvas').evaluate((canvas: HTMLCanvasElement, name) => {
    const probe = document.createElement('span');
    probe.style.color = getComputedStyle(document.documentElement).getPropertyValue(name);
    document.body.append(probe);
    const [r, g, b] = (getComputedStyle(probe).color.match(/\d+/g) ?? []).map(Number) as [number, number, number];
    probe.remove();
    const { data } = (canvas.getContext('2d') as CanvasRenderingContext2D).getImageData(
      0,
      0,
      canvas.width,
      canvas.height,
    );
    let count = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (
        data[i + 3] === 255 &&
        Math.abs((data[i] as number) - r) < 8 &&
        Math.abs((data[i + 1] as number) - g) < 8 &&
        Math.abs((data[i + 2] as number) - b) < 8
      )
        count++;
    }
    return count;
  }, variable);
}

test.describe('the Metrics view', () => {
  test('starts empty with a button that runs the flow; after runs of the release checks it shows the completion rate, drawn plots and steps, and a point opens its run', async ({
    page,
  }, testInfo) => {
    const studio = await new StudioPage(page).open();
    await studio.newProject('Example: release checks');
    const metrics = await openMetrics(page);

    await expect(metrics.getByText('Run a flow to see its metrics')).toBeVisible();
    await page.getByLabel('Run input').fill(PASSING);
    await metrics.getByRole('button', { name: 'Run Release checks' }).click();
    await expect(studio.run(1)).toHaveAccessibleName('Run 1: succeeded', { timeout: 30_000 });

    for (const [n, input] of [FAILING, PASSING, FAILING].entries()) {
      await page.getByLabel('Run input').fill(input);
      await studio.pressRun();
      await expect(studio.run(n + 2)).toHaveAccessibleName(`Run ${n + 2}: succeeded`, { timeout: 30_000 });
    }

    // Every run finished, blocked or deployed: all four count as completed.
    const completion = metrics.getByRole('group', { name: 'Completion rate' });
    await expect(completion).toContainText('100 %');
    await expect(completion).toContainText('4 of 4 finished succeeded');
    await expect(metrics.getByRole('group', { name: 'Runs' })).toContainText('4 runs in the window');
    // Deploy ran twice and Block & report twice: the steps table has them, each with its sparkline.
    const steps = metrics.getByRole('table');
    await expect(steps.getByRole('rowheader', { name: 'Deploy' })).toBeVisible();
    await expect(steps.getByRole('row', { name: /^Security 4 / })).toBeVisible();
    await expect(steps.getByRole('img', { name: 'Security: latency over 4 runs' })).toBeVisible();
    await steps.getByRole('button', { name: 'Calls' }).click();
    await expect(steps.getByRole('columnheader', { name: /Calls/ })).toHaveAttribute('aria-sort', 'descending');

    // The duration plot drew four succeeded points in the theme's green.
    const durations = metrics.getByRole('figure').filter({ hasText: 'Run duration, run by run' });
    await expect.poll(() => pixelsInColour(durations, '--ok')).toBeGreaterThan(20);
    await expect
      .poll(() => pixelsInColour(metrics.getByRole('figure').filter({ hasText: 'Runs per day' }), '--ok'))
      .toBeGreaterThan(20);

    // Hover the leftmost point: its run is named under the plot; a click opens it in the Runs list.
    const plot = durations.locator('.u-over');
    await plot.scrollIntoViewIfNeeded();
    const box = (await plot.boundingBox()) as { x: number; y: number; width: number; height: number };
    await page.mouse.move(box.x + 4, box.y + box.height / 2);
    await expect(durations.getByText(/^Run 1 · succeeded · /)).toBeVisible();
    await page.mouse.click(box.x + 4, box.y + box.height / 2);
    await expect(studio.run(1)).toHaveAttribute('aria-current', 'true');
    await expect(studio.run(4)).not.toHaveAttribute('aria-current', 'true');

    await metrics.getByRole('button', { name: 'Maximise metrics' }).click();
    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme });
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      await expect.poll(() => pixelsInColour(durations, '--ok')).toBeGreaterThan(20);
      await page.screenshot({ path: testInfo.outputPath(`metrics-${theme}.png`) });
    }

    // Renamed after its runs, a step is listed by its new name, not the one its runs knew.
    await new CommandPalette(page).runCommand('open inspector', 'Open Inspector');
    await studio.selectStep('Deploy');
    await studio.inspector.getByLabel('Step name').fill('Ship it');
    await studio.inspector.getByLabel('Step name').press('Enter');
    await expect(studio.step('Ship it')).toBeVisible();
    const renamed = (await openMetrics(page)).getByRole('table');
    await expect(renamed.getByRole('rowheader', { name: 'Ship it' })).toBeVisible();
    await expect(renamed.getByRole('rowheader', { name: 'Deploy' })).toHaveCount(0);
  });
});
