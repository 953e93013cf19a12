import { expect, test } from '@playwright/test';
import { flow, openProject, script, step, text } from './support/definitionsProject';

// The local OpenAI-compatible server Playwright starts (playwright.config.ts); model "long" replies
// with about 400 tokens, so a budget has something to cut.
const LLM = `http://127.0.0.1:${process.env.STUDIO_LLM_PORT ?? 4599}/v1`;

const policies = (document: object) => ({
  type: 'policies.saved',
  data: { source: JSON.stringify(document), document: { project: {}, flows: {}, ...document } },
});

test('a wall-time budget with onExceed "ask" asks a person in the Inbox, says it was the budget, and lets the step run past it', async ({
  page,
}) => {
  const studio = await openProject(
    page,
    [
      script(
        'm_slow',
        'Slow',
        { inputs: ['in'], outputs: ['out'] },
        "await new Promise((r) => setTimeout(r, 1500)); ctx.emit('out', 'slowly done');",
      ),
      flow,
      step('s_slow', 'm_slow', 'Slow step', 0, 0),
      policies({ flows: { Main: { budget: { run: { wallMs: 400 }, onExceed: 'ask' } } } }),
    ],
    'Wall-time budget',
  );
  await studio.pressRun();
  await expect(studio.stepStatus('Slow step')).toHaveText('asking', { timeout: 15_000 });
  const inboxButton = page.getByRole('button', { name: /^Inbox/ });
  await expect(inboxButton).toHaveAccessibleName('Inbox (1)');
  await inboxButton.click();
  const inbox = page.getByRole('complementary', { name: 'Inbox' });
  const ask = inbox.getByRole('article', { name: 'Budget: Slow step in Run 1' });
  await expect(ask).toContainText(
    "Stopped after 400 ms: the run's wall-time budget of 400 ms ran out. Allow it to run past the budget?",
  );
  await expect(ask).not.toContainText("raise the model's timeout");
  await ask.getByRole('button', { name: 'Approve' }).click();
  await expect(studio.run(1)).toHaveAccessibleName('Run 1: succeeded', { timeout: 15_000 });
  await expect(inbox.getByText('Nothing waits for you.')).toBeVisible();

  await inboxButton.click();
  await studio.selectStep('Slow step');
  const attempts = studio.inspector.getByRole('list', { name: 'Attempts' }).getByRole('listitem');
  await expect(attempts).toHaveCount(2);
  await expect(attempts.nth(0)).toContainText("Stopped after 400 ms: the run's wall-time budget of 400 ms ran out.");
  await expect(attempts.nth(1)).toContainText('succeeded');
});

test('an LLM reply cut short by a token budget succeeds with a note on its attempt naming the budget', async ({
  page,
  request,
}) => {
  await request.post(`${LLM.replace('/v1', '')}/__reset`);
  const studio = await openProject(
    page,
    [
      {
        type: 'model.saved',
        data: {
          model: {
            modelId: 'm_long',
            kind: 'llm',
            name: 'Long writer',
            version: 1,
            inputs: [text('topic')],
            outputs: [text('text')],
            baseUrl: LLM,
            model: 'long',
            system: '',
            prompt: 'Write about {{topic}}',
            pricing: { inputPerMTok: 3, outputPerMTok: 15 },
            timeoutMs: 10_000,
          },
        },
      },
      flow,
      step('s_write', 'm_long', 'Write', 0, 0),
      policies({ flows: { Main: { budget: { run: { tokens: 120 } } } } }),
    ],
    'Cut by a budget',
  );
  await studio.pressRun();
  await expect(studio.run(1)).toHaveAccessibleName('Run 1: succeeded', { timeout: 30_000 });
  await studio.selectStep('Write');
  const attempt = studio.inspector.getByRole('list', { name: 'Attempts' }).getByRole('listitem');
  await expect(attempt).toContainText('succeeded');
  await expect(attempt.getByRole('note')).toHaveText(
    "Its output was cut off at 120 tokens by the run's token budget of 120 tokens; it may be incomplete.",
  );
});
