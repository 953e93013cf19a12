import { expect, test } from '@playwright/test';
import { hashedText } from '../src/core/events/hashChain';
import type { EventRecord } from '../src/core/events/storedEvent';
import { sha256 } from '../src/runtime/sha256';
import { StudioPage } from './pages/studioPage';
import { openProjectId, putRecord, readRecords } from './support/projectLog';

test('a log altered outside the studio opens read-only, naming the first bad event, and is never repaired', async ({
  page,
}) => {
  const studio = await new StudioPage(page).open();
  await studio.pressRun();
  await expect(studio.run(1)).toHaveAccessibleName('Run 1: succeeded', { timeout: 30_000 });
  const projectId = await openProjectId(page);
  const records = await readRecords(page, projectId);
  const victim = records.at(-1) as EventRecord;
  await putRecord(page, { ...victim, ts: victim.ts + 1 });

  await page.reload();
  await expect(page.getByRole('alert').filter({ hasText: 'Damaged log: read-only' })).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: `integrity check at event #${victim.seq}` })).toBeVisible();
  // What came before the bad event is there to look at (and export); nothing can change it.
  await expect(studio.step('review')).toBeVisible();
  await expect(page.getByRole('button', { name: /^Run( again)?$/ })).toBeDisabled();

  const after = await readRecords(page, projectId);
  expect(after).toHaveLength(records.length);
  expect(after.at(-1)?.ts).toBe(victim.ts + 1);
});

test('a log written by a newer studio is refused in words, and left as it is', async ({ page }) => {
  await new StudioPage(page).open();
  const projectId = await openProjectId(page);
  const records = await readRecords(page, projectId);
  // A well-formed record of a version this studio has never heard of, correctly chained.
  const last = records.at(-1) as EventRecord;
  const { hash: _old, ...rest } = { ...last, v: 99 };
  const newer = { ...rest, hash: await sha256(hashedText(rest)) };
  await putRecord(page, newer);

  await page.reload();
  await expect(
    page.getByRole('alert').filter({ hasText: 'made by a newer studio (event version 99)' }).first(),
  ).toBeVisible();
  expect((await readRecords(page, projectId)).at(-1)).toEqual(newer);
});
