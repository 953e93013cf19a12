import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { edge, flow, FLOW, openProject, script, step } from './support/definitionsProject';

/** Question → Answer → Report; three other Answer models that say it differently. */
const answer = (modelId: string, name: string, reply: string) =>
  script(
    modelId,
    name,
    { inputs: ['question'], outputs: ['answer'] },
    `  ctx.emit('answer', ${JSON.stringify(reply)});`,
  );
const flowTest = (testId: string, name: string, predicate: string) => ({
  type: 'flowTest.saved',
  data: {
    test: {
      testId,
      flowId: FLOW,
      name,
      input: 'What is six times seven?',
      expectations: [{ kind: 'cel', stepId: 's_report', port: 'report', predicate }],
      pins: [],
    },
  },
});

/** axe's serious and critical findings on the page as it is, each as "rule: where". */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

const project = [
  script(
    'm_question',
    'Question',
    { inputs: ['text'], outputs: ['question'] },
    "  ctx.emit('question', String(ctx.inputs.text));",
  ),
  answer('m_answer', 'Answer', 'I would have to think about that for a while.'),
  answer('m_long', 'Answer (long)', 'Multiplying six by seven gives a number of some size, surely.'),
  answer('m_medium', 'Answer (medium)', 'forty-two'),
  answer('m_short', 'Answer (short)', '42'),
  script(
    'm_broken',
    'Answer (broken)',
    { inputs: ['question'], outputs: ['answer'] },
    "  throw new Error('no answer today');",
  ),
  script(
    'm_report',
    'Report',
    { inputs: ['answer'], outputs: ['report'] },
    "  ctx.emit('report', 'Answer: ' + String(ctx.inputs.answer));",
  ),
  flow,
  step('s_question', 'm_question', 'Question', 0, 0),
  step('s_answer', 'm_answer', 'Answer', 320, 0),
  step('s_report', 'm_report', 'Report', 640, 0),
  edge('e_1', 's_question', 'question', 's_answer', 'question'),
  edge('e_2', 's_answer', 'answer', 's_report', 'answer'),
  // Two tests: one point for a short report, one for the right number.
  flowTest('test_short', 'Short report', 'size(artifact) < 30'),
  flowTest('test_42', 'Says 42', 'artifact.contains("42")'),
];

test('explore three variants of a step, scored by the flow’s tests: see the ranking, promote the winner, undo it', async ({
  page,
}) => {
  const studio = await openProject(page, project, 'Explore');
  await studio.pressRun();
  await expect(studio.run(1)).toHaveAccessibleName('Run 1: succeeded');

  // From the run's end on the timeline: Explore…, three variants of Answer's model.
  await page.getByRole('region', { name: 'Timeline' }).getByRole('button', { name: 'Explore…' }).click();
  const form = page.getByRole('dialog', { name: 'Explore variants' });
  await form.getByLabel('Step to vary').selectOption({ label: 'Answer' });
  await form.getByLabel('Variant A model').selectOption({ label: 'Answer (long)' });
  await form.getByLabel('Variant B model').selectOption({ label: 'Answer (medium)' });
  await form.getByLabel('Variant C model').selectOption({ label: 'Answer (short)' });
  await expect(form.getByLabel(/The flow’s tests \(2: one point per test that passes\)/)).toBeChecked();
  await form.getByLabel('Dollars').fill('1');
  await page.screenshot({ path: test.info().outputPath('explore-form.png') });
  expect(await seriousViolations(page)).toEqual([]);
  await form.getByRole('button', { name: 'Explore 3 variants' }).click();
  await expect(form).toBeHidden();

  // The Explore view: the three forks side by side, scored when all have finished, ranked best first.
  const view = page.getByRole('region', { name: 'Explore' });
  await expect(view.getByText('Ranked: the winner is marked.')).toBeVisible();
  const rows = view.getByRole('row');
  await expect(rows).toHaveCount(4);
  await expect(rows.nth(1)).toHaveAccessibleName('C: “Answer” with model Answer (short) (winner)');
  await expect(rows.nth(1).getByRole('cell').first()).toHaveText('1');
  await expect(rows.nth(1)).toContainText('2 of 2 tests pass');
  await expect(rows.nth(1)).toContainText('★ Winner');
  await expect(rows.nth(2)).toContainText('B: “Answer” with model Answer (medium)');
  await expect(rows.nth(2)).toContainText('1 of 2 tests pass');
  await expect(rows.nth(3)).toContainText('A: “Answer” with model Answer (long)');
  await expect(rows.nth(3)).toContainText('0 of 2 tests pass');
  await expect(rows.nth(3).getByRole('cell').first()).toHaveText('3');
  for (const row of [1, 2, 3]) await expect(rows.nth(row)).toContainText('succeeded');
  await page.screenshot({ path: test.info().outputPath('explore-view.png') });
  expect(await seriousViolations(page)).toEqual([]);

  // The flow is untouched until the winner is promoted; then its step runs the winner's model.
  // The inspector's first fact is the step's model (in the flow, not in the run shown).
  const stepModel = studio.inspector.getByRole('definition').first();
  await view.getByRole('button', { name: 'Close' }).click();
  await studio.selectStep('Answer');
  await expect(stepModel).toHaveText(/^Answer \(v1\)/);
  await page.getByRole('button', { name: 'Observe ▾' }).click();
  await page.getByRole('menuitem', { name: 'Explore' }).click();
  await view.getByRole('button', { name: 'Promote winner' }).click();
  await expect(view.getByRole('button', { name: 'Promoted' })).toBeDisabled();
  await expect(view).toContainText('C: “Answer” with model Answer (short) is the flow’s default now.');
  await view.getByRole('button', { name: 'Close' }).click();
  await studio.selectStep('Answer');
  await expect(stepModel).toHaveText(/^Answer \(short\) \(v1\)/);

  // One undo takes the promotion back.
  await page.getByRole('toolbar', { name: 'Flow' }).getByRole('button', { name: 'Undo' }).click();
  await expect(stepModel).toHaveText(/^Answer \(v1\)/);
});

test('a CEL score ranks the variants, a failed one last with no score and the reason', async ({ page }) => {
  const studio = await openProject(page, project, 'Explore');
  await studio.pressRun();
  await expect(studio.run(1)).toHaveAccessibleName('Run 1: succeeded');

  await page.getByRole('region', { name: 'Timeline' }).getByRole('button', { name: 'Explore…' }).click();
  const form = page.getByRole('dialog', { name: 'Explore variants' });
  await form.getByLabel('Variant A model').selectOption({ label: 'Answer (broken)' });
  await form.getByLabel('Variant B model').selectOption({ label: 'Answer (medium)' });
  await form.getByRole('button', { name: 'Remove variant C' }).click();
  await expect(form.getByRole('button', { name: 'Remove variant B' })).toBeDisabled();
  await form.getByLabel('A CEL expression').check();
  // A broken expression is refused in the form, and nothing starts.
  await form.getByLabel(/^Score expression/).fill('100 - size(');
  await form.getByRole('button', { name: 'Explore 2 variants' }).click();
  await expect(form.getByRole('alert')).toContainText('The score is not a valid CEL expression');
  await form.getByLabel(/^Score expression/).fill('100 - size(outputs["Answer"].answer)');
  await form.getByRole('button', { name: 'Explore 2 variants' }).click();
  await expect(form).toBeHidden();

  const view = page.getByRole('region', { name: 'Explore' });
  await expect(view.getByText('Ranked: the winner is marked.')).toBeVisible();
  const rows = view.getByRole('row');
  await expect(rows.nth(1)).toHaveAccessibleName('B: “Answer” with model Answer (medium) (winner)');
  await expect(rows.nth(1)).toContainText(`Score ${100 - 'forty-two'.length}`);
  await expect(rows.nth(2)).toContainText('A: “Answer” with model Answer (broken)');
  await expect(rows.nth(2)).toContainText('failed');
  await expect(rows.nth(2)).toContainText('Its run failed, so it has no score.');
});
