import { expect, test } from '@playwright/test';
import type { StoredEvent } from '../src/core/events/storedEvent';
import { sha256 } from '../src/runtime/sha256';
import { resealEvents } from '../src/share/resealEvents';
import type { ProjectId } from '../src/core/ids';
import { readFileSync } from 'node:fs';
import { StudioPage } from './pages/studioPage';
import { ProjectMenu } from './pages/projectMenu';

const fixture = JSON.parse(readFileSync(new URL('../src/share/fixtures/export-v2.json', import.meta.url), 'utf8')) as {
  project: { projectId: string; name: string };
  events: unknown[];
};

const projectOptions = (studio: StudioPage) =>
  studio.page.getByRole('combobox', { name: 'Project' }).getByRole('option');

test('a tampered export is refused with a sentence that says what and where, and nothing is imported', async ({
  page,
}) => {
  const studio = await new StudioPage(page).open();
  const menu = new ProjectMenu(page);
  const file = await menu.exportProject('Everything');
  const tampered = file.text.replace('"label":"review"', '"label":"approved by nobody"');
  expect(tampered).not.toBe(file.text);

  await menu.dropFile('tampered.conductor.json', tampered);
  const dialog = menu.dialog('Import project');
  await expect(dialog.getByRole('alert')).toHaveText(
    /^The export’s event log fails its integrity check: event #\d+ was changed after it was written\. The file was changed after it was exported\. Nothing was imported\./,
  );
  await dialog.getByRole('button', { name: 'Close' }).first().click();
  await expect(projectOptions(studio)).toHaveCount(1);
});

test('a 200 MB file is refused from its size, before it is read', async ({ page }) => {
  await new StudioPage(page).open();
  const menu = new ProjectMenu(page);
  await page.evaluate(() => {
    // Count every way a file's bytes could be read.
    /* eslint-disable @typescript-eslint/unbound-method -- the originals are re-bound with apply below */
    const w = window as unknown as { reads: number };
    w.reads = 0;
    for (const name of ['text', 'arrayBuffer', 'stream', 'bytes'] as const) {
      const original = Blob.prototype[name] as (...args: unknown[]) => unknown;
      Object.defineProperty(Blob.prototype, name, {
        value: function (this: Blob, ...args: unknown[]) {
          w.reads += 1;
          return original.apply(this, args);
        },
      });
    }
    for (const name of ['readAsText', 'readAsArrayBuffer', 'readAsDataURL', 'readAsBinaryString'] as const) {
      const original = FileReader.prototype[name] as (...args: unknown[]) => unknown;
      Object.defineProperty(FileReader.prototype, name, {
        value: function (this: FileReader, ...args: unknown[]) {
          w.reads += 1;
          return original.apply(this, args);
        },
      });
    }
    /* eslint-enable @typescript-eslint/unbound-method */
    // 200 MB made of one 1 MB part repeated: Chromium's blob store shares the bytes.
    const mb = new Blob([new Uint8Array(1024 * 1024)]);
    const huge = new File(
      Array.from({ length: 200 }, () => mb),
      'huge.conductor.json',
      { type: 'application/json' },
    );
    const transfer = new DataTransfer();
    transfer.items.add(huge);
    for (const type of ['dragenter', 'dragover', 'drop'])
      document.body.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: transfer }));
  });
  await expect(menu.dialog('Import project').getByRole('alert')).toHaveText(
    /^This file is 200\.0 MB; the studio imports files up to 64\.0 MB\. Export the project with “definitions only”/,
  );
  expect(await page.evaluate(() => (window as unknown as { reads: number }).reads)).toBe(0);
});

test('names and labels holding HTML or script are shown as text and run nothing', async ({ page }) => {
  const IMG = '<img src=x onerror="window.pwned=1">';
  const SCRIPT = '<script>window.pwned=2</script>';
  // A hostile file with a valid chain: whoever crafts a file can seal it, so the content itself must be inert.
  const events = structuredClone(fixture.events) as unknown as StoredEvent[];
  for (const event of events) {
    if (event.type === 'project.created') event.data.name = IMG;
    if (event.type === 'step.added') event.data.label = SCRIPT;
    if (event.type === 'model.saved') event.data.model.name = `${IMG}${event.data.model.name.length}`;
  }
  const sealed = await resealEvents(events, fixture.project.projectId as ProjectId, sha256);
  const last = sealed.at(-1);
  const hostile = JSON.stringify({
    ...fixture,
    project: { ...fixture.project, name: IMG, head: { seq: last?.seq, hash: last?.hash } },
    events: sealed,
  });

  const studio = await new StudioPage(page).open();
  const menu = new ProjectMenu(page);
  await menu.importFile('hostile.conductor.json', hostile);
  // The name is shown as text in the confirm step too, before anything is written.
  await expect(menu.dialog('Import project')).toContainText(`Opens as${IMG}`);
  await expect(menu.importSignature).toContainText('Not signed');
  await menu.confirmImport();
  await expect(page.getByRole('combobox', { name: 'Project' }).locator('option:checked')).toHaveText(IMG);
  await expect(studio.step(SCRIPT).first()).toBeVisible();
  await expect(page.getByRole('region', { name: 'Models' })).toContainText(IMG);
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
});
