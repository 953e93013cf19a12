import { expect, test } from '@playwright/test';
import { StudioPage } from './pages/studioPage';

test('a second tab on the same project follows the first, read-only, and shows what the first one does', async ({
  context,
}) => {
  const leader = await new StudioPage(await context.newPage()).open();
  const followerPage = await context.newPage();
  await followerPage.goto('/');
  const follower = new StudioPage(followerPage);
  await expect(followerPage.getByRole('status').filter({ hasText: 'Following another tab (read-only)' })).toBeVisible();
  await expect(followerPage.getByRole('button', { name: 'Run', exact: true })).toBeDisabled();

  // What the leader does appears live in the follower.
  await leader.pressRun();
  await expect(follower.run(1)).toHaveAccessibleName('Run 1: succeeded', { timeout: 30_000 });
  await expect(follower.stepStatus('review')).toHaveText('done');

  // The follower cannot write: a rename there is refused with a sentence.
  await follower.selectStep('review');
  await follower.inspector.getByLabel('Step name').fill('renamed');
  await follower.inspector.getByLabel('Step name').press('Enter');
  await expect(
    followerPage.getByRole('alert').filter({ hasText: 'Another tab is running this project' }),
  ).toBeVisible();
  await expect(leader.step('review')).toBeVisible();

  // Closing the leader hands the project over: the follower becomes the writer.
  await leader.page.close();
  await expect(followerPage.getByRole('button', { name: /^Run( again)?$/ })).toBeEnabled();
  await expect(followerPage.getByText('Following another tab (read-only)')).toHaveCount(0);
  // The refusal said another tab runs the project; that is no longer true, so it goes.
  await expect(followerPage.getByRole('alert').filter({ hasText: 'Another tab is running this project' })).toHaveCount(
    0,
  );
});
