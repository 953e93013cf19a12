import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { ProjectMenu } from './pages/projectMenu';
import { StudioPage } from './pages/studioPage';

// The local OpenAI-compatible server Playwright starts (playwright.config.ts): model names it does
// not know (gpt-3.5-turbo, llama3.2) echo the prompt back as “Echo: <prompt>”.
const LLM = `http://127.0.0.1:${process.env.STUDIO_LLM_PORT ?? 4599}/v1`;
const fixture = (path: string) =>
  readFileSync(resolve(import.meta.dirname, '../src/core/import/fixtures', path), 'utf8');

test('drop a Rivet project: read its report, import it, and its chat graph runs with the prompt intact', async ({
  page,
}) => {
  const studio = await new StudioPage(page).open();
  const menu = new ProjectMenu(page);
  await menu.dropFile('cli-example.rivet-project', fixture('rivet/cli-example.rivet-project'));

  const report = menu.dialog('Import project').getByRole('region', { name: 'Import report' });
  await expect(report.getByRole('status')).toHaveText('7 of 7 nodes imported; no placeholders.');
  await expect(report.getByRole('row', { name: /^Chat chat step llm model \(gpt-3\.5-turbo\)/ })).toBeVisible();
  await expect(report).toContainText('Rivet · format 4');
  await report.getByLabel('Send the imported LLM models to (optional)').fill(LLM);
  await menu.confirmImport();

  await expect(page.getByRole('combobox', { name: 'Project' }).locator('option:checked')).toHaveText(
    'Untitled Project',
  );
  await page
    .getByRole('toolbar', { name: 'Flow' })
    .getByRole('combobox', { name: 'Current flow' })
    .selectOption({ label: 'Simple Chat' });
  await expect(studio.step('Chat').getByLabel('kind: LLM')).toBeVisible();
  await page.getByLabel('Run input').fill('What lives in a tide pool?');
  await studio.pressRun();
  await expect(studio.run(1)).toHaveAccessibleName('Run 1: succeeded', { timeout: 30_000 });
  await studio.selectStep('Chat');
  await expect(studio.inspector.getByTestId('imported-from')).toHaveText(
    'Rivet node “Chat” (chat) in cli-example.rivet-project',
  );
  await expect(studio.inspector).toContainText('Echo: What lives in a tide pool?');
  await studio.selectStep('Graph Output');
  await expect(studio.inspector).toContainText('Echo: What lives in a tide pool?');
});

test('import an n8n LLM-chain workflow: the chat model is the chain’s configuration, and the chain answers the chat input', async ({
  page,
}) => {
  const studio = await new StudioPage(page).open();
  const menu = new ProjectMenu(page);
  await menu.importFile('chat-ollama.json', fixture('n8n/chat-ollama.json'));

  const report = menu.dialog('Import project').getByRole('region', { name: 'Import report' });
  await expect(report.getByRole('status')).toHaveText('3 of 3 nodes imported; no placeholders.');
  await expect(
    report.getByRole('row', { name: /^Ollama Chat Model .* configuration of “Chat LLM Chain” \(ai_languageModel\)/ }),
  ).toBeVisible();
  await expect(report).toContainText('2 sticky notes are not steps');
  await report.getByLabel('Send the imported LLM models to (optional)').fill(LLM);
  await menu.confirmImport();

  await expect(page.getByRole('combobox', { name: 'Project' }).locator('option:checked')).toHaveText(
    'Chat with local LLMs using n8n and Ollama',
  );
  await page.getByLabel('Run input').fill('hello from n8n');
  await studio.pressRun();
  await expect(studio.run(1)).toHaveAccessibleName('Run 1: succeeded', { timeout: 30_000 });
  await studio.selectStep('Chat LLM Chain');
  await expect(studio.inspector).toContainText('Echo: hello from n8n');
  await expect(studio.inspector.getByTestId('imported-from')).toContainText('n8n node “Chat LLM Chain”');
});

test('a node that does not map is a placeholder that says so, and a hostile file is refused with a sentence, writing nothing', async ({
  page,
}) => {
  const studio = await new StudioPage(page).open();
  const menu = new ProjectMenu(page);
  const projects = page.getByRole('combobox', { name: 'Project' }).getByRole('option');
  const before = await projects.count();

  const bomb = `version: 4\ndata:\n  a: &a [x, x, x, x, x, x, x, x, x]\n  b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n  c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n  d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n  e: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n`;
  await menu.dropFile('bomb.rivet-project', bomb);
  await expect(menu.dialog('Import project').getByRole('alert')).toContainText('expands its aliases');
  await menu.dialog('Import project').getByText('Close', { exact: true }).click();
  await expect(projects).toHaveCount(before);

  await menu.dropFile('race-inputs-test.rivet-project', fixture('rivet/race-inputs-test.rivet-project'));
  const report = menu.dialog('Import project').getByRole('region', { name: 'Import report' });
  await expect(report.getByRole('status')).toHaveText('2 of 3 nodes imported; 1 placeholder: 1 external call node.');
  await menu.confirmImport();
  await expect(projects).toHaveCount(before + 1);
  await expect(studio.step('External Call')).toContainText('imported: needs you');
  await studio.pressRun();
  await expect(studio.run(1)).toHaveAccessibleName(/^Run 1: /, { timeout: 30_000 });
  await studio.selectStep('External Call');
  await expect(studio.inspector).toContainText('is a rivet externalCall node kept as it was imported');
});
