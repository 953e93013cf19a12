import { expect, test } from '@playwright/test';
import { StudioPage } from './pages/studioPage';

const NINE_STAGES = [
  'Normalize',
  'Research',
  'Feasibility',
  'Market & Moat',
  'Risk',
  'UX',
  'Scaffold',
  'APIs',
  'Export',
];

test.describe('the seed examples', () => {
  test('venture pipeline: the budget check passes, a low-risk idea goes straight through, a risky one waits for a person', async ({
    page,
  }) => {
    const studio = await new StudioPage(page).open();
    await studio.newProject('Example: venture pipeline');
    await expect(studio.step('Budget check').getByLabel('kind: budget gate')).toBeVisible();
    await expect(studio.step('Risk gate').getByLabel('kind: quality gate')).toBeVisible();
    await expect(studio.step('Human review').getByLabel('kind: approval gate')).toBeVisible();

    await page.getByLabel('Run input').fill('A habit tracker that works offline');
    await studio.pressRun();
    await expect(studio.run(1)).toHaveAccessibleName('Run 1: succeeded', { timeout: 30_000 });
    for (const stage of NINE_STAGES) await expect(studio.stepStatus(stage)).toHaveText('done');
    await expect(studio.stepStatus('Human review')).toHaveText('skipped');
    await studio.selectStep('Budget check');
    await expect(studio.inspector.getByTestId('step-route')).toHaveText(/^took: go — Passed: the run has 20000 tokens/);
    await expect(page.getByRole('meter', { name: 'Run time' })).toHaveAttribute('aria-valuemax', '120000');

    await page.getByLabel('Run input').fill('A crypto loan app for teenagers');
    await studio.pressRun();
    await expect(studio.stepStatus('Human review')).toHaveText('asking', { timeout: 30_000 });
    await expect(studio.stepStatus('UX')).toHaveText('waiting');
    await studio.selectStep('Risk gate');
    await expect(studio.inspector.getByTestId('step-route')).toHaveText(
      /^took: flag — Did not pass: value.risk <= 3 does not hold/,
    );
    await page.getByRole('button', { name: 'Inbox (1)' }).click();
    const ask = page
      .getByRole('complementary', { name: 'Inbox' })
      .getByRole('article', { name: 'Approval: Human review in Run 2' });
    await expect(ask.getByRole('figure', { name: /^Artifact Human review/ })).toContainText(
      'Regulated domain: crypto, loan',
    );
    await ask.getByLabel('Notes').fill('Legal signed off.');
    await ask.getByRole('button', { name: 'Approve' }).click();
    await expect(studio.run(2)).toHaveAccessibleName('Run 2: succeeded', { timeout: 30_000 });
    await page.getByRole('button', { name: 'Inbox', exact: true }).click();
    await studio.selectStep('Export');
    await expect(studio.inspector).toContainText('approved by a person');
    await expect(studio.inspector).toContainText('Ready to build.');
  });

  test('release checks: five checks in parallel, aggregated; the all-pass gate deploys, or blocks and reports', async ({
    page,
  }) => {
    const studio = await new StudioPage(page).open();
    await studio.newProject('Example: release checks');
    await page
      .getByLabel('Run input')
      .fill("import { add } from './add';\ntest('adds', () => expect(add(1, 2)).toBe(3));");
    await studio.pressRun();
    await expect(studio.run(1)).toHaveAccessibleName('Run 1: succeeded', { timeout: 30_000 });
    await expect(studio.stepStatus('Deploy')).toHaveText('done');
    await expect(studio.stepStatus('Block & report')).toHaveText('skipped');

    await page.getByLabel('Run input').fill('document.body.innerHTML = eval(userInput);');
    await studio.pressRun();
    await expect(studio.run(2)).toHaveAccessibleName('Run 2: succeeded', { timeout: 30_000 });
    await expect(studio.stepStatus('Deploy')).toHaveText('skipped');
    await expect(studio.stepStatus('Block & report')).toHaveText('done');
    await studio.selectStep('Block & report');
    await expect(studio.inspector).toContainText('Blocked. 2 check(s) failed');
    await expect(studio.inspector).toContainText('Security: Fails: the code uses eval or innerHTML.');
    await expect(studio.inspector).toContainText('Testing: Fails: there is no test.');
  });
});
