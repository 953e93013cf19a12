import { expect, test } from '@playwright/test';
import { flow, openProject, step, text } from './support/definitionsProject';

// The local OpenAI-compatible server Playwright starts: its `slow` model streams three words every
// 300 ms, and its request log says whether the client hung up before the reply ended.
const LLM = `http://127.0.0.1:${process.env.STUDIO_LLM_PORT ?? 4599}/v1`;
const SERVER = LLM.replace('/v1', '');

test.beforeEach(async ({ request }) => {
  await request.post(`${SERVER}/__reset`);
});

test('Stop aborts the LLM call in flight: the server sees the studio hang up before the reply ends', async ({
  page,
  request,
}) => {
  const studio = await openProject(
    page,
    [
      {
        type: 'model.saved',
        data: {
          model: {
            modelId: 'm_slow',
            kind: 'llm',
            name: 'Writer',
            version: 1,
            inputs: [text('topic')],
            outputs: [text('text')],
            baseUrl: LLM,
            model: 'slow',
            system: '',
            prompt: 'Write about {{topic}}',
            pricing: { inputPerMTok: 3, outputPerMTok: 15 },
            timeoutMs: 120_000,
          },
        },
      },
      flow,
      step('s_write', 'm_slow', 'Write', 0, 0),
    ],
    'Stop an LLM call',
  );
  // A long topic: the echoed reply takes about 30 s to stream, far longer than the test waits.
  await page.getByLabel('Run input').fill(Array.from({ length: 300 }, (_, i) => `word${i}`).join(' '));
  await studio.pressRun();
  await studio.selectStep('Write');
  await expect(studio.inspector.getByTestId('live-stream')).toContainText('Echo:', { timeout: 15_000 });

  await page.getByRole('banner').getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(studio.run(1)).toHaveAccessibleName(/^Run 1: interrupted/);
  await expect
    .poll(async () => {
      const seen = (await (await request.get(`${SERVER}/__requests`)).json()) as Array<{
        model: string;
        disconnected: boolean;
      }>;
      return seen.filter((r) => r.model === 'slow').map((r) => r.disconnected);
    })
    .toEqual([true]);
});
