import { chromium, expect, test, type Page } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumArgs, chromiumPath } from './support/chromium.mjs';
import { StudioPage } from './pages/studioPage';

/** Fills the heap when its input says so; otherwise answers at once. */
const BOMB = `export default async function run(ctx: Ctx) {
  if (String(ctx.inputs.text) === 'bomb') {
    const hoard: number[][] = [];
    while (true) hoard.push(new Array(1e6).fill(hoard.length));
  }
  ctx.emit('said', 'calm ' + String(ctx.inputs.text));
}
`;

/**
 * Agents run in a hidden sandboxed iframe that Chromium gives its own process. An agent that
 * exhausts the heap, with a timeout long enough that no deadline stops it first, must kill only
 * that iframe: the tab lives on, the step fails with a reason, and the next run works.
 *
 * Playwright treats the iframe's crash as the page's and refuses to drive the page afterwards, so
 * the test reconnects to the same browser over CDP and carries on with the very same tab.
 */
test('an agent that exhausts the heap kills only its sandbox iframe: the tab lives on and the next run works', async ({
  baseURL,
}) => {
  test.setTimeout(240_000);
  const profile = mkdtempSync(join(tmpdir(), 'studio-oom-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath() ?? '/usr/bin/chromium',
    args: [...chromiumArgs, '--remote-debugging-port=0'],
    baseURL: baseURL ?? '',
    viewport: { width: 1440, height: 900 },
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const studio = await new StudioPage(page).open();
    await studio.newProject('Empty project');
    await expect(page.getByRole('heading', { name: 'This flow is empty' })).toBeVisible();
    await studio.createModel({ name: 'hoarder', input: 'text', output: 'said', code: BOMB, timeoutMs: 600_000 });
    await page.getByRole('button', { name: 'Add hoarder to the flow' }).click();
    await expect(studio.step('hoarder')).toBeVisible();
    await expect(page.locator('iframe[title="Agent sandboxes"]')).toHaveCount(1);

    await page.evaluate(() => {
      const w = window as unknown as { beats: number };
      w.beats = 0;
      setInterval(() => (w.beats += 1), 100);
    });
    const crashed = new Promise<'crashed'>((resolve) => page.once('crash', () => resolve('crashed')));
    await page.getByLabel('Run input').fill('bomb');
    await studio.pressRun();
    // The iframe's crash, or (should Chromium ever stop only the worker) the failed run.
    await Promise.race([crashed, expect(studio.run(1)).toHaveAccessibleName('Run 1: failed', { timeout: 180_000 })]);

    const port = readFileSync(join(profile, 'DevToolsActivePort'), 'utf8').split('\n')[0];
    const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
    try {
      const tab = browser
        .contexts()
        .flatMap((c) => c.pages())
        .find((p: Page) => p.url().startsWith(baseURL ?? ''));
      if (!tab) throw new Error('the studio tab is gone');
      const beats = () => tab.evaluate(() => (window as unknown as { beats: number }).beats);
      const before = await beats();
      await expect.poll(beats, { message: 'the tab stopped beating' }).toBeGreaterThan(before + 5);

      const again = new StudioPage(tab);
      await expect(again.run(1)).toHaveAccessibleName('Run 1: failed');
      await expect(again.stepStatus('hoarder')).toHaveText('failed');
      await again.selectStep('hoarder');
      await expect(again.inspector.getByRole('status')).toContainText('it ran out of memory and was stopped.');
      await expect(tab.locator('iframe[title="Agent sandboxes"]')).toHaveCount(1);

      await tab.getByLabel('Run input').fill('quiet');
      await again.pressRun();
      await expect(again.run(2)).toHaveAccessibleName('Run 2: succeeded');
      await again.selectStep('hoarder');
      await expect(again.inspector.getByLabel('Artifact output said')).toContainText('calm quiet');
    } finally {
      await browser.close().catch(() => undefined);
    }
  } finally {
    await context.close().catch(() => undefined);
    rmSync(profile, { recursive: true, force: true });
  }
});
