import { expect, test } from '@playwright/test';
import { StudioPage } from './pages/studioPage';

test('after one visit, the studio loads and runs the example with the network off', async ({ page, context }) => {
  const studio = await new StudioPage(page).open();
  // The service worker has precached the whole build once it is active and controls the page.
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

  await context.setOffline(true);
  try {
    // Really offline: a file the cache does not hold cannot be fetched.
    expect(
      await page.evaluate(() =>
        fetch('/not-cached.txt').then(
          () => 'online',
          () => 'offline',
        ),
      ),
    ).toBe('offline');
    const response = await page.reload();
    expect(response?.fromServiceWorker()).toBe(true);
    // The cached page kept its COOP/COEP headers: still cross-origin isolated.
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    await expect(page.getByRole('button', { name: /^Run( again)?$/ })).toBeEnabled();
    await studio.pressRun();
    await expect(studio.run(1)).toHaveAccessibleName('Run 1: succeeded', { timeout: 30_000 });
    // Monaco and its workers load from the cache too.
    await page.getByRole('button', { name: 'New model' }).click();
    await page.getByRole('menuitem', { name: 'Script' }).click();
    await expect(studio.modelEditor.locator('.monaco-editor').first()).toBeVisible();
  } finally {
    await context.setOffline(false);
  }
});
