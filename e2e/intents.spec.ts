import { expect, test, type Page } from '@playwright/test';
import { StudioPage } from './pages/studioPage';
import { monacoMarkers, setMonacoText } from './support/monacoEditor';

const notifierCode = `export default async function run(ctx: Ctx) {
  const facts = ctx.inputs.facts as Array<{ subject: string }>;
  ctx.emit('facts', [{ fact: 'manager.notified', subject: facts[0].subject, data: { by: 'agent' } }]);
}
`;

const reaction = (field: string) => `// one reaction
{
  "version": 1,
  "intents": [
    {
      "id": "notify-manager",
      "kind": "reaction",
      ${field}: { "fact": "risk.assessed", "if": "data.risk >= 0.85" },
      "expect": { "fact": "manager.notified" },
      "model": "notifier"
    }
  ]
}
`;

async function openIntents(page: Page) {
  await page.getByRole('button', { name: 'Intents', exact: true }).click();
  const panel = page.getByRole('complementary', { name: 'Intents' });
  await expect(panel.getByRole('textbox', { name: 'Intents document' })).toBeAttached();
  return panel;
}

test('a typo in an intent is marked inline with its path and line, and saving it changes nothing', async ({ page }) => {
  const studio = await new StudioPage(page).open();
  await studio.newProject('Empty project');
  await expect(page.getByRole('heading', { name: 'This flow is empty' })).toBeVisible();
  const panel = await openIntents(page);
  await setMonacoText(page, 'Intents document', reaction('"wen"'));
  await expect(panel.getByRole('region', { name: 'Problems' })).toContainText(
    'Line 8, intents.0.wen: Unrecognized key: "wen"',
  );
  await expect
    .poll(
      async () => (await monacoMarkers(page)).filter((m) => m.severity === 'error' && m.startLineNumber === 8).length,
    )
    .toBeGreaterThan(0);
  await panel.getByRole('button', { name: 'Save intents' }).click();
  await expect(panel.getByRole('alert')).toContainText('The intents were not saved.');
  await expect(panel.getByRole('alert')).toContainText('At intents.0.wen (line 8): Unrecognized key: "wen"');
  await expect(panel.getByRole('region', { name: 'Saved versions' })).toContainText('None yet');
});

test('a valid new reaction makes a gap appear and an agent close it, live', async ({ page }) => {
  const studio = await new StudioPage(page).open();
  await studio.newProject('Empty project');
  await expect(page.getByRole('heading', { name: 'This flow is empty' })).toBeVisible();
  await studio.createModel({ name: 'notifier', output: 'facts', code: notifierCode });
  const panel = await openIntents(page);
  await setMonacoText(page, 'Intents document', reaction('"when"'));
  await expect(panel.getByRole('region', { name: 'Problems' })).toHaveCount(0);
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
  await expect(gap.getByLabel('gap status')).toHaveText('closed: healed by an agent');
  await expect(gap.getByRole('list', { name: 'Agents sent' })).toContainText('(alone): promoted');
  await gap.getByRole('button', { name: /^event #\d+$/ }).click();
  await expect(gap.getByLabel(/^Event #\d+$/)).toContainText('risk.assessed · acme · by a person');
});

test('the churn example: a logged call is scored and alerted by the flow, the manager gap is healed, and a new invariant backfills the scores', async ({
  page,
}) => {
  const studio = await new StudioPage(page).open();
  await studio.newProject('Example: customer churn');
  await expect(studio.step('score_engagement')).toBeVisible();
  await page.getByRole('button', { name: 'Gaps', exact: true }).click();
  const gaps = page.getByRole('complementary', { name: 'Gaps' });
  const call = gaps.getByRole('form', { name: 'Log a call' });
  await call.getByLabel('Customer').fill('acme');
  await call.getByLabel('Sentiment').selectOption('negative');
  await call.getByRole('button', { name: 'Log call' }).click();

  await expect(studio.run(1)).toHaveAccessibleName('Run 1: succeeded', { timeout: 30_000 });
  const manager = gaps.getByRole('listitem', { name: 'reaction gap for notify-manager' });
  await expect(manager.getByLabel('gap status')).toHaveText('closed: healed by an agent', { timeout: 30_000 });
  // The flow covers the score and the alert: no gap for them.
  await expect(gaps.getByRole('listitem', { name: 'reaction gap for churn-alert' })).toHaveCount(0);
  await expect(gaps.getByRole('listitem', { name: 'reaction gap for score-after-call' })).toHaveCount(0);

  // A second call, neutral this time: an alert, no manager.
  await call.getByLabel('Customer').fill('zeta');
  await call.getByLabel('Sentiment').selectOption('neutral');
  await call.getByRole('button', { name: 'Log call' }).click();
  await expect(studio.run(2)).toHaveAccessibleName('Run 2: succeeded', { timeout: 30_000 });

  // The 48-hour follow-up deadline passes on the virtual clock: temporal gaps, to a person (no model).
  await gaps.getByRole('button', { name: 'Advance clock by 48 hours' }).click();
  await expect(gaps.getByRole('listitem', { name: 'temporal gap for follow-up' })).toHaveCount(2);
  await expect(gaps.getByRole('region', { name: 'Inbox' })).toContainText('This intent names no model');

  // Adding the invariant opens one intent gap that backfills both scores.
  const panel = await openIntents(page);
  const source = await page.evaluate(
    () =>
      (
        globalThis as unknown as {
          monaco: { editor: { getModels(): Array<{ uri: { toString(): string }; getValue(): string }> } };
        }
      ).monaco.editor
        .getModels()
        .find((m) => m.uri.toString().endsWith('intents.jsonc'))
        ?.getValue() ?? '',
  );
  const withInvariant = source.replace(
    '"intents": [',
    '"intents": [\n    { "id": "scores-explained", "kind": "invariant", "over": { "fact": "score.updated" }, "require": "has(data.explanation)", "model": "explain_score" },',
  );
  await setMonacoText(page, 'Intents document', withInvariant);
  await panel.getByRole('button', { name: 'Save intents' }).click();
  await expect(panel.getByRole('status')).toHaveText('Saved as version 2.');
  await page.getByRole('button', { name: 'Gaps', exact: true }).click();
  const backfill = gaps.getByRole('listitem', { name: 'intent gap for scores-explained' });
  await expect(backfill).toContainText('2 score.updated facts break');
  await expect(backfill.getByLabel('gap status')).toHaveText('closed: healed by an agent');
});

test('a refused draft keeps its gap open, and the step whose fact caused it is marked on the canvas', async ({
  page,
}) => {
  const studio = await new StudioPage(page).open();
  await studio.newProject('Example: customer churn');
  await expect(studio.step('assess_churn')).toBeVisible();
  // Point the manager reaction at a model that records the wrong fact: the gate refuses its drafts.
  const panel = await openIntents(page);
  const source = await page.evaluate(
    () =>
      (
        globalThis as unknown as {
          monaco: { editor: { getModels(): Array<{ uri: { toString(): string }; getValue(): string }> } };
        }
      ).monaco.editor
        .getModels()
        .find((m) => m.uri.toString().endsWith('intents.jsonc'))
        ?.getValue() ?? '',
  );
  await setMonacoText(
    page,
    'Intents document',
    source.replace('"model": "notify_manager"', '"model": "explain_score"'),
  );
  await panel.getByRole('button', { name: 'Save intents' }).click();
  await expect(panel.getByRole('status')).toHaveText('Saved as version 2.');

  await page.getByRole('button', { name: 'Gaps', exact: true }).click();
  const gaps = page.getByRole('complementary', { name: 'Gaps' });
  await gaps.getByRole('form', { name: 'Log a call' }).getByRole('button', { name: 'Log call' }).click();
  const manager = gaps.getByRole('listitem', { name: 'reaction gap for notify-manager' });
  await expect(manager.getByRole('list', { name: 'Agents sent' })).toContainText(
    'rejected — The promotion gate refused its draft: the intent “notify-manager” lets its agents record only manager.notified, not score.updated.',
  );
  await expect(manager.getByLabel('gap status')).toHaveText('open');
  await expect(studio.step('assess_churn').getByLabel('in an open gap')).toBeVisible();
  await expect(studio.step('score_engagement').getByLabel('in an open gap')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Gaps', exact: true })).toHaveText('Gaps (1 open)');
});
