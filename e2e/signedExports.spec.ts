import { expect, test, type Page } from '@playwright/test';
import type { StoredEvent } from '../src/core/events/storedEvent';
import type { ProjectId } from '../src/core/ids';
import { sha256 } from '../src/runtime/sha256';
import { resealEvents } from '../src/share/resealEvents';
import { ProjectMenu } from './pages/projectMenu';
import { StudioPage } from './pages/studioPage';

const FINGERPRINT = /^[0-9a-f]{4} [0-9a-f]{4} [0-9a-f]{4} [0-9a-f]{4}$/;
const projectOptions = (page: Page) => page.getByRole('combobox', { name: 'Project' }).getByRole('option');

/**
 * What a forger does with a real export: edit an event, recompute every hash and project.head
 * (SHA-256 through crypto.subtle, as the studio does), and keep the signature, or strip it.
 */
async function reseal(text: string, signature: 'keep' | 'strip'): Promise<string> {
  const doc = JSON.parse(text) as {
    project: { projectId: string; head: unknown };
    events: StoredEvent[];
    signature?: unknown;
  };
  const step = doc.events.find((e) => e.type === 'step.added');
  if (step?.type !== 'step.added') throw new Error('the export has no step');
  step.data.label = 'approved by nobody';
  const events = await resealEvents(doc.events, doc.project.projectId as ProjectId, sha256);
  const last = events.at(-1);
  const forged = { ...doc, events, project: { ...doc.project, head: { seq: last?.seq, hash: last?.hash } } };
  if (signature === 'strip') delete forged.signature;
  return JSON.stringify(forged);
}

async function ownFingerprint(menu: ProjectMenu): Promise<string> {
  await menu.choose('Signing keys…');
  const dialog = menu.dialog('Signing keys');
  const fingerprint = dialog.getByLabel('This studio’s fingerprint');
  await expect(fingerprint).toHaveText(FINGERPRINT);
  const text = await fingerprint.innerText();
  await dialog.getByRole('button', { name: 'Close' }).click();
  return text;
}

test('an export made here imports as “Signed by this studio”, with this studio’s fingerprint; Cancel writes nothing', async ({
  page,
}) => {
  await new StudioPage(page).open();
  const menu = new ProjectMenu(page);
  const own = await ownFingerprint(menu);
  await menu.choose('Export…');
  await expect(menu.dialog('Export project').getByLabel('This studio’s fingerprint')).toHaveText(own);
  await page.screenshot({ path: test.info().outputPath('export-signed-with.png') });
  await page.keyboard.press('Escape');
  const file = await menu.exportProject('Everything');

  await menu.importFile(file.name, file.text);
  await expect(menu.importSignature).toContainText('Signed by this studio');
  await expect(menu.importSignature.getByLabel('Key fingerprint')).toHaveText(own);
  await expect(menu.dialog('Import project')).toContainText('Opens asExample: software pipeline (imported)');
  await page.screenshot({ path: test.info().outputPath('import-signed-by-this-studio.png') });
  await menu.dialog('Import project').getByRole('button', { name: 'Cancel' }).click();
  await expect(menu.dialog('Import project')).toBeHidden();
  await expect(projectOptions(page)).toHaveCount(1);

  await menu.importFile(file.name, file.text);
  await menu.confirmImport();
  await expect(
    page.getByRole('status').filter({ hasText: 'Imported “Example: software pipeline (imported)”' }),
  ).toBeVisible();
  await expect(projectOptions(page)).toHaveCount(2);
});

test('a re-sealed forgery that keeps the signature is refused before writing; stripped of it, it says “Not signed” before writing', async ({
  page,
}) => {
  await new StudioPage(page).open();
  const menu = new ProjectMenu(page);
  const file = await menu.exportProject('Everything');

  await menu.dropFile('forged.conductor.json', await reseal(file.text, 'keep'));
  const dialog = menu.dialog('Import project');
  await expect(dialog.getByRole('alert')).toHaveText(
    /^This file’s signature does not match its content: the file was changed after it was signed, so it is not what its signer exported\. Nothing was imported\./,
  );
  await expect(dialog.getByRole('button', { name: 'Import', exact: true })).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath('import-forgery-refused.png') });
  await dialog.getByRole('button', { name: 'Close' }).first().click();
  await expect(projectOptions(page)).toHaveCount(1);

  await menu.dropFile('forged-unsigned.conductor.json', await reseal(file.text, 'strip'));
  await expect(menu.importSignature).toContainText('Not signed');
  await expect(menu.importSignature).toContainText('Nobody vouches for this file');
  await expect(menu.importSignature.getByLabel('Key fingerprint')).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath('import-not-signed.png') });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(projectOptions(page)).toHaveCount(1);
});

test('a key from another studio: unknown, then trusted by name from the import dialog, renamed, revoked (refused) and removed', async ({
  page,
  browser,
  baseURL,
}) => {
  // Another studio: another browser profile, so another key pair.
  const elsewhere = await browser.newContext(baseURL ? { baseURL } : {});
  const theirPage = await elsewhere.newPage();
  await new StudioPage(theirPage).open();
  const theirs = new ProjectMenu(theirPage);
  const theirFingerprint = await ownFingerprint(theirs);
  const file = await theirs.exportProject('Definitions only');
  await elsewhere.close();

  await new StudioPage(page).open();
  const menu = new ProjectMenu(page);
  expect(await ownFingerprint(menu)).not.toBe(theirFingerprint);
  await menu.importFile(file.name, file.text);
  await expect(menu.importSignature).toContainText('Signed by an unknown key');
  await expect(menu.importSignature.getByLabel('Key fingerprint')).toHaveText(theirFingerprint);
  await menu.importSignature.getByRole('button', { name: 'Trust this key as…' }).click();
  await menu.importSignature.getByLabel('Name for this key').fill('Ada’s laptop');
  await page.screenshot({ path: test.info().outputPath('import-trust-key.png') });
  await menu.importSignature.getByRole('button', { name: 'Trust key' }).click();
  await expect(menu.importSignature).toContainText('Signed by a key you trust (Ada’s laptop)');
  await menu.confirmImport();
  await expect(projectOptions(page)).toHaveCount(2);

  await menu.choose('Signing keys…');
  const keys = menu.dialog('Signing keys');
  const row = keys.getByRole('listitem', { name: 'Key Ada’s laptop' });
  await expect(row.getByLabel('Key fingerprint')).toHaveText(theirFingerprint);
  await row.getByRole('button', { name: 'Rename' }).click();
  await row.getByLabel('New name for Ada’s laptop').fill('Ada');
  await row.getByRole('button', { name: 'Save' }).click();
  const renamed = keys.getByRole('listitem', { name: 'Key Ada' });
  await renamed.getByRole('button', { name: 'Revoke' }).click();
  await expect(renamed).toContainText('revoked');
  await page.screenshot({ path: test.info().outputPath('signing-keys-dialog.png') });
  await keys.getByRole('button', { name: 'Close' }).first().click();

  await menu.importFile(file.name, file.text);
  await expect(menu.dialog('Import project').getByRole('alert')).toHaveText(
    /^This file is signed by a key you revoked: Ada \(key [0-9a-f ]{19}\), so it was not imported\. If you revoked that key by mistake, remove it/,
  );
  await menu.dialog('Import project').getByRole('button', { name: 'Close' }).first().click();
  await expect(projectOptions(page)).toHaveCount(2);

  await menu.choose('Signing keys…');
  await keys.getByRole('listitem', { name: 'Key Ada' }).getByRole('button', { name: 'Remove' }).click();
  await expect(keys).toContainText('None yet.');
  await keys.getByRole('button', { name: 'Close' }).first().click();
  await menu.importFile(file.name, file.text);
  await expect(menu.importSignature).toContainText('Signed by an unknown key');
});
