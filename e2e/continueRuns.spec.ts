import { expect, test } from '@playwright/test';
import { ProjectMenu } from './pages/projectMenu';
import { StudioPage } from './pages/studioPage';
import { fastThenSlow, openProject } from './support/definitionsProject';
import { expectSoundLog, openProjectId, readLog } from './support/projectLog';

test('a reload mid-run continues the run by itself: finished steps are not run again, and nothing is written twice', async ({
  page,
}) => {
  const studio = await new StudioPage(page).open();
  const projectId = await openProjectId(page);
  await studio.pressRun();
  await expect(studio.stepStatus('generate_code')).toHaveText('running', { timeout: 20_000 });

  await page.reload();
  await expect(page.getByRole('status').filter({ hasText: 'continued after' })).toHaveText([
    /^Run 1 continued after the studio was reopened\./,
  ]);
  await expect(studio.run(1)).toHaveAccessibleName('Run 1: succeeded', { timeout: 30_000 });
  await expect(page.getByRole('button', { name: 'Resume run 1' })).toHaveCount(0);
  // Finished steps were not redone: one agent each.
  for (const label of ['enhance_prompt', 'extract_features']) {
    await studio.selectStep(label);
    await expect(studio.inspector.getByRole('list', { name: 'Attempts' }).getByRole('listitem')).toHaveCount(1);
  }
  await studio.selectStep('review');
  await expect(studio.inspector.getByLabel('Artifact output report')).toContainText('approved');

  const log = await readLog(page, projectId);
  await expectSoundLog(log);
  expect(
    log.filter((e) => e.type === 'run.finished').map((e) => (e.type === 'run.finished' ? e.data.status : '')),
  ).toEqual(['succeeded']);
  const continued = log.filter((e) => e.type === 'run.continued');
  expect(continued.map((e) => (e.type === 'run.continued' ? e.data.after : ''))).toEqual(['reopen']);
  // Each step that had finished before the reload has one agent; the ones cut off have two.
  const abandoned = new Set<string>(
    continued.flatMap((e) => (e.type === 'run.continued' ? e.data.abandoned.map((a) => a.stepId) : [])),
  );
  expect(abandoned.size).toBeGreaterThan(0);
  const spawns = new Map<string, number>();
  for (const e of log) if (e.type === 'agent.spawned') spawns.set(e.data.stepId, (spawns.get(e.data.stepId) ?? 0) + 1);
  for (const [stepId, count] of spawns) expect(count, `agents for ${stepId}`).toBe(abandoned.has(stepId) ? 2 : 1);
});

test('with auto-continue turned off in the project settings, the setting is kept in the log and a reload leaves the run interrupted', async ({
  page,
}) => {
  // A step slow enough that the page being reloaded cannot finish the run on its way out.
  const studio = await openProject(page, fastThenSlow(8000), 'Auto-continue off');
  const projectId = await openProjectId(page);
  const menu = new ProjectMenu(page);
  await menu.choose('Settings…');
  const dialog = menu.dialog('Project settings');
  await expect(dialog.getByRole('checkbox', { name: 'Continue interrupted runs automatically' })).toBeChecked();
  await page.screenshot({ path: test.info().outputPath('project-settings.png') });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await menu.setAutoContinue(false);

  await studio.pressRun();
  await expect(studio.stepStatus('Slow step')).toHaveText('running', { timeout: 20_000 });
  await page.reload();
  await expect(studio.run(1)).toHaveAccessibleName('Run 1: interrupted');
  await expect(page.getByRole('button', { name: 'Resume run 1' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'continued after' })).toHaveCount(0);
  // The setting is the project's: the dialog shows it as saved.
  await menu.choose('Settings…');
  await expect(dialog.getByRole('checkbox', { name: 'Continue interrupted runs automatically' })).not.toBeChecked();
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  const log = await readLog(page, projectId);
  expect(log.filter((e) => e.type === 'settings.saved').map((e) => e.data)).toEqual([{ autoContinue: false }]);
  expect(log.filter((e) => e.type === 'run.continued')).toHaveLength(0);
});
