import { expect, test } from '@playwright/test';
import { CommandPalette } from './pages/commandPalette';
import { flow, openProject, step, text } from './support/definitionsProject';
import { providersPort, runnerApiPort } from '../playwright.config';

// The runner's LLM path goes through the same provider adapters as the browser's: an Anthropic
// model run on the runner (started by playwright.config.ts) streams from the Anthropic stand-in.
const STAND_INS = `http://127.0.0.1:${providersPort}`;
const TOPIC =
  'tide pools at dawn, where anemones open one by one, small crabs wander between the rocks, gulls call over the still water, and the tide comes slowly back in across the sand until the pools are gone again';

test('an Anthropic model on the runner streams its reply from the Anthropic stand-in into the inspector', async ({
  page,
  request,
}) => {
  await request.post(`${STAND_INS}/__reset`);
  const writer = {
    type: 'model.saved',
    data: {
      model: {
        modelId: 'm_claude',
        kind: 'llm',
        name: 'Claude writer',
        version: 1,
        inputs: [text('topic')],
        outputs: [text('text')],
        provider: 'anthropic',
        baseUrl: `${STAND_INS}/v1`,
        model: 'slow',
        system: 'You are terse.',
        prompt: 'Write about {{topic}}',
        timeoutMs: 20_000,
      },
    },
  };
  const studio = await openProject(page, [writer, flow, step('s_write', 'm_claude', 'Write', 0, 0)], 'Remote Claude');
  await page.getByRole('button', { name: 'Observe ▾' }).click();
  await page.getByRole('menuitem', { name: 'Runner' }).click();
  const panel = page.getByRole('region', { name: 'Runner' });
  await panel.getByLabel('Runner address').fill(`http://127.0.0.1:${runnerApiPort}`);
  await panel.getByRole('button', { name: 'Connect' }).click();
  await expect(panel.getByRole('status').first()).toContainText('Connected');

  await panel.getByLabel('Run input').fill(TOPIC);
  await panel.getByRole('button', { name: 'Run “Main” on runner' }).click();
  await new CommandPalette(page).runCommand('open inspector', 'Open Inspector');
  await studio.selectStep('Write');
  const live = studio.inspector.getByTestId('live-stream');
  await expect(live).toContainText('Echo:');
  await expect(studio.stepStatus('Write')).toHaveText('running');
  await expect(studio.stepStatus('Write')).toHaveText('done', { timeout: 30_000 });
  await expect(studio.inspector).toContainText(`Echo: Write about ${TOPIC}`);
  const seen = (await (await request.get(`${STAND_INS}/__requests`)).json()) as Array<{
    provider: string;
    model: string;
  }>;
  expect(seen).toMatchObject([{ provider: 'anthropic', model: 'slow' }]);
});
