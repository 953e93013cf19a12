import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { ExtensionsPanel } from './pages/extensionsPanel';
import { ProjectMenu } from './pages/projectMenu';
import { StudioPage } from './pages/studioPage';

/** The serious and critical findings of axe on the page as it is, each as "rule: where". */
async function seriousViolations(page: Page, testInfo: TestInfo, name: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  await page.screenshot({ path: testInfo.outputPath(`${name}.png`) });
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) =>
      v.nodes.map(
        (n) => `${v.id}: ${n.target.join(' ')} (${n.failureSummary?.split('\n').slice(0, 2).join(' ') ?? ''})`,
      ),
    );
}

for (const theme of ['dark', 'light'] as const) {
  test.describe(`in the ${theme} theme`, () => {
    test.beforeEach(async ({ page }) => {
      await page.emulateMedia({ colorScheme: theme });
    });

    test('the canvas with a run and a selected step, and the inspector, have no serious accessibility faults', async ({
      page,
    }, testInfo) => {
      const studio = await new StudioPage(page).open();
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      await studio.pressRun();
      await expect(studio.run(1)).toHaveAccessibleName('Run 1: succeeded', { timeout: 30_000 });
      await studio.selectStep('extract_features');
      await expect(studio.inspector.getByRole('table')).toBeVisible();
      expect(await seriousViolations(page, testInfo, `canvas-${theme}`)).toEqual([]);
    });

    test('the model editor and the intents editor have no serious accessibility faults', async ({ page }, testInfo) => {
      const studio = await new StudioPage(page).open();
      await page.getByRole('button', { name: 'Edit model enhance_prompt' }).click();
      await expect(studio.modelEditor.locator('.monaco-editor')).toBeVisible();
      expect(await seriousViolations(page, testInfo, `model-editor-${theme}`)).toEqual([]);

      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: 'Intents' }).click();
      await expect(page.getByRole('complementary', { name: 'Intents' }).locator('.monaco-editor')).toBeVisible();
      expect(await seriousViolations(page, testInfo, `intents-${theme}`)).toEqual([]);
    });

    test('the Settings and Extensions dialogs have no serious accessibility faults', async ({ page }, testInfo) => {
      await new StudioPage(page).open();
      const menu = new ProjectMenu(page);
      await menu.choose('Settings…');
      await expect(menu.dialog('Project settings')).toBeVisible();
      expect(await seriousViolations(page, testInfo, `settings-${theme}`)).toEqual([]);
      await page.keyboard.press('Escape');
      await expect(menu.dialog('Project settings')).toBeHidden();

      const extensions = new ExtensionsPanel(page);
      await extensions.open();
      expect(await seriousViolations(page, testInfo, `extensions-${theme}`)).toEqual([]);
    });
  });
}
