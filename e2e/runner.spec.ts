import { expect, test, type Page } from '@playwright/test';
import { StudioPage } from './pages/studioPage';
import { runnerApiPort } from '../playwright.config';

// The runner itself (restate-server and two runner processes) is started by playwright.config.ts.
const runnerUrl = `http://127.0.0.1:${runnerApiPort}`;

async function openRunnerPanel(page: Page) {
  await page.getByRole('button', { name: 'Observe ▾' }).click();
  await page.getByRole('menuitem', { name: 'Runner' }).click();
  return page.getByRole('region', { name: 'Runner' });
}

test('the software pipeline runs on the runner, shows live, goes on while the tab is away, and comes back verified', async ({ page }) => {
  await new StudioPage(page).open();
  const panel = await openRunnerPanel(page);
  await panel.getByLabel('Runner address').fill(runnerUrl);
  await panel.getByRole('button', { name: 'Connect' }).click();
  await expect(panel.getByRole('status').first()).toContainText('Connected: studio 0.1.0, 2 runner processes');
  await panel.getByRole('button', { name: 'Run “Software pipeline” on runner' }).click();

  const runs = panel.getByRole('list', { name: 'Remote runs' });
  // Live: the remote log's steps finish one by one while the panel follows it.
  await expect(runs.getByText(/running: \d+ of 5 steps done/)).toBeVisible();
  await expect(runs.getByText('remote', { exact: true })).toBeVisible();

  // The tab goes away mid-run; the run goes on on the runner. Reopened, the studio catches up.
  await page.reload();
  const again = await openRunnerPanel(page);
  const row = again.getByRole('list', { name: 'Remote runs' }).getByRole('listitem').first();
  await expect(row).toContainText('succeeded', { timeout: 60_000 });
  await expect(row).toContainText('Its chain and the runner’s signature were checked first.', { timeout: 30_000 });
  await expect(row).toContainText(/1 run, \d+ events and \d+ artifacts/);
  await page.screenshot({ path: test.info().outputPath('runner-panel.png') });
});

test('a runner that does not answer says so and names the command that starts one', async ({ page }) => {
  await new StudioPage(page).open();
  const panel = await openRunnerPanel(page);
  await panel.getByLabel('Runner address').fill('http://127.0.0.1:9');
  await panel.getByRole('button', { name: 'Connect' }).click();
  await expect(panel.getByRole('alert')).toContainText('No runner answers at http://127.0.0.1:9. Start one with `npm run runner`');
  await expect(panel.getByRole('button', { name: 'Run “Software pipeline” on runner' })).toBeDisabled();
});
