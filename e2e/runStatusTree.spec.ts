import { expect, test } from '@playwright/test';
import { edge, flow, openProject, script, step, text } from './support/definitionsProject';

const gate = {
  type: 'model.saved',
  data: {
    model: {
      modelId: 'm_signoff',
      kind: 'gate',
      name: 'Sign-off',
      version: 1,
      inputs: [text('in')],
      outputs: [text('pass')],
      check: { type: 'approval', question: 'Ship this build?' },
      timeoutMs: 3_600_000,
    },
  },
};
const budget = {
  type: 'policies.saved',
  data: {
    source: '{ "project": { "budget": { "run": { "wallMs": 60000 } } } }',
    document: { project: { budget: { run: { wallMs: 60_000 } } }, flows: {} },
  },
};

test('a running run shows its progress, what it is at, the next gate and its spend, in its Runs entry and over the canvas', async ({
  page,
}) => {
  const studio = await openProject(
    page,
    [
      script('m_fast', 'Fast', { inputs: ['in'], outputs: ['out'] }, "ctx.emit('out', String(ctx.inputs.in) + '.');"),
      script(
        'm_slow',
        'Slow',
        { inputs: ['in'], outputs: ['out'] },
        "await new Promise((r) => setTimeout(r, 4000)); ctx.emit('out', 'deployed');",
      ),
      gate,
      budget,
      flow,
      step('s_a', 'm_fast', 'Build', 0, 0),
      step('s_b', 'm_fast', 'Test', 300, 0),
      step('s_gate', 'm_signoff', 'Sign off', 600, 0),
      step('s_d', 'm_slow', 'Deploy', 900, 0),
      step('s_e', 'm_fast', 'Announce', 1200, 0),
      edge('e_1', 's_a', 'out', 's_b', 'in'),
      edge('e_2', 's_b', 'out', 's_gate', 'in'),
      edge('e_3', 's_gate', 'pass', 's_d', 'in'),
      edge('e_4', 's_d', 'out', 's_e', 'in'),
    ],
    'Run status',
  );
  const header = page.getByRole('region', { name: 'Shown run' });
  await expect(header).toBeHidden();
  await studio.pressRun();

  // At the gate: two of five steps settled, a person asked.
  const entry = page.getByRole('region', { name: 'Runs' }).getByRole('group', { name: 'Run 1 status' });
  await expect(entry.getByRole('progressbar', { name: 'Run 1 progress' })).toHaveAttribute(
    'aria-valuetext',
    '2 of 5 steps · 40%',
  );
  await expect(entry).toContainText('2 of 5 steps · 40%');
  await expect(entry).toContainText('Now: Sign off (asking)');
  await expect(entry).toContainText('Gate: Sign off waits for approval');
  await expect(entry).toContainText(/Spend: [\d.]+ (ms|s) of 1 min 0 s/);
  await expect(header).toContainText('Run 1 · running');
  await expect(header).toContainText('2 of 5 steps · 40%');
  await expect(header).toContainText('Gate: Sign off waits for approval');
  await expect(header).toContainText(/Spend: [\d.]+ (ms|s) of 1 min 0 s/);
  await header.screenshot({ path: test.info().outputPath('run-status-header.png') });
  await page.getByRole('region', { name: 'Runs' }).screenshot({ path: test.info().outputPath('run-status-entry.png') });

  // Approved: the slow step is at work, and no gate is left ahead.
  await page.getByRole('button', { name: /^Inbox/ }).click();
  await page
    .getByRole('article', { name: 'Approval: Sign off in Run 1' })
    .getByRole('button', { name: 'Approve' })
    .click();
  await expect(header).toContainText('3 of 5 steps · 60%');
  await expect(header).toContainText('Now: Deploy');
  await expect(header).not.toContainText('gate');
  await expect(studio.stepStatus('Deploy')).toHaveText('running');

  await expect(studio.run(1)).toHaveAccessibleName('Run 1: succeeded');
  await expect(header).toBeHidden();
  await expect(entry).toBeHidden();
});

test('a sub-flow run sits under its parent in the run tree while it works; its step reads running; opening it shows the child on the canvas', async ({
  page,
}) => {
  const inner = 'f_inner';
  const studio = await openProject(
    page,
    [
      {
        type: 'model.saved',
        data: {
          model: {
            modelId: 'm_writer',
            kind: 'human',
            name: 'Writer',
            version: 1,
            inputs: [text('brief')],
            outputs: [text('draft')],
            instructions: 'Write it.',
          },
        },
      },
      script(
        'm_wrap',
        'Wrap',
        { inputs: ['in'], outputs: ['out'] },
        "ctx.emit('out', '[' + String(ctx.inputs.in) + ']');",
      ),
      {
        type: 'model.saved',
        data: {
          model: {
            modelId: 'm_sub',
            kind: 'subflow',
            name: 'Writing flow',
            version: 1,
            flowId: inner,
            inputs: [text('in')],
            outputs: [text('draft')],
          },
        },
      },
      flow,
      { type: 'flow.created', data: { flowId: inner, name: 'Writing' } },
      {
        type: 'step.added',
        data: { flowId: inner, stepId: 's_write', modelId: 'm_writer', label: 'Write it', position: { x: 0, y: 0 } },
      },
      step('s_sub', 'm_sub', 'Write via sub-flow', 0, 0),
      step('s_wrap', 'm_wrap', 'Wrap', 320, 0),
      edge('e_1', 's_sub', 'draft', 's_wrap', 'in'),
    ],
    'Run tree',
  );
  const runs = page.getByRole('region', { name: 'Runs' });
  await studio.pressRun();

  // The child run waits for a person; its parent's step reads running, not waiting.
  const child = runs.getByRole('button', { name: 'Writing run 1: running' });
  await expect(child).toBeVisible();
  await expect(child).toContainText('from Write via sub-flow');
  await expect(
    runs.getByRole('listitem').filter({ has: page.getByRole('button', { name: 'Writing run 1: running' }) }),
  ).toHaveAttribute('style', /padding-left: 14px/);
  await expect(studio.run(1)).toHaveAccessibleName('Run 1: running');
  await expect(studio.stepStatus('Write via sub-flow')).toHaveText('running');
  await expect(runs.getByRole('group', { name: 'Writing run 1 status' })).toContainText('0 of 1 step · 0%');
  await runs.screenshot({ path: test.info().outputPath('run-tree.png') });

  // Drilling in with the step selected: the inner flow, its run, and no "step was removed".
  await studio.selectStep('Write via sub-flow');
  await expect(studio.inspector.getByLabel('Step name')).toHaveValue('Write via sub-flow');
  await studio.step('Write via sub-flow').locator('.step-node__label').dblclick();
  await expect(page.getByRole('combobox', { name: 'Current flow' })).toHaveValue(inner);
  await expect(runs.getByRole('button', { name: 'Run 1: running' })).toHaveAttribute('aria-current', 'true');
  await expect(studio.stepStatus('Write it')).toHaveText('asking');
  await expect(studio.inspector).not.toContainText('That step was removed');
  await expect(studio.inspector).toContainText('Select a step or an edge');
  await page.getByRole('button', { name: '← back to Main' }).click();

  // Opening the child from the tree, with a step selected: the child on the canvas.
  await studio.selectStep('Wrap');
  await child.click();
  await expect(page.getByRole('combobox', { name: 'Current flow' })).toHaveValue(inner);
  await expect(runs.getByRole('button', { name: 'Run 1: running' })).toHaveAttribute('aria-current', 'true');
  await expect(studio.stepStatus('Write it')).toHaveText('asking');
  await expect(studio.inspector).not.toContainText('That step was removed');
  const header = page.getByRole('region', { name: 'Shown run' });
  await expect(header).toContainText('Run 1 · running · sub-flow of Main run 1, step Write via sub-flow');
  await page.screenshot({ path: test.info().outputPath('child-on-canvas.png') });

  // The person writes; the child finishes and the parent takes its output.
  await page.getByRole('button', { name: /^Inbox/ }).click();
  const ask = page.getByRole('complementary', { name: 'Inbox' }).getByRole('article', { name: /^Input: Write it/ });
  await ask.getByLabel('draft (text)').fill('hello');
  await ask.getByRole('button', { name: 'Submit' }).click();
  await expect(runs.getByRole('button', { name: 'Run 1: succeeded' })).toBeVisible();
  await page.getByRole('button', { name: '← back to Main' }).click();
  await expect(studio.run(1)).toHaveAccessibleName('Run 1: succeeded');
  await expect(studio.stepStatus('Write via sub-flow')).toHaveText('done');
});

test('a run its budget gate stopped reads “stopped at a gate” in the Runs list, with the gate’s reason', async ({
  page,
}) => {
  const budgetGate = {
    type: 'model.saved',
    data: {
      model: {
        modelId: 'm_budget',
        kind: 'gate',
        name: 'Budget check',
        version: 1,
        inputs: [text('in')],
        outputs: [text('pass'), text('over')],
        check: { type: 'budget', reserve: { tokens: 1000 } },
        timeoutMs: 60_000,
      },
    },
  };
  const tokenBudget = {
    type: 'policies.saved',
    data: {
      source: '{ "project": { "budget": { "run": { "tokens": 100 } } } }',
      document: { project: { budget: { run: { tokens: 100 } } }, flows: {} },
    },
  };
  const studio = await openProject(
    page,
    [
      script('m_fast', 'Fast', { inputs: ['in'], outputs: ['out'] }, "ctx.emit('out', String(ctx.inputs.in) + '.');"),
      budgetGate,
      tokenBudget,
      flow,
      step('s_a', 'm_fast', 'Draft', 0, 0),
      step('s_gate', 'm_budget', 'Enough budget?', 300, 0),
      step('s_c', 'm_fast', 'Polish', 600, 0),
      edge('e_1', 's_a', 'out', 's_gate', 'in'),
      edge('e_2', 's_gate', 'pass', 's_c', 'in'),
    ],
    'Budget stop',
  );
  await studio.pressRun();
  const runs = page.getByRole('region', { name: 'Runs' });
  const entry = runs.getByRole('button', { name: 'Run 1: stopped at a gate' });
  await expect(entry).toBeVisible();
  await expect(entry).toHaveAttribute(
    'title',
    /^Stopped at the gate “Enough budget\?”: Did not pass: the run has 100 tokens/,
  );
  await expect(runs.getByRole('button', { name: 'Run 1: succeeded' })).toHaveCount(0);
});
