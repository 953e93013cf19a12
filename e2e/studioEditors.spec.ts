import { expect, test, type Page } from '@playwright/test';
import { StudioPage } from './pages/studioPage';
import { ProjectMenu } from './pages/projectMenu';
import { monacoMarkers, monacoText, setMonacoText } from './support/monacoEditor';

const ECHO = `export default async function run(ctx: Ctx) {
  ctx.emit('output', String(ctx.inputs.input));
}
`;

async function newDefinition(page: Page, kind: string) {
  await page.getByRole('button', { name: 'New model' }).click();
  await page.getByRole('menuitem', { name: kind, exact: true }).click();
  const editor = page.getByRole('complementary', { name: 'Model editor' });
  await expect(editor.getByRole('textbox', { name: 'Model definition' })).toBeAttached();
  return editor;
}

test('a new LLM model starts from a commented template, is checked as it is typed, and saves', async ({ page }) => {
  const studio = await new StudioPage(page).open();
  await studio.newProject('Empty project');
  await expect(page.getByRole('heading', { name: 'This flow is empty' })).toBeVisible();
  const editor = await newDefinition(page, 'LLM');
  await expect(editor.getByRole('heading', { name: 'New model · LLM' })).toBeVisible();
  await expect(editor.getByTestId('llm-key-note')).toContainText('Project ▾ → API keys');
  expect(await monacoText(page, 'Model definition')).toContain('"baseUrl": "http://localhost:11434/v1"');

  await setMonacoText(
    page,
    'Model definition',
    '// a note\n{\n  "kind": "llm",\n  "name": "Ask",\n  "inputs": [],\n  "outputs": [{ "name": "text", "type": "text" }],\n  "baseUrl": "http://localhost:11434/v1",\n  "model": "llama3.2",\n  "prompt": "hi",\n  "maxTokens": -1\n}\n',
  );
  await expect(editor.getByRole('region', { name: 'Problems' })).toContainText('Line 10, maxTokens:');
  // Monaco's JSON Schema check marks it as well, and takes the comment as JSONC, not as an error.
  const modelMarkers = async () => (await monacoMarkers(page)).filter((m) => m.resource.endsWith('.model.jsonc'));
  await expect
    .poll(async () => (await modelMarkers()).some((m) => m.startLineNumber === 10 && /minimum/i.test(m.message)))
    .toBe(true);
  expect((await modelMarkers()).filter((m) => /comment/i.test(m.message))).toEqual([]);

  await setMonacoText(
    page,
    'Model definition',
    '// mine\n{\n  "kind": "llm",\n  "name": "Ask",\n  "inputs": [],\n  "outputs": [{ "name": "text", "type": "text" }],\n  "baseUrl": "http://localhost:11434/v1",\n  "model": "llama3.2",\n  "prompt": "hi"\n}\n',
  );
  await expect(editor.getByRole('region', { name: 'Problems' })).toHaveCount(0);
  await editor.getByRole('button', { name: 'Save model' }).click();
  await expect(editor.getByRole('status')).toHaveText('Saved as version 1');
  // The document stays as written, comment and all.
  expect(await monacoText(page, 'Model definition')).toContain('// mine');
  await expect(
    page.getByRole('region', { name: 'Models' }).getByRole('listitem').filter({ hasText: 'Ask' }),
  ).toContainText('LLM');
  await page.keyboard.press('Escape');
  await expect(editor).toBeHidden();
  await page.getByRole('button', { name: 'Edit model Ask' }).click();
  await expect(editor.getByRole('heading', { name: 'Edit model · version 1' })).toBeVisible();
  expect(await monacoText(page, 'Model definition')).toContain('"modelId": "');
});

test('a step’s settings are edited as JSON with comments, saved, and undone', async ({ page }) => {
  const studio = await new StudioPage(page).open();
  await studio.projectWithOneStep({ name: 'echo', code: ECHO });
  await studio.selectStep('echo');
  const settings = studio.inspector.getByRole('region', { name: 'Step settings' });
  await settings.getByText('Step settings').click();
  await expect(settings.getByRole('textbox', { name: 'Step settings document' })).toBeAttached();
  expect(await monacoText(page, 'Step settings document')).toContain('{ "retry": { "maxAttempts": 3');

  await setMonacoText(page, 'Step settings document', '{ "retry": { "maxAttempts": 30 } }');
  await expect(settings.getByRole('region', { name: 'Problems' })).toContainText('retry.maxAttempts');
  // Monaco's own JSON Schema check (generated from the zod schema) marks it too.
  await expect
    .poll(async () =>
      (await monacoMarkers(page)).some(
        (m) => m.resource.endsWith('.step-settings.jsonc') && /maximum of 10/.test(m.message),
      ),
    )
    .toBe(true);
  await setMonacoText(
    page,
    'Step settings document',
    '// retry twice more\n{ "retry": { "maxAttempts": 3, "backoff": "fixed", "baseMs": 10 }, "critical": false }\n',
  );
  await settings.getByRole('button', { name: 'Save step settings' }).click();
  await expect(settings.getByRole('status')).toContainText('Step settings saved');
  await expect(settings.locator('summary')).toContainText('(retry, critical)');

  await page.getByRole('toolbar', { name: 'Flow' }).getByRole('button', { name: 'Undo' }).click();
  await expect(settings.locator('summary')).toContainText('(none)');
});

test('policies are a document: a broken one is refused with its line, a valid one is saved', async ({ page }) => {
  const studio = await new StudioPage(page).open();
  await studio.newProject('Empty project');
  await expect(page.getByRole('heading', { name: 'This flow is empty' })).toBeVisible();
  await page.getByRole('button', { name: 'Policies', exact: true }).click();
  const panel = page.getByRole('complementary', { name: 'Policies' });
  await expect(panel.getByRole('textbox', { name: 'Policies document' })).toBeAttached();
  expect(await monacoText(page, 'Policies document')).toContain('project → flow → step');
  // Completion offers the policy's fields.
  await setMonacoText(page, 'Policies document', '{\n  "project": {\n    \n  }\n}');
  await page.keyboard.press('ControlOrMeta+Home');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('End');
  await page.keyboard.press('ControlOrMeta+Space');
  await expect(page.locator('.suggest-widget')).toContainText('confidence');
  await page.keyboard.press('Escape');
  await expect(panel).toBeVisible();

  await setMonacoText(
    page,
    'Policies document',
    '{\n  "project": {\n    "confidence": { "high": 0.4, "medium": 0.9 }\n  }\n}\n',
  );
  await expect(panel.getByRole('region', { name: 'Problems' })).toContainText(
    'Line 3, project.confidence: medium must not be above high',
  );
  await panel.getByRole('button', { name: 'Save policies' }).click();
  await expect(panel.getByRole('alert')).toContainText('medium must not be above high');
  await setMonacoText(
    page,
    'Policies document',
    '// tight\n{ "project": { "budget": { "run": { "tokens": 1000 } } }, "flows": { "Main flow": { "maxTokens": 100 } } }\n',
  );
  await expect(panel.getByRole('region', { name: 'Problems' })).toHaveCount(0);
  await panel.getByRole('button', { name: 'Save policies' }).click();
  await expect(panel.getByRole('status')).toHaveText('Policies saved.');
});

test('flows: a new flow, switching between flows, and opening a sub-flow step by double-click', async ({ page }) => {
  const studio = await new StudioPage(page).open();
  await studio.newProject('Empty project');
  await expect(page.getByRole('heading', { name: 'This flow is empty' })).toBeVisible();
  const toolbar = page.getByRole('toolbar', { name: 'Flow' });
  const current = toolbar.getByRole('combobox', { name: 'Current flow' });
  await toolbar.getByRole('button', { name: 'New flow' }).click();
  await toolbar.getByRole('textbox', { name: 'New flow name' }).fill('Checks');
  await toolbar.getByRole('button', { name: 'Create flow' }).click();
  await expect(current.locator('option:checked')).toHaveText('Checks');
  await current.selectOption({ label: 'Main flow' });
  await expect(current.locator('option:checked')).toHaveText('Main flow');

  const editor = await newDefinition(page, 'Sub-flow');
  // The template names the flow by its name; the conductor stores its id.
  expect(await monacoText(page, 'Model definition')).toContain('"flowId": "Checks"');
  await editor.getByRole('button', { name: 'Save model' }).click();
  await expect(editor.getByRole('status')).toHaveText('Saved as version 1');
  // Saved, the document still names the flow, not its id.
  expect(await monacoText(page, 'Model definition')).toContain('"flowId": "Checks"');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Add Run the checks to the flow' }).click();
  await studio.step('Run the checks').locator('.step-node__label').dblclick();
  await expect(current.locator('option:checked')).toHaveText('Checks');
  await toolbar.getByRole('button', { name: '← back to Main flow' }).click();
  await expect(current.locator('option:checked')).toHaveText('Main flow');
});

test('API keys open from the Project menu', async ({ page }) => {
  await new StudioPage(page).open();
  const menu = new ProjectMenu(page);
  await menu.choose('API keys…');
  await expect(menu.dialog('API keys')).toBeVisible();
  await menu.dialog('API keys').getByRole('button', { name: 'Done' }).click();
  await expect(menu.dialog('API keys')).toBeHidden();
});

test('Run with… starts a run with an input and an output the person already has', async ({ page }) => {
  const studio = await new StudioPage(page).open();
  await studio.newProject('Example: software pipeline');
  await expect(studio.step('review')).toBeVisible();
  await page.getByRole('button', { name: 'Run with…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Run with artifacts' });
  await dialog.getByLabel('Run input').fill('a todo app');
  await dialog.getByLabel('enhance_prompt · brief').fill('A todo app for two people.');
  await expect(dialog.getByLabel('review · report')).toBeVisible();
  await dialog.getByRole('button', { name: 'Start run' }).click();
  await expect(dialog).toBeHidden();
  await expect(studio.run(1)).toBeVisible();
});
