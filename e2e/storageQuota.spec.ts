import { expect, test, type Page, type Worker } from '@playwright/test';
import { StudioPage } from './pages/studioPage';
import { ProjectMenu } from './pages/projectMenu';
import { expectSoundLog, openProjectId, readLog } from './support/projectLog';

/** Makes the next IndexedDB add or put in this realm (page or worker) fail as a full disk does. */
function failNextWrite(realm: { evaluate(fn: () => void): Promise<void> }): Promise<void> {
  return realm.evaluate(() => {
    const proto = IDBObjectStore.prototype;
    // eslint-disable-next-line @typescript-eslint/unbound-method -- put back on the prototype, where they are called as methods
    const originals = { add: proto.add, put: proto.put };
    const fail = function (): never {
      proto.add = originals.add;
      proto.put = originals.put;
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    proto.add = fail;
    proto.put = fail;
  });
}

async function conductorWorker(page: Page): Promise<Worker> {
  await expect.poll(() => page.workers().some((w) => w.url().includes('conductor.worker'))).toBe(true);
  const worker = page.workers().find((w) => w.url().includes('conductor.worker'));
  if (!worker) throw new Error('no conductor worker');
  return worker;
}

test('the Storage dialog shows what the studio uses and whether the browser keeps it', async ({ page }) => {
  await new StudioPage(page).open();
  const menu = new ProjectMenu(page);
  await menu.choose('Storage');
  const dialog = menu.dialog('Storage');
  await expect(dialog.getByLabel('Storage used')).toHaveText(/^\d+(\.\d)? (B|KB|MB|GB)$/);
  await expect(dialog.getByLabel('Persistent storage')).toHaveText(
    /^(yes: the browser will not clear|no: under storage pressure the browser may clear)/,
  );
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});

test('a full disk while editing is reported in words, and the log stays intact', async ({ page }) => {
  const studio = await new StudioPage(page).open();
  const projectId = await openProjectId(page);
  await failNextWrite(await conductorWorker(page));

  await studio.selectStep('review');
  await studio.inspector.getByLabel('Step name').fill('renamed');
  await studio.inspector.getByLabel('Step name').press('Enter');
  await expect(
    page
      .getByRole('alert')
      .filter({ hasText: 'The browser has run out of storage for the studio, so nothing was saved. Free some space' }),
  ).toBeVisible();
  await expect(studio.step('review')).toBeVisible();

  // The next write goes through, and the log holds each change once, chained.
  await studio.inspector.getByLabel('Step name').fill('reviewed');
  await studio.inspector.getByLabel('Step name').press('Enter');
  await expect(studio.step('reviewed')).toBeVisible();
  await studio.pressRun();
  await expect(studio.run(1)).toHaveAccessibleName('Run 1: succeeded', { timeout: 30_000 });
  const log = await readLog(page, projectId);
  await expectSoundLog(log);
  expect(
    log.filter((e) => e.type === 'step.renamed').map((e) => (e.type === 'step.renamed' ? e.data.label : '')),
  ).toEqual(['reviewed']);
});

test('a full disk during an import is reported in words, and nothing of the import is kept', async ({ page }) => {
  const studio = await new StudioPage(page).open();
  const menu = new ProjectMenu(page);
  const file = await menu.exportProject('Everything');
  const projectId = await openProjectId(page);
  await menu.dropFile(file.name, file.text);
  await expect(menu.importSignature).toContainText('Signed by this studio');
  await failNextWrite(page);
  await menu.confirmImport();
  await expect(menu.dialog('Import project').getByRole('alert')).toHaveText(
    /^The browser has run out of storage for the studio, so nothing was saved\./,
  );
  await page.keyboard.press('Escape');
  await expect(page.getByRole('combobox', { name: 'Project' }).getByRole('option')).toHaveCount(1);
  const orphans = await page.evaluate(async (keep) => {
    const db = await new Promise<IDBDatabase>((resolve) => {
      const open = indexedDB.open('conductor-studio');
      open.onsuccess = () => resolve(open.result);
    });
    const keys = await new Promise<IDBValidKey[]>((resolve) => {
      const request = db.transaction('events').objectStore('events').getAllKeys();
      request.onsuccess = () => resolve(request.result);
    });
    db.close();
    return keys.filter((k) => Array.isArray(k) && k[0] !== keep).length;
  }, projectId);
  expect(orphans).toBe(0);
  await expectSoundLog(await readLog(page, projectId));
  await expect(studio.step('review')).toBeVisible();
});
