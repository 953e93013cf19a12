import { expect, test } from '@playwright/test';
import { ProjectMenu } from './pages/projectMenu';
import { StudioPage } from './pages/studioPage';
import { configure, definitionsFile, flow, openProject, script, step, text } from './support/definitionsProject';
import { monacoMarkers, monacoText, setMonacoText } from './support/monacoEditor';

// The local OpenAI-compatible server Playwright starts: the requested model name says how it behaves.
const LLM = `http://127.0.0.1:${process.env.STUDIO_LLM_PORT ?? 4599}/v1`;
const llm = (modelId: string, name: string, model: string) => ({
  type: 'model.saved',
  data: {
    model: {
      modelId,
      kind: 'llm',
      name,
      version: 1,
      inputs: [text('topic')],
      outputs: [text('text')],
      baseUrl: LLM,
      model,
      prompt: 'Write about {{topic}}',
      timeoutMs: 10_000,
    },
  },
});

test.beforeEach(async ({ request }) => {
  await request.post(`${LLM.replace('/v1', '')}/__reset`);
});

test('a fallback set by the model’s name survives renaming the model: the run uses it and the settings show the new name', async ({
  page,
}) => {
  const studio = await openProject(
    page,
    [
      llm('m_down', 'Down server', 'down'),
      llm('m_echo', 'Backup', 'echo'),
      flow,
      step('s_down', 'm_down', 'Down', 0, 0),
    ],
    'Names not ids',
  );
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
  await expect(settings.getByRole('region', { name: 'Problems' })).toContainText(
    'Line 1, fallbacks.0: no model is called “Nobody”',
  );
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

test('importing a copy of a copy counts on instead of piling up “(imported)”', async ({ page }) => {
  await openProject(page, [], 'Pile');
  const menu = new ProjectMenu(page);
  await menu.importFile('pile.conductor.json', await definitionsFile('Pile', []));
  await menu.confirmImport();
  await expect(page.getByRole('status').filter({ hasText: 'Imported “Pile (imported)”' })).toBeVisible();
  await menu.importFile('pile-copy.conductor.json', await definitionsFile('Pile (imported)', []));
  await menu.confirmImport();
  await expect(page.getByRole('status').filter({ hasText: 'Imported “Pile (imported 2)”' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Project' }).locator('option:checked')).toHaveText(
    'Pile (imported 2)',
  );
});

test('the Problems list counts every spot the editor marks', async ({ page }) => {
  const studio = await openProject(
    page,
    [llm('m_echo', 'Writer', 'echo'), flow, step('s_write', 'm_echo', 'Write', 0, 0)],
    'Problems',
  );
  await studio.selectStep('Write');
  const settings = studio.inspector.getByRole('region', { name: 'Step settings' });
  await settings.getByText('Step settings').click();
  await setMonacoText(
    page,
    'Step settings document',
    '{\n  "retry": { "maxAttempts": 30, "backoff": "sometimes" },\n  "critical": "yes",\n  "fallbacks": ["Nobody"],\n  "colour": "red"\n}\n',
  );
  const spots = async () =>
    new Set(
      (await monacoMarkers(page))
        .filter(
          (m) => m.resource.endsWith('.step-settings.jsonc') && (m.severity === 'error' || m.severity === 'warning'),
        )
        .map((m) => `${m.startLineNumber}:${m.startColumn}`),
    ).size;
  await expect.poll(spots).toBeGreaterThanOrEqual(5);
  const problems = settings.getByRole('region', { name: 'Problems' }).getByRole('listitem');
  await expect.poll(async () => (await problems.count()) === (await spots())).toBe(true);
});

test('“Run again” appears only once the run has ended', async ({ page }) => {
  const studio = await openProject(
    page,
    [llm('m_slow', 'Writer', 'slow'), flow, step('s_write', 'm_slow', 'Write', 0, 0)],
    'Run again',
  );
  const runButton = page.getByRole('button', { name: /^Run( again)?$/ });
  await expect(runButton).toHaveText('Run');
  await studio.pressRun();
  await expect(studio.stepStatus('Write')).toHaveText('running');
  await expect(runButton).toHaveText('Run');
  await expect(studio.run(1)).toHaveAccessibleName('Run 1: succeeded', { timeout: 30_000 });
  await expect(runButton).toHaveText('Run again');
});

test('the approval gate’s template names how long a person has as check.answerWithinMs, and saves', async ({
  page,
}) => {
  const studio = await new StudioPage(page).open();
  await studio.newProject('Empty project');
  await page.getByRole('button', { name: 'New model' }).click();
  await page.getByRole('menuitem', { name: 'Gate — approval', exact: true }).click();
  const editor = page.getByRole('complementary', { name: 'Model editor' });
  await expect(editor.getByRole('textbox', { name: 'Model definition' })).toBeAttached();
  const template = await monacoText(page, 'Model definition');
  expect(template).toContain('"answerWithinMs": 3600000');
  expect(template).not.toContain('"timeoutMs"');
  await editor.getByRole('button', { name: 'Save model' }).click();
  await expect(editor.getByRole('status')).toHaveText('Saved as version 1');
  // The old spelling is refused with where the value belongs.
  await setMonacoText(
    page,
    'Model definition',
    template
      .replace('"answerWithinMs": 3600000, ', '')
      .replace('"onTimeout": "reject" }', '"onTimeout": "reject" },\n  "timeoutMs": 3600000'),
  );
  await editor.getByRole('button', { name: 'Save model' }).click();
  await expect(editor.getByRole('alert')).toContainText('waits for “check.answerWithinMs”, not “timeoutMs”');
});

test('a throwing script with a retry policy says why it was not retried, and retries once the settings name script-error', async ({
  page,
}) => {
  const thrower = script('m_throw', 'Thrower', { inputs: ['topic'], outputs: ['text'] }, "  throw new Error('boom');");
  const studio = await openProject(
    page,
    [
      thrower,
      flow,
      step('s_throw', 'm_throw', 'Throw', 0, 0),
      configure('s_throw', { retry: { maxAttempts: 3, backoff: 'fixed', baseMs: 10 } }),
    ],
    'Not retried',
  );
  await studio.pressRun();
  await expect(studio.run(1)).toHaveAccessibleName('Run 1: failed', { timeout: 30_000 });
  await studio.selectStep('Throw');
  const attempts = studio.inspector.getByRole('list', { name: 'Attempts' }).getByRole('listitem');
  await expect(attempts).toHaveCount(1);
  await expect(attempts.first().getByRole('note')).toHaveText(
    /^Not retried: “script-error” failures are not in retry.on/,
  );

  const settings = studio.inspector.getByRole('region', { name: 'Step settings' });
  await settings.getByText('Step settings').click();
  await setMonacoText(
    page,
    'Step settings document',
    '{ "retry": { "maxAttempts": 3, "backoff": "fixed", "baseMs": 10, "on": ["script-error"] } }\n',
  );
  await settings.getByRole('button', { name: 'Save step settings' }).click();
  await expect(settings.getByRole('status')).toContainText('Step settings saved');
  await studio.pressRun();
  await expect(studio.run(2)).toHaveAccessibleName('Run 2: failed', { timeout: 30_000 });
  await studio.selectStep('Throw');
  await expect(attempts).toHaveCount(3);
  await expect(attempts.getByRole('note')).toHaveCount(0);
});
