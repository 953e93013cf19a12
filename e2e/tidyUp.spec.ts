import { expect, test, type Page } from '@playwright/test';
import { StudioPage } from './pages/studioPage';

interface Box {
  label: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

const PIPELINE = ['enhance_prompt', 'extract_features', 'generate_code', 'write_tests', 'review'];
const PIPELINE_EDGES = [
  ['enhance_prompt', 'extract_features'],
  ['extract_features', 'generate_code'],
  ['extract_features', 'write_tests'],
  ['generate_code', 'review'],
  ['write_tests', 'review'],
] as const;

/** Every step on the canvas as a person sees it: its box on screen. */
async function stepBoxes(page: Page): Promise<Box[]> {
  const steps = page.locator('.react-flow__nodes').getByRole('region', { name: /^Step / });
  const boxes: Box[] = [];
  for (const step of await steps.all()) {
    const box = await step.boundingBox();
    const label = ((await step.getAttribute('aria-label')) ?? '').replace(/^Step /, '');
    if (box) boxes.push({ label, ...box });
  }
  return boxes;
}

/** The pairs of steps whose boxes overlap on screen, by label. */
function overlapping(boxes: readonly Box[]): string[] {
  const pairs: string[] = [];
  for (const [i, a] of boxes.entries()) {
    for (const b of boxes.slice(i + 1)) {
      if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height)
        pairs.push(`${a.label} × ${b.label}`);
    }
  }
  return pairs;
}

/** Where a step is in the flow (its node's transform), as the log has it. */
const flowPosition = (page: Page, label: string): Promise<string> =>
  page
    .locator('.react-flow__node')
    .filter({ has: page.getByRole('region', { name: `Step ${label}`, exact: true }) })
    .evaluate((el) => (el as HTMLElement).style.transform);

const allPositions = async (page: Page): Promise<string[]> =>
  Promise.all(PIPELINE.map((label) => flowPosition(page, label)));

/** Drags one step by its model line and drops it onto another step. */
async function dragOnto(studio: StudioPage, label: string, onto: string): Promise<void> {
  const before = await flowPosition(studio.page, label);
  const target = await studio.step(onto).locator('.step-node__model').boundingBox();
  if (!target) throw new Error(`Step ${onto} is not on screen.`);
  await studio.step(label).locator('.step-node__model').hover();
  await studio.page.mouse.down();
  await studio.page.mouse.move(target.x + target.width / 2 + 6, target.y + target.height / 2 + 6, { steps: 8 });
  await studio.page.mouse.up();
  await expect.poll(() => flowPosition(studio.page, label)).not.toBe(before);
}

test('Tidy up lays a messy flow out left to right with nothing overlapping, and one Ctrl+Z puts it back', async ({
  page,
}) => {
  const studio = await new StudioPage(page).open();
  // The example opens tidy.
  await expect.poll(async () => (await stepBoxes(page)).length).toBe(5);
  expect(overlapping(await stepBoxes(page))).toEqual([]);

  // Make a mess: three steps dropped on top of the first.
  for (const label of ['generate_code', 'write_tests', 'review']) await dragOnto(studio, label, 'enhance_prompt');
  expect(overlapping(await stepBoxes(page)).length).toBeGreaterThan(0);
  const messy = await allPositions(page);

  const tidyUp = page.getByRole('toolbar', { name: 'Flow' }).getByRole('button', { name: 'Tidy up' });
  await expect(tidyUp).toHaveAttribute('title', /Shift\+Alt\+L/);
  await tidyUp.click();
  await expect.poll(async () => overlapping(await stepBoxes(page))).toEqual([]);
  const boxes = new Map((await stepBoxes(page)).map((b) => [b.label, b]));
  expect([...boxes.keys()].sort()).toEqual([...PIPELINE].sort());
  for (const [from, to] of PIPELINE_EDGES) {
    const a = boxes.get(from) as Box;
    const b = boxes.get(to) as Box;
    expect(a.x + a.width, `${from} ends left of ${to}`).toBeLessThan(b.x);
  }
  await page.screenshot({ path: test.info().outputPath('tidied.png') });

  // One undo takes every step back where it was.
  const tidied = await allPositions(page);
  expect(tidied).not.toEqual(messy);
  await page.keyboard.press('Control+z');
  await expect.poll(() => allPositions(page)).toEqual(messy);

  // The shortcut tidies too; a second tidy-up of a tidy flow changes nothing.
  await page.keyboard.press('Shift+Alt+L');
  await expect.poll(() => allPositions(page)).toEqual(tidied);
});

test('six Adds in a row place six steps in free space: no two steps overlap', async ({ page }) => {
  const studio = await new StudioPage(page).open();
  await expect.poll(async () => (await stepBoxes(page)).length).toBe(5);
  const add = page.getByRole('button', { name: 'Add review to the flow' });
  for (let i = 0; i < 6; i++) await add.click();
  await expect(studio.step('review')).toHaveCount(7);
  // Every step on screen, however far the adds went.
  await page.getByRole('button', { name: /fit view/i }).click();
  await expect.poll(async () => (await stepBoxes(page)).length).toBe(11);
  expect(overlapping(await stepBoxes(page))).toEqual([]);
  await page.screenshot({ path: test.info().outputPath('six-adds.png') });

  // With a step selected, the next one goes right of it, still on top of nothing.
  await studio.selectStep('enhance_prompt');
  await page.getByRole('button', { name: 'Add write_tests to the flow' }).click();
  await expect(studio.step('write_tests')).toHaveCount(2);
  await page.getByRole('button', { name: /fit view/i }).click();
  await expect.poll(async () => (await stepBoxes(page)).length).toBe(12);
  const boxes = await stepBoxes(page);
  expect(overlapping(boxes)).toEqual([]);
  const first = boxes.find((b) => b.label === 'enhance_prompt') as Box;
  const added = boxes
    .filter((b) => b.label === 'write_tests')
    .find((b) => b.x > first.x + first.width && Math.abs(b.y - first.y) < first.height * 3);
  expect(added, 'the new write_tests step stands right of enhance_prompt').toBeDefined();
});

test('the seed examples open with no two steps overlapping', async ({ page }) => {
  const studio = await new StudioPage(page).open();
  for (const [example, count] of [
    ['Example: venture pipeline', 12],
    ['Example: release checks', 9],
    ['Example: customer churn', 2],
  ] as const) {
    await studio.newProject(example);
    await page.getByRole('button', { name: /fit view/i }).click();
    await expect.poll(async () => (await stepBoxes(page)).length).toBe(count);
    expect(overlapping(await stepBoxes(page)), example).toEqual([]);
    if (example === 'Example: venture pipeline') {
      // Tidied, the gates, their kind tags and the join badge still fit: steps are laid out at their drawn size.
      // A chain of eleven layers is wrapped into rows, so Export moves off its place.
      const before = await flowPosition(page, 'Export');
      await page.getByRole('toolbar', { name: 'Flow' }).getByRole('button', { name: 'Tidy up' }).click();
      await expect.poll(() => flowPosition(page, 'Export')).not.toBe(before);
      await expect.poll(async () => (await stepBoxes(page)).length).toBe(count);
      expect(overlapping(await stepBoxes(page)), `${example}, tidied`).toEqual([]);
      await page.screenshot({ path: test.info().outputPath('venture-tidied.png') });
    }
  }
});
