import { expect, test } from '@playwright/test';
import { flow, openProject, step, text } from './support/definitionsProject';
import { monacoText, setMonacoText } from './support/monacoEditor';

// The local OpenAI-compatible server Playwright starts: the requested model name says how it behaves.
const LLM = `http://127.0.0.1:${process.env.STUDIO_LLM_PORT ?? 4599}/v1`;
const llm = (modelId: string, name: string, model: string) => ({
  type: 'model.saved',
  data: { model: { modelId, kind: 'llm', name, version: 1, inputs: [text('topic')], outputs: [text('text')], baseUrl: LLM, model, prompt: 'Write about {{topic}}', timeoutMs: 10_000 } },
});

test.beforeEach(async ({ request }) => {
  await request.post(`${LLM.replace('/v1', '')}/__reset`);
});

test('a fallback set by the model’s name survives renaming the model: the run uses it and the settings show the new name', async ({ page }) => {
  const studio = await openProject(page, [llm('m_down', 'Down server', 'down'), llm('m_echo', 'Backup', 'echo'), flow, step('s_down', 'm_down', 'Down', 0, 0)], 'Names not ids');
  await studio.selectStep('Down');
  const settings = studio.inspector.getByRole('region', { name: 'Step settings' });
  await settings.getByText('Step settings').click();
  await expect(settings.getByRole('textbox', { name: 'Step settings document' })).toBeAttached();

  // Completion offers the models by name, each with its kind.
  await setMonacoText(page, 'Step settings document', '{ "fallbacks": [');
  await page.keyboard.press('Control+Space');
  const suggestions = page.locator('.suggest-widget');
  await expect(suggestions.getByRole('option', { name: /Backup/ })).toBeVisible();
  await expect(suggestions).toContainText('Down server');
  await page.keyboard.press('Escape');

  await setMonacoText(page, 'Step settings document', '{ "fallbacks": ["Nobody"] }\n');
  await expect(settings.getByRole('region', { name: 'Problems' })).toContainText('Line 1, fallbacks.0: no model is called “Nobody”');
  await setMonacoText(page, 'Step settings document', '{ "fallbacks": ["Backup"] }\n');
  await expect(settings.getByRole('region', { name: 'Problems' })).toHaveCount(0);
  await settings.getByRole('button', { name: 'Save step settings' }).click();
  await expect(settings.getByRole('status')).toContainText('Step settings saved');

  // Rename the fallback model in its definition.
  await page.getByRole('button', { name: 'Edit model Backup' }).click();
  const editor = page.getByRole('complementary', { name: 'Model editor' });
  const definition = await monacoText(page, 'Model definition');
  expect(definition).toContain('"name": "Backup"');
  await setMonacoText(page, 'Model definition', definition.replace('"name": "Backup"', '"name": "Spare writer"'));
  await editor.getByRole('button', { name: 'Save model' }).click();
  await expect(editor.getByRole('status')).toHaveText('Saved as version 2');
  await page.keyboard.press('Escape');

  await studio.selectStep('Down');
  await expect.poll(() => monacoText(page, 'Step settings document')).toContain('"Spare writer"');
  expect(await monacoText(page, 'Step settings document')).not.toContain('m_echo');

  await page.getByLabel('Run input').fill('tide pools');
  await studio.pressRun();
  await expect(studio.run(1)).toHaveAccessibleName('Run 1: succeeded', { timeout: 30_000 });
  await studio.selectStep('Down');
  await expect(studio.inspector.getByTestId('produced-by')).toHaveText('Produced by Spare writer v2 (fallback)');
});
