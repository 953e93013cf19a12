import { expect, test } from '@playwright/test';
import type { StoredEvent } from '../src/core/events/storedEvent';
import type { ProjectId } from '../src/core/ids';
import { sha256 } from '../src/runtime/sha256';
import { resealEvents } from '../src/share/resealEvents';
import { decodeShareLink, encodeShareLink } from '../src/share/shareLink';
import { StudioPage } from './pages/studioPage';
import { ProjectMenu } from './pages/projectMenu';

async function createLink(menu: ProjectMenu, password = ''): Promise<string> {
  await menu.choose('Share link…');
  const dialog = menu.dialog('Share link');
  if (password) await dialog.getByLabel(/^Password/).fill(password);
  await dialog.getByRole('button', { name: 'Create link' }).click();
  const link = await dialog.getByRole('textbox', { name: 'Share link' }).inputValue();
  await dialog.getByRole('button', { name: 'Close' }).click();
  return link;
}

test('a share link carries the project in its fragment; opening it imports a copy', async ({ context }) => {
  const page = await context.newPage();
  await new StudioPage(page).open();
  const link = await createLink(new ProjectMenu(page));
  expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#share=1\.[A-Za-z0-9_-]+$/);
  expect(link.length).toBeLessThan(20_000);

  const other = await context.newPage();
  await other.goto(link);
  // Same browser, same studio: the link's signature is this studio's own.
  await expect(other.getByRole('region', { name: 'Signature' })).toContainText('Signed by this studio');
  await expect(other.getByRole('main')).toContainText('Opens asExample: software pipeline (imported)');
  await other.screenshot({ path: test.info().outputPath('share-link-gate-verdict.png') });
  await other.getByRole('button', { name: 'Open a copy' }).click();
  const studio = new StudioPage(other);
  await expect(other.getByRole('combobox', { name: 'Project' }).locator('option:checked')).toHaveText(
    'Example: software pipeline (imported)',
  );
  await expect(studio.step('review')).toBeVisible();
  await expect(other.getByText('No runs yet. Press Run to start one.')).toBeVisible();
  expect(new URL(other.url()).hash).toBe('');
});

test('a share link locked with a password opens only with it, and a damaged link says so', async ({ context }) => {
  const page = await context.newPage();
  await new StudioPage(page).open();
  const link = await createLink(new ProjectMenu(page), 'open sesame');
  expect(link).toMatch(/#share=1p\./);

  const other = await context.newPage();
  await other.goto(link);
  await other.getByLabel(/Password/).fill('wrong');
  await other.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(other.getByRole('alert')).toHaveText(/That password does not open this link/);
  await other.getByLabel(/Password/).fill('open sesame');
  await other.getByRole('button', { name: 'Open', exact: true }).click();
  await other.getByRole('button', { name: 'Open a copy' }).click();
  await expect(new StudioPage(other).step('review')).toBeVisible();

  const damaged = await context.newPage();
  await damaged.goto(link.replace('#share=1p.', '#share=1.').slice(0, 200));
  await expect(damaged.getByRole('alert')).toHaveText(/This share link is damaged/);
  await damaged.getByRole('button', { name: 'Open the studio without it' }).click();
  await expect(damaged.getByRole('button', { name: 'Project ▾' })).toBeVisible();
});

test('a forged share link (edited, re-sealed, signature kept) is refused in the gate, and nothing is imported', async ({
  context,
}) => {
  const page = await context.newPage();
  await new StudioPage(page).open();
  const link = await createLink(new ProjectMenu(page));
  const doc = JSON.parse(await decodeShareLink(new URL(link).hash)) as {
    project: { projectId: string; head: unknown };
    events: StoredEvent[];
  };
  const step = doc.events.find((e) => e.type === 'step.added');
  if (step?.type === 'step.added') step.data.label = 'approved by nobody';
  const events = await resealEvents(doc.events, doc.project.projectId as ProjectId, sha256);
  const last = events.at(-1);
  const forged = JSON.stringify({
    ...doc,
    events,
    project: { ...doc.project, head: { seq: last?.seq, hash: last?.hash } },
  });

  const other = await context.newPage();
  await other.goto(`${link.split('#')[0] ?? ''}${await encodeShareLink(forged)}`);
  await expect(other.getByRole('alert')).toHaveText(/^This file’s signature does not match its content/);
  await expect(other.getByRole('button', { name: 'Open a copy' })).toHaveCount(0);
  await other.getByRole('button', { name: 'Open the studio without it' }).click();
  await expect(other.getByRole('combobox', { name: 'Project' }).getByRole('option')).toHaveCount(1);
});
