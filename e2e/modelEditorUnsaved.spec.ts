import { expect, test } from '@playwright/test';
import { StudioPage } from './pages/studioPage';
import { monacoText, setMonacoText } from './support/monacoEditor';

test('closing the model editor over unsaved changes asks first; keeping them keeps them', async ({ page }) => {
  const studio = await new StudioPage(page).open();
  const editor = studio.modelEditor;
  const question = page.getByRole('alertdialog', { name: 'Discard your changes to “enhance_prompt”?' });

  // Untouched: Close closes at once, with no question.
  await page.getByRole('button', { name: 'Edit model enhance_prompt' }).click();
  await expect(editor.getByRole('heading', { name: 'Edit model · version 1' })).toBeVisible();
  const saved = await monacoText(page, 'Model code');
  await editor.getByRole('button', { name: 'Close' }).click();
  await expect(editor).toBeHidden();
  await expect(page.getByRole('alertdialog')).toHaveCount(0);

  await page.getByRole('button', { name: 'Edit model enhance_prompt' }).click();
  const changed = `// a note not saved yet\n${saved}`;
  await setMonacoText(page, 'Model code', changed);
  await expect(editor.getByRole('status')).toHaveText('Unsaved changes');

  // Close asks; Keep editing has the focus and keeps the change.
  await editor.getByRole('button', { name: 'Close' }).click();
  await expect(question).toBeVisible();
  await expect(question).toContainText('They are not saved.');
  const keep = question.getByRole('button', { name: 'Keep editing' });
  await expect(keep).toBeFocused();
  await keep.click();
  await expect(question).toBeHidden();
  await expect(editor.getByRole('status')).toHaveText('Unsaved changes');
  expect(await monacoText(page, 'Model code')).toBe(changed);

  // Esc asks too, and Esc on the question keeps editing.
  await editor.getByLabel('Description').focus();
  await page.keyboard.press('Escape');
  await expect(question).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(question).toBeHidden();
  await expect(editor).toBeVisible();
  expect(await monacoText(page, 'Model code')).toBe(changed);

  // Opening another model's editor asks as well; keeping stays on this model.
  await page.getByRole('button', { name: 'Edit model review' }).click();
  await expect(question).toBeVisible();
  await question.getByRole('button', { name: 'Keep editing' }).click();
  await expect(editor.getByLabel('Model name')).toHaveValue('enhance_prompt');
  expect(await monacoText(page, 'Model code')).toBe(changed);

  // Discard closes the editor; the saved model is as it was.
  await editor.getByRole('button', { name: 'Close' }).click();
  await question.getByRole('button', { name: 'Discard changes' }).click();
  await expect(editor).toBeHidden();
  await page.getByRole('button', { name: 'Edit model enhance_prompt' }).click();
  await expect(editor.getByRole('heading', { name: 'Edit model · version 1' })).toBeVisible();
  await expect(editor.getByRole('status')).toHaveText('');
  expect(await monacoText(page, 'Model code')).toBe(saved);
  await editor.getByRole('button', { name: 'Close' }).click();
  await expect(editor).toBeHidden();
});
