import { expect, test } from '@playwright/test';
import { StudioPage } from './pages/studioPage';
import { expectSoundLog, openProjectId, readLog } from './support/projectLog';

/** Waits three seconds without burning a core, so the run is still going when the leader closes. */
const SLOW = `export default async function run(ctx: Ctx) {
  await new Promise((resolve) => setTimeout(resolve, 3000));
  ctx.emit('output', 'slept');
}
`;

test('closing the leading tab mid-run: the other tab takes over within 2 s and finishes the run by itself, and no event is ever written twice', async ({ context }) => {
  const leader = new StudioPage(await context.newPage());
  await leader.open();
  await leader.projectWithOneStep({ name: 'slow', code: SLOW, timeoutMs: 10_000 });
  const projectId = await openProjectId(leader.page);

  const follower = new StudioPage(await context.newPage());
  await follower.page.goto('/');
  await expect(follower.page.getByRole('status').filter({ hasText: 'Following another tab (read-only)' })).toBeVisible();
  await expect(follower.step('slow')).toBeVisible();

  await leader.pressRun();
  await expect(follower.stepStatus('slow')).toHaveText('running');
  // The follower tries a change and is refused: that refusal is about to stop being true.
  await follower.selectStep('slow');
  await follower.inspector.getByLabel('Step name').fill('renamed');
  await follower.inspector.getByLabel('Step name').press('Enter');
  const refusal = follower.page.getByRole('alert').filter({ hasText: 'Another tab is running this project' });
  await expect(refusal).toBeVisible();
  await expect(follower.inspector.getByRole('list', { name: 'Attempts' }).getByRole('listitem')).toHaveText([/running…/]);

  // Measured in the follower: from the moment the leader starts closing to the moment the
  // follower shows it is the writer (its read-only badge gone, Run enabled).
  const closing = Date.now();
  await leader.page.close();
  await follower.page.waitForFunction(() => !document.body.textContent?.includes('Following another tab') && !document.querySelector<HTMLButtonElement>('button.primary')?.disabled, undefined, { polling: 10 });
  const handoverMs = (await follower.page.evaluate(() => Date.now())) - closing;
  test.info().annotations.push({ type: 'hand-over', description: `${handoverMs} ms` });
  console.info(`two-tab hand-over: ${handoverMs} ms`);
  expect(handoverMs).toBeLessThan(2_000);
  await expect(refusal).toHaveCount(0);

  // The new leader goes on with the run, with no click, and says so in one line.
  const told = follower.page.getByRole('status').filter({ hasText: 'continued after' });
  await expect(told).toHaveText([/^Run 1 continued after the other tab closed\./]);
  await follower.page.screenshot({ path: test.info().outputPath('continued-after-takeover.png') });
  await expect(follower.run(1)).toHaveAccessibleName('Run 1: succeeded', { timeout: 30_000 });
  await expect(follower.stepStatus('slow')).toHaveText('done');
  // The agent that died with the leader shows as abandoned, not running; its successor finished.
  await expect(follower.inspector.getByRole('list', { name: 'Attempts' }).getByRole('listitem')).toHaveText([/abandoned.*It stopped when the tab running it closed\./, /succeeded/]);
  await expect(follower.page.getByRole('button', { name: 'Resume run 1' })).toHaveCount(0);
  await expect(told).toHaveCount(1);

  const log = await readLog(follower.page, projectId);
  await expectSoundLog(log);
  const types = (type: string) => log.filter((e) => e.type === type);
  expect(types('run.finished').map((e) => (e.type === 'run.finished' ? e.data.status : ''))).toEqual(['succeeded']);
  expect(types('run.continued').map((e) => (e.type === 'run.continued' ? e.data.after : ''))).toEqual(['takeover']);
  expect(types('agent.spawned')).toHaveLength(2);
  expect(types('gap.closed').map((e) => (e.type === 'gap.closed' ? e.data.resolution : ''))).toEqual(['abandoned', 'filled']);
});
