import { expect, test } from '@playwright/test';
import { StudioPage } from './pages/studioPage';
import { CommandPalette } from './pages/commandPalette';

test('Ctrl+K finds Run by part of its name and runs the flow; the palette shows shortcuts and opens panels and dialogs', async ({
  page,
}, testInfo) => {
  const studio = await new StudioPage(page).open();
  const palette = new CommandPalette(page);

  await palette.open();
  await expect(palette.list).toBeVisible();
  // Each command says its shortcut, as the toolbar's tooltips do.
  await expect(palette.option(/^Run\b/).first()).toContainText('Ctrl+Enter');
  await expect(palette.option('Open Policies')).toBeVisible();
  await expect(palette.option('Add step: review')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('command-palette.png') });
  // Fuzzy: letters in order, not a substring.
  await palette.search.fill('shrlnk');
  await expect(palette.list.getByRole('option').first()).toHaveAccessibleName('Share link…');
  await palette.search.fill('zzzzqq');
  await expect(palette.dialog.getByText('No command matches')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(palette.dialog).toBeHidden();
  await expect(studio.run(1)).toHaveCount(0);

  await palette.runCommand('ru', /^Run\s*Ctrl/);
  await expect(studio.run(1)).toBeVisible();

  // Ctrl+Shift+P opens the same palette; a panel opens from it.
  await palette.runCommand('polic', 'Open Policies', 'Control+Shift+P');
  await expect(page.getByRole('complementary', { name: 'Policies' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Policies', exact: true })).toHaveAttribute('aria-pressed', 'true');

  await palette.runCommand('gaps', 'Open Gaps');
  await expect(page.getByRole('complementary', { name: 'Gaps' })).toBeVisible();

  // A Project ▾ item: the same dialog the menu opens.
  await palette.runCommand('export', 'Export…');
  await expect(page.getByRole('dialog', { name: 'Export project' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Export project' })).toBeHidden();

  // A new model of a kind from the registry opens the editor on that kind's template.
  await palette.runCommand('new model llm', 'New model: LLM');
  await expect(
    page.getByRole('complementary', { name: 'Model editor' }).getByRole('heading', { name: 'New model · LLM' }),
  ).toBeVisible();
});

test('a step of a model is added by typing the model’s name', async ({ page }) => {
  const studio = await new StudioPage(page).open();
  const palette = new CommandPalette(page);
  const steps = page.getByRole('region', { name: /^Step / });
  await expect(studio.step('review')).toBeVisible();
  const before = await steps.count();

  await palette.runCommand('write_te', 'Add step: write_tests');
  await expect(steps).toHaveCount(before + 1);
  await expect(page.getByRole('region', { name: 'Step write_tests', exact: true })).toHaveCount(2);
});

test('? shows every keyboard shortcut, Escape closes it, and it stays out of text fields', async ({
  page,
}, testInfo) => {
  await new StudioPage(page).open();
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });

  // In a text field, ? is a character.
  await page.getByLabel('Run input').fill('why');
  await page.getByLabel('Run input').press('?');
  await expect(page.getByLabel('Run input')).toHaveValue('why?');
  await expect(sheet).toBeHidden();

  await page.getByRole('button', { name: 'Run', exact: true }).focus();
  await page.keyboard.press('?');
  await expect(sheet).toBeVisible();
  for (const what of [
    'Open the command palette',
    'Select all steps',
    'Remove the selected steps and edges',
    'Step back or forward one event',
    'Run',
    'Undo',
  ]) {
    await expect(sheet.getByRole('definition').filter({ hasText: new RegExp(`^${what}$`) })).toBeVisible();
  }
  await expect(sheet.getByRole('region', { name: 'Canvas' })).toContainText('Ctrl+A');
  await page.screenshot({ path: testInfo.outputPath('shortcuts-sheet.png') });
  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();
});

test('Ctrl+A on the canvas selects every step, Delete removes them, and Ctrl+Z brings them back', async ({ page }) => {
  const studio = await new StudioPage(page).open();
  const steps = page.getByRole('region', { name: /^Step / });
  await expect(studio.step('review')).toBeVisible();
  const count = await steps.count();
  expect(count).toBeGreaterThan(1);
  const edges = page.getByRole('group', { name: /^Edge from / });
  const edgeCount = await edges.count();
  expect(edgeCount).toBeGreaterThan(0);

  // A click on the canvas's background, then the keys.
  await studio.canvas.click({ position: { x: 10, y: 10 } });
  await page.keyboard.press('Control+A');
  await expect(page.locator('.react-flow__node.selected')).toHaveCount(count);
  await page.keyboard.press('Delete');
  await expect(steps).toHaveCount(0);
  await expect(edges).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'This flow is empty' })).toBeVisible();

  await page.keyboard.press('Control+Z');
  await expect(steps).toHaveCount(count);
  await expect(edges).toHaveCount(edgeCount);
});

test('the palette tidies the flow, starts a new flow, and opens a new project from each template', async ({ page }) => {
  const studio = await new StudioPage(page).open();
  const palette = new CommandPalette(page);
  await expect(studio.step('review')).toBeVisible();

  // Tidy up: the toolbar button's code path, with its shortcut shown; one Ctrl+Z undoes it.
  const review = page.locator('.react-flow__node').filter({ has: studio.step('review') });
  const before = await review.evaluate((el) => (el as HTMLElement).style.transform);
  await palette.open();
  await palette.search.fill('tidy');
  await expect(palette.list.getByRole('option').first()).toHaveAccessibleName(/^Tidy up/);
  await expect(palette.list.getByRole('option').first()).toContainText('Shift+Alt+L');
  await palette.search.press('Enter');
  await expect.poll(() => review.evaluate((el) => (el as HTMLElement).style.transform)).not.toBe(before);
  await studio.canvas.click({ position: { x: 10, y: 10 } });
  await page.keyboard.press('Control+Z');
  await expect.poll(() => review.evaluate((el) => (el as HTMLElement).style.transform)).toBe(before);

  // New flow…: the same naming field the toolbar's New flow opens.
  await palette.runCommand('new flow', 'New flow…');
  await page.getByLabel('New flow name').fill('Second thoughts');
  await page.getByRole('button', { name: 'Create flow' }).click();
  await expect(page.getByRole('combobox', { name: 'Current flow' })).toHaveValue(/.+/);
  await expect(page.getByRole('combobox', { name: 'Current flow' }).locator('option:checked')).toHaveText(
    'Second thoughts',
  );

  // Every template of New project ▾ is there; one opens that example.
  await palette.open();
  await palette.search.fill('new project');
  for (const template of [
    'Empty project',
    'Example: software pipeline',
    'Example: customer churn',
    'Example: venture pipeline',
    'Example: release checks',
  ]) {
    await expect(palette.option(`New project: ${template}`)).toBeVisible();
  }
  await page.keyboard.press('Escape');
  await palette.runCommand('new project churn', 'New project: Example: customer churn');
  await expect(page.getByRole('combobox', { name: 'Project' })).toContainText('Example: customer churn');
  await expect(
    page
      .locator('.react-flow__nodes')
      .getByRole('region', { name: /^Step / })
      .first(),
  ).toBeVisible();
});
