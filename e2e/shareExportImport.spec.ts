import { expect, test } from '@playwright/test';
import { StudioPage } from './pages/studioPage';
import { ProjectMenu } from './pages/projectMenu';

const EXAMPLE_STEPS = ['enhance_prompt', 'extract_features', 'generate_code', 'write_tests', 'review'];

test('export everything, import it: the copy opens as a new project and replays the same runs, statuses and artifacts', async ({
  page,
}) => {
  const studio = await new StudioPage(page).open();
  const menu = new ProjectMenu(page);
  await studio.pressRun();
  await expect(studio.run(1)).toHaveAccessibleName('Run 1: succeeded', { timeout: 30_000 });

  const file = await menu.exportProject('Everything');
  expect(file.name).toBe('example-software-pipeline.conductor.json');
  expect(JSON.parse(file.text)).toMatchObject({
    format: 'conductor-studio/project',
    version: 3,
    contents: 'everything',
    signature: { alg: 'ECDSA-P256-SHA256' },
  });

  await menu.importFile(file.name, file.text);
  await expect(menu.importSignature).toContainText('Signed by this studio');
  await menu.confirmImport();
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: 'Imported “Example: software pipeline (imported)” as a new project with 1 run' }),
  ).toBeVisible();
  // It opened, beside the original (never over it).
  await expect(page.getByRole('combobox', { name: 'Project' })).toHaveValue(/^p_/);
  await expect(page.getByRole('combobox', { name: 'Project' }).locator('option:checked')).toHaveText(
    'Example: software pipeline (imported)',
  );
  await expect(page.getByRole('combobox', { name: 'Project' }).getByRole('option')).toHaveCount(2);

  await expect(studio.run(1)).toHaveAccessibleName('Run 1: succeeded');
  for (const label of EXAMPLE_STEPS) await expect(studio.stepStatus(label)).toHaveText('done');
  await studio.selectStep('extract_features');
  await expect(studio.inspector.getByRole('table').getByRole('cell', { name: 'F-1', exact: true })).toBeVisible();
  await studio.selectStep('review');
  await expect(studio.inspector.getByLabel('Artifact output report')).toContainText('"verdict": "approved"');

  // And the copy is a working project: it runs again.
  await studio.pressRun();
  await expect(studio.run(2)).toHaveAccessibleName('Run 2: succeeded', { timeout: 30_000 });
});

test('drag a definitions-only export onto the studio: its models and flow open as a new project, with no runs', async ({
  page,
}) => {
  const studio = await new StudioPage(page).open();
  const menu = new ProjectMenu(page);
  await studio.pressRun();
  await expect(studio.run(1)).toHaveAccessibleName('Run 1: succeeded', { timeout: 30_000 });
  const file = await menu.exportProject('Definitions only');
  expect(file.name).toBe('example-software-pipeline.definitions.conductor.json');

  await menu.dropFile(file.name, file.text);
  await expect(menu.dialog('Import project')).toContainText('Its models and flows (definitions only, no runs).');
  await menu.confirmImport();
  await expect(
    page.getByRole('status').filter({
      hasText: 'Imported “Example: software pipeline (imported)” as a new project with its models and flows',
    }),
  ).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Project' }).locator('option:checked')).toHaveText(
    'Example: software pipeline (imported)',
  );
  for (const label of EXAMPLE_STEPS) await expect(studio.step(label)).toBeVisible();
  await expect(page.getByText('No runs yet. Press Run to start one.')).toBeVisible();
});
