import { expect, test } from '@playwright/test';
import { configure, edge, flow, openProject, script, step } from './support/definitionsProject';

test('a quorum join starts once 2 of its 3 inputs arrive, without waiting for the slow one', async ({ page }) => {
  const studio = await openProject(
    page,
    [
      script(
        'm_fast',
        'Fast',
        { inputs: ['in'], outputs: ['out'] },
        "ctx.emit('out', 'fast:' + String(ctx.inputs.in));",
      ),
      script(
        'm_slow',
        'Slow',
        { inputs: ['in'], outputs: ['out'] },
        "await new Promise((r) => setTimeout(r, 4000)); ctx.emit('out', 'slow');",
      ),
      script(
        'm_vote',
        'Vote',
        { inputs: ['a', 'b', 'c'], outputs: ['out'] },
        "ctx.emit('out', 'got ' + Object.keys(ctx.inputs).sort().join(','));",
      ),
      flow,
      step('s_a', 'm_fast', 'Voter A', 0, 0),
      step('s_b', 'm_fast', 'Voter B', 0, 200),
      step('s_c', 'm_slow', 'Voter C', 0, 400),
      step('s_vote', 'm_vote', 'Tally', 320, 200),
      edge('e_a', 's_a', 'out', 's_vote', 'a'),
      edge('e_b', 's_b', 'out', 's_vote', 'b'),
      edge('e_c', 's_c', 'out', 's_vote', 'c'),
      configure('s_vote', { join: { policy: 'quorum', n: 2 } }),
    ],
    'Quorum',
  );
  await expect(studio.step('Tally').getByRole('list', { name: 'settings' })).toHaveText('2 of 3');
  await studio.pressRun();
  await expect(studio.stepStatus('Tally')).toHaveText('done');
  // The slow voter is still working when the tally is done.
  await expect(studio.stepStatus('Voter C')).toHaveText('running');
  await studio.selectStep('Tally');
  await expect(studio.inspector).toContainText('got a,b');
  await expect(studio.run(1)).toHaveAccessibleName('Run 1: succeeded');
});

test('reverse reconstruction: given the code and the tests, the missing spec is rebuilt by the inverse model', async ({
  page,
}) => {
  const studio = await openProject(
    page,
    [
      script(
        'm_spec',
        'Write spec',
        { inputs: ['idea'], outputs: ['spec'] },
        "ctx.emit('spec', 'spec of ' + String(ctx.inputs.idea));",
      ),
      script(
        'm_code',
        'Write code',
        { inputs: ['spec'], outputs: ['code'] },
        "ctx.emit('code', 'code for ' + String(ctx.inputs.spec));",
      ),
      script(
        'm_tests',
        'Write tests',
        { inputs: ['code'], outputs: ['tests'] },
        "ctx.emit('tests', 'tests for ' + String(ctx.inputs.code));",
      ),
      script(
        'm_inverse',
        'Spec from code',
        { inputs: ['code', 'tests'], outputs: ['spec'] },
        "ctx.emit('spec', 'Rebuilt spec: what ' + String(ctx.inputs.code) + ' does, as ' + String(ctx.inputs.tests) + ' checks');",
      ),
      flow,
      step('s_spec', 'm_spec', 'Spec', 0, 0),
      step('s_code', 'm_code', 'Code', 320, 0),
      step('s_tests', 'm_tests', 'Tests', 640, 0),
      edge('e_1', 's_spec', 'spec', 's_code', 'spec'),
      edge('e_2', 's_code', 'code', 's_tests', 'code'),
      configure('s_spec', {
        rebuild: {
          model: 'm_inverse',
          from: [
            { stepId: 's_code', port: 'code', as: 'code' },
            { stepId: 's_tests', port: 'tests', as: 'tests' },
          ],
        },
      }),
    ],
    'Reverse',
  );
  // The canvas draws the reverse direction: one edge from each downstream source back to Spec.
  await expect(page.getByTestId('reverse-edge')).toHaveCount(2);
  await expect(studio.step('Spec').getByRole('list', { name: 'settings' })).toHaveText('⟲ rebuildable');

  await page.getByRole('button', { name: 'Run with…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Run with artifacts' });
  await dialog.getByLabel('Code · code').fill('add(a, b)');
  await dialog.getByLabel('Tests · tests').fill('add(1, 2) === 3');
  await dialog.getByRole('button', { name: 'Start run' }).click();

  await expect(studio.run(1)).toHaveAccessibleName('Run 1: succeeded');
  await expect(studio.step('Spec').getByTestId('step-note')).toHaveText('⟲ rebuilt from downstream');
  await expect(page.getByTestId('reverse-edge').first()).toHaveAttribute('data-used', 'true');
  await studio.selectStep('Spec');
  await expect(studio.inspector.getByTestId('produced-by')).toHaveText(
    'Produced by Spec from code v1 (rebuilt from downstream)',
  );
  await expect(studio.inspector).toContainText('Rebuilt spec: what add(a, b) does, as add(1, 2) === 3 checks');
});

test('a sub-flow step runs another flow of the project and takes its output; double-click opens that flow', async ({
  page,
}) => {
  const inner = 'f_inner';
  const studio = await openProject(
    page,
    [
      script(
        'm_shout',
        'Shout',
        { inputs: ['in'], outputs: ['out'] },
        "ctx.emit('out', String(ctx.inputs.in).toUpperCase() + '!');",
      ),
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
            name: 'Shouting flow',
            version: 1,
            flowId: inner,
            inputs: [{ name: 'in', type: 'text' }],
            outputs: [{ name: 'out', type: 'text' }],
          },
        },
      },
      flow,
      { type: 'flow.created', data: { flowId: inner, name: 'Shouting' } },
      {
        type: 'step.added',
        data: { flowId: inner, stepId: 's_inner', modelId: 'm_shout', label: 'Shout it', position: { x: 0, y: 0 } },
      },
      step('s_sub', 'm_sub', 'Shout via sub-flow', 0, 0),
      step('s_wrap', 'm_wrap', 'Wrap', 320, 0),
      edge('e_1', 's_sub', 'out', 's_wrap', 'in'),
    ],
    'Sub-flows',
  );
  await expect(studio.step('Shout via sub-flow').getByLabel('kind: sub-flow')).toBeVisible();
  await page.getByLabel('Run input').fill('hello');
  await studio.pressRun();
  await expect(studio.run(1)).toHaveAccessibleName('Run 1: succeeded');
  await studio.selectStep('Wrap');
  await expect(studio.inspector).toContainText('[HELLO!]');

  await studio.step('Shout via sub-flow').locator('.step-node__label').dblclick();
  await expect(page.getByRole('combobox', { name: 'Current flow' })).toHaveValue(inner);
  await expect(studio.stepStatus('Shout it')).toBeVisible();
  await page.getByRole('button', { name: '← back to Main' }).click();
  await expect(studio.step('Wrap')).toBeVisible();
});
