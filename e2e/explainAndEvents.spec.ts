import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { StudioPage } from './pages/studioPage';
import { TimelinePage } from './pages/timelinePage';

const FAILING_CODE = 'document.body.innerHTML = eval(userInput);';
const PASSING_CODE = "import { add } from './add';\ntest('adds', () => expect(add(1, 2)).toBe(3));";

/** Serious and critical axe findings inside one panel, each as "rule: where". */
async function seriousIn(page: Page, selector: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).include(selector).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

async function releaseChecksRun(page: Page, code: string, n: number): Promise<StudioPage> {
  const studio = new StudioPage(page);
  await page.getByLabel('Run input').fill(code);
  await studio.pressRun();
  await expect(studio.run(n)).toHaveAccessibleName(`Run ${n}: succeeded`, { timeout: 30_000 });
  return studio;
}

test.describe('Explain and the Events view', () => {
  test('Explain on the skipped Deploy names the failed checks and the gate; a sentence moves the timeline to its event', async ({
    page,
  }, info) => {
    const studio = await new StudioPage(page).open();
    await studio.newProject('Example: release checks');
    await releaseChecksRun(page, FAILING_CODE, 1);
    await expect(studio.stepStatus('Deploy')).toHaveText('skipped');
    await studio.selectStep('Deploy');
    await studio.inspector.getByRole('button', { name: 'Explain “Deploy”' }).click();

    const panel = page.getByRole('complementary', { name: 'Explain' });
    await expect(panel.getByRole('heading', { name: '“Deploy” in Run 1 of “Release checks”' })).toBeVisible();
    const chain = panel.getByRole('list', { name: 'Causal chain' });
    await expect(
      chain.getByRole('button', { name: /“Security” reported a failure: Fails: the code uses eval or innerHTML/ }),
    ).toBeVisible();
    await expect(
      chain.getByRole('button', { name: /“Testing” reported a failure: Fails: there is no test/ }),
    ).toBeVisible();
    await expect(chain.getByRole('button', { name: /Performance|Quality|Architecture/ })).toHaveCount(0);
    await expect(chain.getByRole('button', { name: /The gate “All pass” decided: Did not pass/ })).toBeVisible();
    await expect(chain.getByRole('button', { name: /“Deploy” was skipped/ })).toBeVisible();
    await page.screenshot({ path: info.outputPath('explain-deploy.png') });
    expect(await seriousIn(page, 'aside[aria-label="Explain"]')).toEqual([]);

    const timeline = new TimelinePage(page);
    await chain.getByRole('button', { name: /The gate “All pass” decided/ }).click();
    await timeline.expectAt(/“All pass” went blocked$/);
    await chain.getByRole('button', { name: /“Security” reported a failure/ }).click();
    await timeline.expectAt(/“Security” produced result$/);

    // From the timeline: Explain on the event at the cursor explains the step it is about.
    await timeline.root.getByRole('button', { name: 'Explain' }).click();
    await expect(panel.getByRole('heading', { name: '“Security” in Run 1 of “Release checks”' })).toBeVisible();
    await expect(
      chain.getByRole('button', {
        name: /“Security” became due: it needs nothing from other steps, once the run started with its input/,
      }),
    ).toBeVisible();
    await expect(chain.getByRole('button', { name: /“Security” produced “result”/ })).toHaveClass(/is-focus/);

    // From the palette: Explain the selected step.
    await studio.selectStep('Testing');
    await page.keyboard.press('Control+k');
    const palette = page.getByRole('dialog', { name: 'Command palette' });
    await palette.getByRole('combobox').fill('explain');
    await palette.getByRole('option', { name: /Explain “Testing”/ }).click();
    await expect(panel.getByRole('heading', { name: '“Testing” in Run 1 of “Release checks”' })).toBeVisible();
  });

  test('the Events view filters, a click moves the timeline there, and Verify chain reports OK', async ({
    page,
  }, info) => {
    const studio = await new StudioPage(page).open();
    await studio.newProject('Example: release checks');
    await releaseChecksRun(page, PASSING_CODE, 1);
    await releaseChecksRun(page, FAILING_CODE, 2);

    await page.getByRole('button', { name: 'Observe ▾' }).click();
    await page.getByRole('menuitem', { name: 'Events' }).click();
    const panel = page.getByRole('complementary', { name: 'Events' });
    const table = panel.getByRole('grid', { name: 'Event log' });
    await expect(table.getByRole('row').nth(1)).toBeVisible();

    await panel.getByLabel('Type', { exact: true }).selectOption('step.skipped');
    await panel.getByLabel('Run', { exact: true }).selectOption({ label: 'Run 1 · Release checks' });
    const rows = table.getByRole('row').filter({ has: page.getByRole('gridcell') });
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText('Block & report');
    await panel.getByLabel('Run', { exact: true }).selectOption({ label: 'Run 2 · Release checks' });
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText('Deploy');

    await panel.getByLabel('Type', { exact: true }).selectOption('');
    await panel.getByLabel('Step', { exact: true }).selectOption('Security');
    await panel.getByLabel('Text', { exact: true }).fill('produced');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText('“Security” produced result');

    // A click shows that moment of that run on the timeline.
    await panel.getByLabel('Run', { exact: true }).selectOption({ label: 'Run 1 · Release checks' });
    await rows.first().click();
    await expect(studio.run(1)).toHaveAttribute('aria-current', 'true');
    await new TimelinePage(page).expectAt(/“Security” produced result$/);
    await expect(rows.first()).toHaveAttribute('aria-selected', 'true');

    // Ctrl+click adds a row; the selection copies as the events themselves, in JSON.
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await panel.getByLabel('Step', { exact: true }).selectOption('');
    await panel.getByLabel('Text', { exact: true }).fill('“Security” produced');
    await panel.getByLabel('Run', { exact: true }).selectOption('');
    await expect(rows).toHaveCount(2);
    await rows.nth(1).click({ modifiers: ['ControlOrMeta'] });
    await panel.getByRole('button', { name: 'Copy selection as JSON' }).click();
    await expect(panel.getByRole('status').filter({ hasText: 'Copied' })).toHaveText('Copied 2 events as JSON.');
    const copied = JSON.parse(await page.evaluate(() => navigator.clipboard.readText())) as Array<{
      type: string;
      data: { port: string };
    }>;
    expect(copied.map((e) => [e.type, e.data.port])).toEqual([
      ['artifact.produced', 'result'],
      ['artifact.produced', 'result'],
    ]);

    await panel.getByRole('button', { name: 'Verify chain' }).click();
    await expect(panel.getByRole('status').filter({ hasText: 'Chain OK' })).toHaveText(
      /^Chain OK: all \d+ events link to the one before and match their hashes\.$/,
    );
    await page.screenshot({ path: info.outputPath('events-view.png') });
    expect(await seriousIn(page, 'aside[aria-label="Events"]')).toEqual([]);
    await panel.getByRole('button', { name: 'Maximise events' }).click();
    await panel.getByLabel('Text', { exact: true }).fill('');
    await expect(panel.getByRole('columnheader', { name: 'Summary' })).toBeVisible();
    await page.screenshot({ path: info.outputPath('events-view-wide.png') });
  });
});
