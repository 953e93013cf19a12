import { expect, test } from '@playwright/test';
import { StudioPage } from './pages/studioPage';
import { setMonacoText } from './support/monacoEditor';

// A reaction that names no model: its gaps go to a person.
const intents = `{
  "version": 1,
  "intents": [
    { "id": "notify-manager", "kind": "reaction", "when": { "fact": "risk.assessed", "if": "data.risk >= 0.85" }, "expect": { "fact": "manager.notified" } }
  ]
}
`;

test('a gap sent to a person waits in the Inbox, stays open, and is answered there: retry, then dismiss', async ({
  page,
}) => {
  const studio = await new StudioPage(page).open();
  await studio.newProject('Empty project');
  await expect(page.getByRole('heading', { name: 'This flow is empty' })).toBeVisible();
  await page.getByRole('button', { name: 'Intents', exact: true }).click();
  const panel = page.getByRole('complementary', { name: 'Intents' });
  await setMonacoText(page, 'Intents document', intents);
  await panel.getByRole('button', { name: 'Save intents' }).click();
  await expect(panel.getByRole('status')).toHaveText('Saved as version 1.');

  await page.getByRole('button', { name: 'Gaps', exact: true }).click();
  const gaps = page.getByRole('complementary', { name: 'Gaps' });
  const form = gaps.getByRole('form', { name: 'Record a fact' });
  await form.getByLabel('Fact').fill('risk.assessed');
  await form.getByLabel('Subject').fill('acme');
  await form.getByLabel('Data (JSON)').fill('{"risk": 0.9}');
  await form.getByRole('button', { name: 'Record fact' }).click();
  const gap = gaps.getByRole('listitem', { name: 'reaction gap for notify-manager' });
  await expect(gap.getByLabel('gap status')).toHaveText('open: waiting for you in the Inbox');

  const inboxButton = page.getByRole('button', { name: /^Inbox/ });
  await expect(inboxButton).toHaveAccessibleName('Inbox (1)');
  await gaps.getByRole('button', { name: 'Answer in the Inbox' }).click();
  const inbox = page.getByRole('complementary', { name: 'Inbox' });
  const card = inbox.getByRole('article', { name: 'Gap: notify-manager' });
  await expect(card).toContainText('This intent names no model to close its gaps.');
  await page.screenshot({ path: `${process.env.STUDIO_TEST_RESULTS ?? 'test-results'}/gap-in-inbox.png` });

  // Retry: agents are sent again; with no model the breaker trips again, and the gap is back with the person.
  await card.getByRole('button', { name: 'Retry' }).click();
  await expect(card).toHaveCount(1);
  await expect(inboxButton).toHaveAccessibleName('Inbox (1)');
  await card.getByLabel('Notes').fill('Nobody needs to call.');
  await card.getByRole('button', { name: 'Dismiss' }).click();
  await expect(inbox.getByText('Nothing waits for you.')).toBeVisible();
  await expect(inboxButton).toHaveAccessibleName('Inbox');

  await page.getByRole('button', { name: 'Gaps', exact: true }).click();
  await expect(gap.getByLabel('gap status')).toHaveText('closed: dismissed by a person');
  const history = gaps.getByRole('region', { name: 'Inbox' });
  await expect(history).toContainText('a person sent agents again');
  await expect(history).toContainText('a person dismissed it: “Nobody needs to call.”');
});
