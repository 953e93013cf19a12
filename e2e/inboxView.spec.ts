import { expect, test } from '@playwright/test';
import { configure, edge, flow, openProject, script, step, text } from './support/definitionsProject';

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
      check: { type: 'approval', question: 'Ship this draft?' },
      timeoutMs: 3_600_000,
    },
  },
};

test('the inbox: a person types a human step’s output, then approves the gate with notes; each ask leaves the inbox once answered', async ({
  page,
}) => {
  const studio = await openProject(page, [
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
          instructions: 'Write the draft.',
        },
      },
    },
    gate,
    flow,
    step('s_write', 'm_writer', 'Write', 0, 0),
    step('s_gate', 'm_signoff', 'Sign off', 320, 0),
    edge('e_1', 's_write', 'draft', 's_gate', 'in'),
  ]);
  await expect(studio.step('Write').getByLabel('kind: person')).toBeVisible();
  await expect(studio.step('Sign off').getByLabel('kind: approval gate')).toBeVisible();
  const inboxButton = page.getByRole('button', { name: /^Inbox/ });
  await expect(inboxButton).toHaveAccessibleName('Inbox');

  await inboxButton.press('Enter');
  const inbox = page.getByRole('complementary', { name: 'Inbox' });
  await expect(inbox.getByText('Nothing waits for you.')).toBeVisible();

  await studio.pressRun();
  await expect(studio.stepStatus('Write')).toHaveText('asking');
  await expect(studio.step('Write').getByTestId('step-note')).toHaveText(/^Waiting for you/);
  await expect(inboxButton).toHaveAccessibleName('Inbox (1)');

  const input = inbox.getByRole('article', { name: 'Input: Write in Run 1' });
  await expect(input).toBeVisible();
  // An empty answer is refused where it was typed, and nothing is sent.
  await input.getByRole('button', { name: 'Submit' }).click();
  await expect(input.getByRole('alert')).toHaveText('draft is empty.');
  await input
    .getByLabel('Upload file for draft')
    .setInputFiles({ name: 'draft.txt', mimeType: 'text/plain', buffer: Buffer.from('A draft from a file') });
  await expect(input.getByLabel('draft (text)')).toHaveValue('A draft from a file');
  await input.getByLabel('draft (text)').fill('Our plan, in one line.');
  await input.getByRole('button', { name: 'Submit' }).click();
  await expect(input).toBeHidden();

  const approval = inbox.getByRole('article', { name: 'Approval: Sign off in Run 1' });
  await expect(approval.getByText('Ship this draft?')).toBeVisible();
  await expect(approval.getByRole('figure', { name: 'Artifact Sign off · in' })).toContainText(
    'Our plan, in one line.',
  );
  await expect(studio.stepStatus('Sign off')).toHaveText('asking');
  await approval.getByLabel('Notes').fill('Reads well.');
  await approval.getByRole('button', { name: 'Approve' }).click();

  await expect(inbox.getByText('Nothing waits for you.')).toBeVisible();
  await expect(inboxButton).toHaveAccessibleName('Inbox');
  await expect(studio.run(1)).toHaveAccessibleName('Run 1: succeeded');
  await expect(studio.stepStatus('Sign off')).toHaveText('done');

  await inboxButton.click();
  await studio.selectStep('Sign off');
  const asks = studio.inspector.getByRole('region', { name: 'Asks' });
  await expect(asks).toContainText('approved by a person');
  await expect(asks).toContainText('Reads well.');
});

test('a run on the canvas: settings badges, a reverse edge, a skipped branch, a retry and its fallback, a map, the run’s meters, and an ask answered from the inspector', async ({
  page,
}) => {
  const studio = await openProject(page, [
    script(
      'm_draft',
      'Drafter',
      { inputs: ['brief'], outputs: ['text'] },
      "ctx.emit('text', 'Draft: ' + String(ctx.inputs.brief));",
    ),
    script(
      'm_split',
      'Splitter',
      { inputs: ['in'], outputs: ['items'], json: ['items'] },
      "ctx.emit('items', ['a', 'b', 'c']);",
    ),
    script(
      'm_each',
      'Upper',
      { inputs: ['items'], outputs: ['out'], json: ['items'] },
      "ctx.emit('out', String(ctx.inputs.items).toUpperCase());",
    ),
    script('m_flaky', 'Flaky', { inputs: ['in'], outputs: ['out'] }, "throw new Error('flaky on purpose');"),
    script('m_echo', 'Echo', { inputs: ['in'], outputs: ['out'] }, "ctx.emit('out', 'echo ' + String(ctx.inputs.in));"),
    script(
      'm_inverse',
      'Inverse',
      { inputs: ['polished'], outputs: ['out'] },
      "ctx.emit('out', String(ctx.inputs.polished));",
    ),
    {
      type: 'model.saved',
      data: {
        model: {
          modelId: 'm_route',
          kind: 'branch',
          name: 'Size router',
          version: 1,
          inputs: [text('value')],
          outputs: [text('long'), text('short')],
          routes: [
            { port: 'long', when: 'size(value) > 10000' },
            { port: 'short', when: 'true' },
          ],
        },
      },
    },
    gate,
    flow,
    step('s_write', 'm_draft', 'Write', 0, 0),
    step('s_route', 'm_route', 'Route', 300, 0),
    step('s_long', 'm_echo', 'Expand', 600, -200),
    step('s_short', 'm_flaky', 'Tidy', 600, 100),
    step('s_polish', 'm_echo', 'Polish', 900, 100),
    step('s_gate', 'm_signoff', 'Sign off', 1200, 100),
    step('s_split', 'm_split', 'Split', 300, 300),
    step('s_each', 'm_each', 'Each item', 600, 350),
    edge('e_1', 's_write', 'text', 's_route', 'value'),
    edge('e_2', 's_route', 'long', 's_long', 'in'),
    edge('e_3', 's_route', 'short', 's_short', 'in'),
    edge('e_4', 's_short', 'out', 's_polish', 'in'),
    edge('e_5', 's_polish', 'out', 's_gate', 'in'),
    edge('e_6', 's_write', 'text', 's_split', 'in'),
    edge('e_7', 's_split', 'items', 's_each', 'items'),
    configure('s_short', {
      retry: { maxAttempts: 2, backoff: 'fixed', baseMs: 2_000, on: ['script-error'] },
      fallbacks: ['m_echo'],
      rebuild: { model: 'm_inverse', from: [{ stepId: 's_polish', port: 'out', as: 'polished' }] },
    }),
    configure('s_long', { critical: false }),
    configure('s_each', { map: { port: 'items', concurrency: 2 } }),
    {
      type: 'policies.saved',
      data: {
        source: '{ "project": { "budget": { "run": { "wallMs": 60000 } } } }',
        document: { project: { budget: { run: { wallMs: 60_000 } } }, flows: {} },
      },
    },
  ]);

  const tidySettings = studio.step('Tidy').getByRole('list', { name: 'settings' });
  await expect(tidySettings.getByRole('listitem')).toHaveText(['↻2', '⇢1', '⟲ rebuildable']);
  await expect(studio.step('Expand').getByLabel('optional: skipped if it fails')).toHaveText('optional');
  await expect(studio.step('Route').getByLabel('kind: branch')).toBeVisible();
  await expect(page.getByTestId('reverse-edge')).toHaveCount(1);
  await expect(page.getByRole('img', { name: 'Rebuild Tidy from Polish out' })).toBeAttached();

  await studio.pressRun();
  await expect(studio.stepStatus('Tidy')).toHaveText('retrying');
  await expect(studio.step('Tidy').getByTestId('step-note')).toHaveText(/^retry 2 (in \ds|now)$/);
  await expect(studio.stepStatus('Expand')).toHaveText('skipped');
  await expect(page.getByRole('group', { name: 'Edge from Route long to Expand in (inactive)' })).toBeAttached();
  await expect(studio.stepStatus('Each item')).toHaveText('done');

  await expect(studio.stepStatus('Sign off')).toHaveText('asking');
  await expect(page.getByRole('button', { name: 'Inbox (1)' })).toBeVisible();
  await studio.selectStep('Tidy');
  await expect(studio.inspector.getByTestId('produced-by')).toHaveText('Produced by Echo v1 (fallback)');
  await expect(studio.inspector.getByRole('list', { name: 'Attempts' }).getByRole('listitem')).toHaveCount(3);
  await studio.selectStep('Route');
  await expect(studio.inspector.getByTestId('step-route')).toHaveText(/^took: short — /);
  await expect(page.getByRole('meter', { name: 'Run time' })).toHaveAttribute('aria-valuemax', '60000');

  await studio.selectStep('Sign off');
  await studio.inspector
    .getByRole('article', { name: 'Approval: Sign off' })
    .getByRole('button', { name: 'Reject' })
    .click();
  await expect(studio.run(1)).toHaveAccessibleName('Run 1: failed');
  await expect(studio.inspector.getByRole('region', { name: 'Asks' })).toContainText('rejected by a person');
});
