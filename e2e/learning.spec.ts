import { expect, test } from '@playwright/test';
import { setMonacoText } from './support/monacoEditor';
import { configure, flow, openProject, step, text } from './support/definitionsProject';

// The local OpenAI-compatible server Playwright starts: the requested model name says how it
// behaves. `down` always answers 503; `echo` always answers.
const LLM = `http://127.0.0.1:${process.env.STUDIO_LLM_PORT ?? 4599}/v1`;
const llm = (modelId: string, name: string, model: string) => ({
  type: 'model.saved',
  data: {
    model: {
      modelId,
      kind: 'llm',
      name,
      version: 1,
      inputs: [text('topic')],
      outputs: [text('text')],
      baseUrl: LLM,
      model,
      prompt: 'Write about {{topic}}',
      pricing: { inputPerMTok: 3, outputPerMTok: 15 },
      timeoutMs: 10_000,
    },
  },
});

// Runs with the chain as written before learning is turned on: each one tries Primary (down),
// then falls back to Backup. After 8 of them, Thompson sampling puts Backup first in all but
// about 1 draw in 2,000 (Beta(1, 9) against Beta(9, 1), less Backup's cost weight of 0.2).
const FIXED_RUNS = 8;

test.beforeEach(async ({ request }) => {
  await request.post(`${LLM.replace('/v1', '')}/__reset`);
});

test('with learning on in Policies, the conductor tries the model that has been working first, and the inspector names it and says why', async ({
  page,
  request,
}, testInfo) => {
  const studio = await openProject(
    page,
    [
      llm('m_primary', 'Primary', 'down'),
      llm('m_backup', 'Backup', 'echo'),
      flow,
      step('s_answer', 'm_primary', 'Answer', 0, 0),
      configure('s_answer', { fallbacks: ['m_backup'] }),
    ],
    'Learning',
  );
  for (let n = 1; n <= FIXED_RUNS; n++) {
    await studio.pressRun();
    await expect(studio.run(n)).toHaveAccessibleName(`Run ${n}: succeeded`, { timeout: 30_000 });
  }
  // Learning is off by default: every run tried Primary first, then fell back.
  await studio.selectStep('Answer');
  await expect(studio.inspector.getByTestId('produced-by')).toHaveText('Produced by Backup v1 (fallback)');
  await expect(studio.inspector.getByRole('region', { name: 'Model choice' })).toHaveCount(0);

  await page.getByRole('button', { name: 'Policies', exact: true }).click();
  const policies = page.getByRole('complementary', { name: 'Policies' });
  await setMonacoText(
    page,
    'Policies document',
    '{\n  "project": {\n    "learning": { "fallbackOrder": "thompson" }\n  }\n}\n',
  );
  await expect(policies.getByRole('region', { name: 'Problems' })).toHaveCount(0);
  await policies.getByRole('button', { name: 'Save policies' }).click();
  await expect(policies.getByRole('status')).toHaveText('Policies saved.');
  await page.getByRole('button', { name: 'Policies', exact: true }).click();

  const learned = FIXED_RUNS + 1;
  await studio.pressRun();
  await expect(studio.run(learned)).toHaveAccessibleName(`Run ${learned}: succeeded`, { timeout: 30_000 });
  await studio.selectStep('Answer');
  const choice = studio.inspector.getByRole('region', { name: 'Model choice' });
  await expect(choice.getByTestId('model-choice')).toHaveText(
    new RegExp(`^Chose Backup: ${FIXED_RUNS} of ${FIXED_RUNS} succeeded, \\$0\\.000\\d+ a call\\.$`),
  );
  await expect(choice).toContainText('Tried in this order: Backup → Primary');
  // Backup came first and answered: one attempt, not a fallback, and Primary was not called again.
  const attempts = studio.inspector.getByRole('list', { name: 'Attempts' }).getByRole('listitem');
  await expect(attempts).toHaveCount(1);
  await expect(attempts.first()).toContainText('Backup v1');
  await expect(attempts.first()).not.toContainText('fallback');
  await expect(studio.inspector.getByTestId('produced-by')).toHaveText('Produced by Backup v1');
  const seen = (await (await request.get(`${LLM.replace('/v1', '')}/__requests`)).json()) as Array<{ model: string }>;
  expect([seen.filter((r) => r.model === 'down').length, seen.filter((r) => r.model === 'echo').length]).toEqual([
    FIXED_RUNS,
    learned,
  ]);
  await studio.inspector.screenshot({ path: testInfo.outputPath('learning-inspector.png') });

  // Metrics: the runs before learning against the learned one.
  await page.getByRole('button', { name: 'Observe ▾' }).click();
  await page.getByRole('menu', { name: 'Observe' }).getByRole('menuitem', { name: 'Metrics' }).click();
  const effect = page.getByRole('region', { name: 'Learning effect' });
  await expect(effect.getByRole('row', { name: /^Fixed order \(before\)/ })).toContainText(`${FIXED_RUNS}100%`);
  await expect(effect.getByRole('row', { name: /^Learned order/ })).toContainText('1100%');
  await expect(effect).toContainText('With learning: success 100% → 100%');
  await expect(effect).toContainText('model calls a run 2.0 → 1.0');
  await effect.scrollIntoViewIfNeeded();
  await page.getByRole('region', { name: 'Metrics' }).screenshot({ path: testInfo.outputPath('learning-metrics.png') });
});
