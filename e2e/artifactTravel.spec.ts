import { expect, test, type Locator, type Page } from '@playwright/test';
import { StudioPage } from './pages/studioPage';
import { TimelinePage } from './pages/timelinePage';

const EDGE = 'Edge from enhance_prompt brief to extract_features brief';
/** The marker's radius and stroke, and a port's half width, on screen at the example's zoom. */
const SLACK = 8;

interface Point {
  x: number;
  y: number;
}

/** Where an element is on screen now; throws at once if it is not there (a marker's trip is short). */
async function centreOf(locator: Locator, timeout = 250): Promise<Point> {
  const box = await locator.boundingBox({ timeout });
  if (!box) throw new Error('Not on screen');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

function marker(page: Page): Locator {
  return page.getByRole('group', { name: EDGE }).getByRole('img', { name: 'artifact moving along edge' });
}

/** The two ends of the enhance_prompt → extract_features edge: it runs left to right. */
async function ports(studio: StudioPage): Promise<{ from: Point; to: Point }> {
  const from = await centreOf(studio.step('enhance_prompt').getByLabel('output brief'), 15_000);
  const to = await centreOf(studio.step('extract_features').getByLabel('input brief'), 15_000);
  expect(to.x - from.x).toBeGreaterThan(30);
  return { from, to };
}

function expectOnTheEdge(sample: Point, { from, to }: { from: Point; to: Point }): void {
  expect(sample.x).toBeGreaterThanOrEqual(from.x - SLACK);
  expect(sample.x).toBeLessThanOrEqual(to.x + SLACK);
  expect(sample.y).toBeGreaterThanOrEqual(Math.min(from.y, to.y) - SLACK);
  expect(sample.y).toBeLessThanOrEqual(Math.max(from.y, to.y) + SLACK);
}

/**
 * Samples the marker twice as it goes: the later sample is further right, and both lie between
 * the two ports. A trip lasts under a second; on a busy machine the first sample can come too
 * late to see it move, so the caller sets off another and tries again.
 */
async function expectMarkerTravels(studio: StudioPage, setOff: () => Promise<void>): Promise<void> {
  const ends = await ports(studio);
  await expect(async () => {
    await setOff();
    await expect(marker(studio.page)).toBeAttached({ timeout: 10_000 });
    const first = await centreOf(marker(studio.page));
    let second = first;
    await expect
      .poll(async () => (second = await centreOf(marker(studio.page))).x, { intervals: [20], timeout: 1_500 })
      .toBeGreaterThan(first.x + 8);
    expectOnTheEdge(first, ends);
    expectOnTheEdge(second, ends);
  }).toPass({ timeout: 60_000 });
}

/** Starts a run once the one before has finished. */
async function runAgain(studio: StudioPage): Promise<void> {
  await expect(studio.page.getByRole('button', { name: /^Run \d+: running/ })).toHaveCount(0, { timeout: 30_000 });
  await studio.pressRun();
}

test('an artifact travels along its edge from the source port to the target port, live and when the run is played back', async ({
  page,
}) => {
  test.setTimeout(150_000);
  const studio = await new StudioPage(page).open();
  await expectMarkerTravels(studio, () => runAgain(studio));
  await page.screenshot({ path: test.info().outputPath('travelling.png') });
  await expect(page.getByRole('button', { name: /^Run \d+: running/ })).toHaveCount(0, { timeout: 30_000 });

  // Played back from the start (▶ on the timeline) in slow motion, the artifact travels again, slowly.
  const timeline = new TimelinePage(page);
  await timeline.root.getByRole('combobox', { name: 'Speed' }).selectOption('0.25');
  await expectMarkerTravels(studio, async () => {
    await expect(timeline.root.getByRole('button', { name: 'Play' })).toBeVisible({ timeout: 20_000 });
    await timeline.slider.fill('0');
    await expect(studio.stepStatus('enhance_prompt')).not.toHaveText('done');
    await timeline.root.getByRole('button', { name: 'Play' }).click();
  });
  await expect(studio.stepStatus('enhance_prompt')).toHaveText('done');
});

test('with reduced motion, an artifact lights up at the target port instead of travelling', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const studio = await new StudioPage(page).open();
  const { to } = await ports(studio);
  await expect(async () => {
    await runAgain(studio);
    await expect(marker(page)).toBeAttached({ timeout: 10_000 });
    const at = await centreOf(marker(page));
    expect(Math.abs(at.x - to.x)).toBeLessThanOrEqual(SLACK);
  }).toPass({ timeout: 60_000 });
});
