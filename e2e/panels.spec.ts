import { expect, test, type Locator, type Page } from '@playwright/test';
import { StudioPage } from './pages/studioPage';
import { flow, openProject, script, step } from './support/definitionsProject';

const sidebar = (page: Page) => page.getByRole('navigation', { name: 'Models and runs' });
const width = async (locator: Locator) => (await locator.boundingBox())?.width ?? 0;

test('the models panel resizes by dragging or with the keys on its splitter, and keeps its width after a reload', async ({
  page,
}) => {
  await new StudioPage(page).open();
  const splitter = page.getByRole('separator', { name: 'Resize models and runs' });
  const before = await width(sidebar(page));
  const box = await splitter.boundingBox();
  if (!box) throw new Error('the splitter is not on screen');
  await page.mouse.move(box.x + box.width / 2, box.y + 200);
  await page.mouse.down();
  await page.mouse.move(box.x + 120, box.y + 210, { steps: 6 });
  await page.mouse.up();
  await expect.poll(() => width(sidebar(page))).toBeGreaterThan(before + 100);
  const dragged = Number(await splitter.getAttribute('aria-valuenow'));
  expect(dragged).toBeGreaterThan(before + 100);

  await splitter.focus();
  await page.keyboard.press('ArrowLeft');
  await expect(splitter).toHaveAttribute('aria-valuenow', String(dragged - 16));

  await page.reload();
  await expect(page.getByRole('separator', { name: 'Resize models and runs' })).toHaveAttribute(
    'aria-valuenow',
    String(dragged - 16),
  );
  await expect.poll(() => width(sidebar(page))).toBe(dragged - 16);
});

test('each side panel hides and comes back, and the canvas takes the room', async ({ page }) => {
  const studio = await new StudioPage(page).open();
  const canvasWidth = () => width(page.locator('.centre'));
  const full = await canvasWidth();
  const left = page.getByRole('button', { name: 'Models and runs panel' });
  await expect(left).toHaveAttribute('aria-pressed', 'true');
  await left.click();
  await expect(left).toHaveAttribute('aria-pressed', 'false');
  await expect(sidebar(page)).toBeHidden();
  await expect.poll(canvasWidth).toBeGreaterThan(full + 200);

  const right = page.getByRole('button', { name: 'Inspector panel' });
  await right.click();
  await expect(studio.inspector).toBeHidden();
  await expect.poll(canvasWidth).toBeGreaterThan(full + 500);

  // Hidden is remembered; Enter on a splitter brings its panel back, as the button does.
  await page.reload();
  await expect(sidebar(page)).toBeHidden();
  await page.getByRole('separator', { name: 'Resize models and runs' }).press('Enter');
  await expect(sidebar(page)).toBeVisible();
  await page.getByRole('button', { name: 'Inspector panel' }).click();
  await expect(studio.inspector).toBeVisible();
  await expect.poll(canvasWidth).toBe(full);
});

test('with thirty models the Runs list stays in view: the models list scrolls on its own', async ({ page }) => {
  const models = Array.from({ length: 30 }, (_, i) =>
    script(
      `m_${i}`,
      `model_${String(i).padStart(2, '0')}`,
      { inputs: ['text'], outputs: ['out'] },
      "ctx.emit('out', 'x');",
    ),
  );
  await openProject(page, [...models, flow, step('s1', 'm_0', 'first', 0, 0)], 'Many models');
  const runsHeading = page.getByRole('heading', { name: 'Runs' });
  await expect(runsHeading).toBeInViewport();
  const list = page.getByRole('region', { name: 'Models' }).getByRole('list');
  await expect(list.getByRole('listitem')).toHaveCount(30);
  // The last model is below the fold of its own list, which scrolls to it; Runs stays where it was.
  const runsTop = (await runsHeading.boundingBox())?.y;
  await list.getByRole('button', { name: 'Add model_29 to the flow' }).scrollIntoViewIfNeeded();
  await expect(list.getByRole('button', { name: 'Add model_29 to the flow' })).toBeInViewport();
  await expect(runsHeading).toBeInViewport();
  expect((await runsHeading.boundingBox())?.y).toBe(runsTop);
});

test('an editor opens wide and back: the toggle on its head, or Escape', async ({ page }, testInfo) => {
  const studio = await new StudioPage(page).open();
  const half = (page.viewportSize()?.width ?? 0) / 2;

  await page.getByRole('button', { name: 'Intents' }).click();
  const intents = page.getByRole('complementary', { name: 'Intents' });
  expect(await width(intents)).toBeLessThan(half);
  await intents.getByRole('button', { name: 'Maximise intents' }).click();
  await expect.poll(() => width(intents)).toBeGreaterThan(half);
  await intents.getByRole('button', { name: 'Maximise intents' }).click();
  await expect.poll(() => width(intents)).toBeLessThan(half);

  await page.getByRole('button', { name: 'Edit model enhance_prompt' }).click();
  const editor = studio.modelEditor;
  const maximise = editor.getByRole('button', { name: 'Maximise model editor' });
  await maximise.click();
  await expect(maximise).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => width(editor)).toBeGreaterThan(half);
  await page.screenshot({ path: testInfo.outputPath('model-editor-wide.png') });
  // The first Escape restores the width; the editor is still open, and the next one closes it.
  await page.keyboard.press('Escape');
  await expect.poll(() => width(editor)).toBeLessThan(half);
  await expect(editor).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(editor).toBeHidden();
  await expect(intents).toBeVisible();
});

test('at 1280 × 800 the flow toolbar is one row', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await new StudioPage(page).open();
  const toolbar = page.getByRole('toolbar', { name: 'Flow' });
  const undo = toolbar.getByRole('button', { name: 'Undo' });
  const [bar, button] = await Promise.all([toolbar.boundingBox(), undo.boundingBox()]);
  if (!bar || !button) throw new Error('the flow toolbar is not on screen');
  expect(bar.height).toBeLessThan(button.height * 1.6);
  // Every part of it is in that row, none pushed under another.
  for (const name of ['Current flow', 'New flow', 'Undo', 'Redo', 'History']) {
    const part = await page
      .getByRole('toolbar', { name: 'Flow' })
      .getByRole(name === 'Current flow' ? 'combobox' : 'button', { name })
      .boundingBox();
    expect(part && part.y + part.height <= bar.y + bar.height + 1 && part.x + part.width <= bar.x + bar.width + 1).toBe(
      true,
    );
  }
  const intents = await page.getByRole('toolbar', { name: 'Intents and gaps' }).boundingBox();
  expect(intents && Math.abs(intents.y + intents.height / 2 - (bar.y + bar.height / 2)) < 4).toBe(true);
  // The top bar's buttons keep their labels on one line too.
  const run = await page.getByRole('button', { name: 'Run', exact: true }).boundingBox();
  for (const name of ['New project', 'Project ▾', 'Observe ▾', 'Run with…']) {
    const box = await page.getByRole('banner').getByRole('button', { name, exact: true }).boundingBox();
    expect(box && run && box.height < run.height * 1.4, `${name} fits one line`).toBe(true);
  }
  expect(run && run.x + run.width <= 1280, 'the Run button is wholly on screen').toBe(true);
  await page.screenshot({ path: testInfo.outputPath('toolbar-1280.png') });
});

test('the run input takes several lines, and each project keeps its own across a reload and a switch', async ({
  page,
}) => {
  const studio = await new StudioPage(page).open();
  const input = page.getByRole('textbox', { name: 'Run input' });
  await input.fill('{\n  "topic": "tide pools",\n  "depth": 2\n}');
  await expect(input).toHaveValue('{\n  "topic": "tide pools",\n  "depth": 2\n}');
  // Focused, it shows every line.
  expect((await input.boundingBox())?.height).toBeGreaterThan(60);
  await studio.canvas.click({ position: { x: 20, y: 300 } });
  await expect(page.getByText('+3 lines')).toBeVisible();

  await studio.newProject('Empty project');
  await expect(page.getByRole('heading', { name: 'This flow is empty' })).toBeVisible();
  // A new empty project starts with no input, not the example's nor the last project's.
  await expect(input).toHaveValue('');
  await input.fill('second project, line one\nline two');

  await page.reload();
  await expect(input).toHaveValue('second project, line one\nline two');
  await page.getByRole('combobox', { name: 'Project' }).selectOption({ label: 'Example: software pipeline' });
  await expect(studio.step('review')).toBeVisible();
  await expect(input).toHaveValue('{\n  "topic": "tide pools",\n  "depth": 2\n}');
});

test('the theme toggle flips the colours, and the choice survives a reload', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await new StudioPage(page).open();
  const background = () => page.locator('.topbar').evaluate((el) => getComputedStyle(el).backgroundColor);
  const dark = await background();
  const toggle = page.getByRole('button', { name: 'Dark theme' });
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await expect.poll(background).not.toBe(dark);
  const light = await background();
  await page.reload();
  await expect(page.getByRole('button', { name: 'Dark theme' })).toHaveAttribute('aria-pressed', 'false');
  expect(await background()).toBe(light);
  // Another part of the studio (the command palette) flips it with an event.
  await page.evaluate(() => window.dispatchEvent(new Event('studio:toggle-theme')));
  await expect.poll(background).toBe(dark);
});

test('with nothing chosen, the theme follows the system', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await new StudioPage(page).open();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByRole('button', { name: 'Dark theme' })).toHaveAttribute('aria-pressed', 'true');
});
